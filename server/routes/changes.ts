import { Hono } from 'hono';
import { z } from 'zod';
import { LEVELS } from '../../core/levels.js';
import { badRequest, indicatorParam, meta, parseQuery, validate, withinParam } from '../http.js';
import { STATUS_LABELS, changesIn, vintageSummaries } from '../services/changes.js';
import { coverage, describe } from '../services/indicators.js';
import { sourcesById } from '../services/sources.js';
import { resolveWithin } from '../services/territories.js';
import type { Store } from '../store.js';
import { formatParams, requestedFormat, sendTable, valueHeader, type Column } from '../tabular.js';

const year = z.coerce.number().int().min(1900).max(2100);

export const changesQuery = z.object({
  indicator: indicatorParam,
  level: z.enum(LEVELS).default('commune').describe('niveau des territoires comparés'),
  within: withinParam,
  year: year
    .optional()
    .describe('millésime courant (défaut : le plus récent ayant une valeur dans le périmètre)'),
  since: year
    .optional()
    .describe('millésime précédent (défaut : le millésime qui précède, ayant une valeur dans le périmètre)'),
  ...formatParams,
});

export const vintagesQuery = z.object({});

export function changeColumns(indicator: string): Column[] {
  const header = valueHeader(indicator);
  return [
    { key: 'code', header: 'Code', type: 'string' },
    { key: 'name', header: 'Nom', type: 'string' },
    { key: 'departement', header: 'Département (code)', type: 'string' },
    { key: 'previous_year', header: 'Millésime précédent', type: 'int' },
    { key: 'previous_value', header: `${header} — précédent`, type: 'number' },
    { key: 'previous_flags', header: 'Signalements (précédent)', type: 'list' },
    { key: 'current_year', header: 'Millésime courant', type: 'int' },
    { key: 'current_value', header: `${header} — courant`, type: 'number' },
    { key: 'flags', header: 'Signalements (courant)', type: 'list' },
    { key: 'difference', header: 'Différence (courant − précédent)', type: 'number' },
    { key: 'difference_low', header: 'Différence : borne basse', type: 'number' },
    { key: 'difference_high', header: 'Différence : borne haute', type: 'number' },
    { key: 'statuses', header: 'Changements de statut SRU', type: 'list' },
    { key: 'note', header: 'Note', type: 'string' },
    { key: 'source_id', header: 'Identifiant de la source (courant)', type: 'string' },
  ];
}

export function changeRoutes(store: Store) {
  return new Hono()
    .get('/', validate('query', changesQuery), async (c) => {
      const q = c.req.valid('query');
      const format = requestedFormat(c, q.format);
      if (q.year !== undefined && q.since !== undefined && q.since >= q.year)
        throw badRequest(`« since » (${q.since}) doit précéder « year » (${q.year}).`, 'since');
      const { within } = await resolveWithin(store, q.within);
      const res = await changesIn(store, {
        indicator: q.indicator,
        level: q.level,
        within,
        year: q.year,
        since: q.since,
      });
      for (const [name, y] of [
        ['year', q.year],
        ['since', q.since],
      ] as const)
        if (y !== undefined && !res.years.includes(y))
          throw badRequest(
            `Aucune valeur de « ${q.indicator} » en ${y} dans ce périmètre (années : ${res.years.join(', ') || 'aucune'}).`,
            name,
            res.years.map(String),
          );
      const ids = res.rows.flatMap((r) => [r.previous?.source_id, r.current?.source_id]).filter(Boolean);
      const sources = await sourcesById(store, ids as string[]);
      const m = meta(store, {
        indicator: describe(q.indicator, await coverage(store)),
        level: q.level,
        within: q.within,
        year: res.year,
        previous_year: res.previous_year,
        years: res.years,
        series_break: res.series_break,
        statuses: STATUS_LABELS,
        total: res.rows.length,
        changed: res.rows.filter((r) => (r.difference ?? 0) !== 0 || r.statuses.length > 0).length,
        sources,
      });
      if (format !== 'json')
        return sendTable(
          c,
          format,
          q.csv_style,
          {
            name: `evolutions_${q.indicator}_${q.level}_${q.within.replace(':', '-')}_${res.previous_year ?? 'x'}-${res.year ?? 'x'}`,
            columns: changeColumns(q.indicator),
            rows: res.rows.map((r) => ({
              code: r.code,
              name: r.name,
              departement: r.departement,
              previous_year: r.previous?.year ?? res.previous_year,
              previous_value: r.previous?.value ?? null,
              previous_flags: r.previous?.flags ?? [],
              current_year: r.current?.year ?? res.year,
              current_value: r.current?.value ?? null,
              flags: r.current?.flags ?? [],
              difference: r.difference,
              difference_low: r.difference_low,
              difference_high: r.difference_high,
              statuses: r.statuses.map((s) => s.label),
              note: r.note,
              source_id: r.current?.source_id ?? null,
            })),
            sources,
            meta: {
              indicator: q.indicator,
              level: q.level,
              within: q.within,
              year: res.year,
              since: res.previous_year,
            },
          },
          store.buildId(),
        );
      return c.json({ data: res.rows, meta: m });
    })
    .get('/vintages', async (c) => {
      parseQuery(c, vintagesQuery);
      const data = await vintageSummaries(store);
      return c.json({
        data,
        meta: meta(store, {
          statuses: STATUS_LABELS,
          sources: await sourcesById(
            store,
            data.flatMap((v) => v.source_ids),
          ),
        }),
      });
    });
}
