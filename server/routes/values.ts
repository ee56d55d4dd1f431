import { Hono } from 'hono';
import { z } from 'zod';
import { LEVELS } from '../../core/levels.js';
import { indicatorParam, meta, validate, withinParam, yearParam } from '../http.js';
import { coverage, describe } from '../services/indicators.js';
import { resolveYear, valuesIn } from '../services/observations.js';
import { sourcesById } from '../services/sources.js';
import { resolveWithin } from '../services/territories.js';
import type { Store } from '../store.js';
import { formatParams, observationColumns, requestedFormat, sendTable } from '../tabular.js';

export const valuesQuery = z.object({
  indicator: indicatorParam,
  level: z.enum(LEVELS).default('commune').describe('niveau des territoires listés'),
  within: withinParam,
  year: yearParam,
  ...formatParams,
});

export function valuesRoutes(store: Store) {
  return new Hono().get('/', validate('query', valuesQuery), async (c) => {
    const q = c.req.valid('query');
    const format = requestedFormat(c, q.format);
    const { within } = await resolveWithin(store, q.within);
    const { year, available, newer } = await resolveYear(store, q.indicator, q.level, within, q.year);
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
      /** More recent years with values for part of the scope only (`latest` chose `year`). */
      newer_years: newer,
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
