import { Hono } from 'hono';
import { z } from 'zod';
import { INDICATOR_IDS, LEVELS, type Level } from '../../core/registry.js';
import { badRequest, meta, validate, withinParam, yearParam } from '../http.js';
import { latestYear, sourcesById, valuesIn, yearsOf, type Within } from '../queries.js';
import { resolveWithin } from '../scope.js';
import type { Store } from '../store.js';
import { formatParams, observationColumns, requestedFormat, sendTable } from '../tabular.js';
import { coverage, describe } from './indicators.js';

export const indicatorParam = z
  .enum(INDICATOR_IDS as [string, ...string[]])
  .describe('identifiant de l’indicateur (voir /api/indicators)');

export const valuesQuery = z.object({
  indicator: indicatorParam,
  level: z.enum(LEVELS).default('commune').describe('niveau des territoires listés'),
  within: withinParam,
  year: yearParam,
  ...formatParams,
});

/** The year a request asks for: `latest` in the scope, or a year that has values (else 400 with the list). */
export async function resolveYear(
  store: Store,
  indicator: string,
  level: Level,
  within: Within,
  year: string,
): Promise<{ year: number | null; available: number[] }> {
  const available = await yearsOf(store, indicator, level);
  if (year === 'latest') return { year: await latestYear(store, indicator, level, within), available };
  const y = Number(year);
  if (!available.includes(y)) {
    throw badRequest(
      `Aucune valeur de « ${indicator} » pour ${y} au niveau ${level}.`,
      'year',
      available.map(String),
    );
  }
  return { year: y, available };
}

export function valuesRoutes(store: Store) {
  return new Hono().get('/', validate('query', valuesQuery), async (c) => {
    const q = c.req.valid('query');
    const format = requestedFormat(c, q.format);
    const { within } = await resolveWithin(store, q.within);
    const { year, available } = await resolveYear(store, q.indicator, q.level, within, q.year);
    const rows = year === null ? [] : await valuesIn(store, q.indicator, q.level, within, year);
    const cov = await coverage(store);
    const sources = await sourcesById(
      store,
      rows.map((r) => r.source_id).filter((s): s is string => !!s),
    );
    const m = meta(store, {
      indicator: describe(q.indicator, cov),
      level: q.level,
      within: q.within,
      year,
      years: available,
      sources,
    });
    if (format !== 'json')
      return sendTable(
        c,
        format,
        q.csv_style,
        {
          name: `${q.indicator}_${q.level}_${q.within.replace(':', '-')}_${year ?? 'aucune-annee'}`,
          columns: [
            { key: 'code', header: 'Code', type: 'string' },
            { key: 'name', header: 'Nom', type: 'string' },
            ...observationColumns(q.indicator, q.level),
          ],
          rows: rows as unknown as Array<Record<string, unknown>>,
          sources,
          meta: { indicator: q.indicator, level: q.level, within: q.within, year },
        },
        store.buildId(),
      );
    return c.json({ data: rows, meta: m });
  });
}
