import { Hono } from 'hono';
import { z } from 'zod';
import { INDICATOR_IDS, LEVELS } from '../../core/registry.js';
import { badRequest, meta, validate } from '../http.js';
import { latestYear, parseWithin, sourcesById, valuesIn, yearsOf } from '../queries.js';
import type { Store } from '../store.js';
import { coverage, describe } from './indicators.js';

export const valuesQuery = z.object({
  indicator: z.enum(INDICATOR_IDS as [string, ...string[]]),
  level: z.enum(LEVELS).default('commune'),
  within: z
    .string()
    .max(40)
    .regex(
      /^(france|(region|departement|ept|epci):[0-9A-Za-z]{1,9})$/,
      'france, region:11, departement:92, ept:<SIREN> ou epci:<SIREN>',
    )
    .default('france'),
  year: z
    .string()
    .regex(/^(latest|\d{4})$/, '« latest » ou une année sur 4 chiffres')
    .default('latest'),
});

export function valuesRoutes(store: Store) {
  return new Hono().get('/', validate('query', valuesQuery), async (c) => {
    const q = c.req.valid('query');
    const within = parseWithin(q.within)!;
    const available = await yearsOf(store, q.indicator, q.level);
    let year: number | null;
    if (q.year === 'latest') year = await latestYear(store, q.indicator, q.level, within);
    else {
      year = Number(q.year);
      if (!available.includes(year)) {
        throw badRequest(
          `Aucune valeur de « ${q.indicator} » pour ${year} au niveau ${q.level}.`,
          'year',
          available.map(String),
        );
      }
    }
    const rows = year === null ? [] : await valuesIn(store, q.indicator, q.level, within, year);
    const cov = await coverage(store);
    return c.json({
      data: rows,
      meta: meta(store, {
        indicator: describe(q.indicator, cov),
        level: q.level,
        within: q.within,
        year,
        years: available,
        sources: await sourcesById(
          store,
          rows.map((r) => r.source_id).filter((s): s is string => !!s),
        ),
      }),
    });
  });
}
