import { Hono } from 'hono';
import { z } from 'zod';
import { INDICATORS, LEVELS, UNITS, fillYear } from '../../core/registry.js';
import { badRequest, codeList, meta, parseRef, validate } from '../http.js';
import { coverage, describe } from '../services/indicators.js';
import { latestWithParents, type LatestOut } from '../services/observations.js';
import { sourcesById } from '../services/sources.js';
import { requireTerritory } from '../services/territories.js';
import type { Store } from '../store.js';
import { FLAGS_COLUMN, decimalsOf, formatParams, requestedFormat, sendTable } from '../tabular.js';

const decimals = (row: Record<string, unknown>) => decimalsOf(String(row.indicator));

export const compareQuery = z.object({
  level: z.enum(LEVELS).default('commune').describe('niveau des codes donnés sans préfixe'),
  code: codeList(2, 6),
  ...formatParams,
});

export function compareRoutes(store: Store) {
  return new Hono().get('/', validate('query', compareQuery), async (c) => {
    const q = c.req.valid('query');
    const format = requestedFormat(c, q.format);
    const refs = q.code.map((r) => parseRef(r, q.level));
    const found = await Promise.all(refs.map((r) => requireTerritory(store, r.level, r.code)));
    const seen = new Set<string>();
    const unique = found.filter((f) => {
      const k = `${f.territory.level}:${f.territory.code}`;
      return seen.has(k) ? false : (seen.add(k), true);
    });
    if (unique.length < 2) throw badRequest('Deux territoires différents au moins.', 'code');
    // Values are keyed by code when all territories share a level, by « level:code » otherwise.
    const mixed = new Set(unique.map((f) => f.territory.level)).size > 1;
    const territories = unique.map((f) => ({
      ...f.territory,
      key: mixed ? `${f.territory.level}:${f.territory.code}` : f.territory.code,
      resolved_from: f.resolvedFrom,
    }));
    const many = await latestWithParents(store, territories);
    const latest = territories.map((t) => many.get(`${t.level}:${t.code}`) ?? []);
    const byKey = new Map(
      territories.map((t, i) => [t.key, new Map(latest[i]!.map((o) => [o.indicator, o]))] as const),
    );
    const cov = await coverage(store);
    const indicators = INDICATORS.map((def) => ({
      ...describe(def.id, cov),
      values: Object.fromEntries(
        territories.map((t) => [t.key, byKey.get(t.key)!.get(def.id) ?? null]),
      ) as Record<string, LatestOut | null>,
    }));
    const sources = await sourcesById(
      store,
      latest.flat().map((o) => o.source_id),
    );
    const m = meta(store, { sources, keyed_by: mixed ? ('level:code' as const) : ('code' as const) });
    if (format !== 'json')
      return sendTable(
        c,
        format,
        q.csv_style,
        {
          name: `comparaison_${territories.map((t) => t.code).join('-')}`,
          columns: [
            { key: 'indicator', header: 'Indicateur (identifiant)', type: 'string' },
            { key: 'label', header: 'Indicateur', type: 'string' },
            { key: 'unit', header: 'Unité', type: 'string' },
            { key: 'level', header: 'Niveau', type: 'string' },
            { key: 'code', header: 'Code', type: 'string' },
            { key: 'name', header: 'Nom', type: 'string' },
            { key: 'year', header: 'Année', type: 'int' },
            { key: 'reference', header: 'Date de référence', type: 'string' },
            { key: 'value', header: 'Valeur', type: 'number', decimals: (r) => decimals(r).value },
            {
              key: 'numerator',
              header: 'Numérateur',
              type: 'number',
              decimals: (r) => decimals(r).numerator,
            },
            {
              key: 'denominator',
              header: 'Dénominateur',
              type: 'number',
              decimals: (r) => decimals(r).denominator,
            },
            FLAGS_COLUMN,
            { key: 'note', header: 'Note', type: 'string' },
            { key: 'source_id', header: 'Identifiant de la source', type: 'string' },
          ],
          rows: indicators.flatMap((ind) =>
            territories.map((t) => {
              const v = ind.values[t.key] ?? null;
              const unit =
                t.level !== 'commune' && ind.aggregate_unit_label
                  ? ind.aggregate_unit_label
                  : UNITS[ind.unit].symbol || UNITS[ind.unit].label;
              return {
                indicator: ind.id,
                label: ind.short_label,
                unit,
                level: t.level,
                code: t.code,
                name: t.name,
                year: v?.year ?? null,
                reference: v ? fillYear(ind.reference, v.year) : null,
                value: v?.value ?? null,
                numerator: v?.numerator ?? null,
                denominator: v?.denominator ?? null,
                low: v?.low ?? null,
                high: v?.high ?? null,
                raw: v?.raw ?? null,
                flags: v?.flags ?? [],
                note: v ? v.note : 'aucune observation',
                source_id: v?.source_id ?? null,
              };
            }),
          ),
          sources,
          meta: { territories: territories.map((t) => t.key) },
        },
        store.buildId(),
      );
    return c.json({ data: { territories, indicators }, meta: m });
  });
}
