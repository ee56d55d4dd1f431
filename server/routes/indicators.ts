import { Hono } from 'hono';
import { z } from 'zod';
import { FLAGS, INDICATORS, INDICATOR_IDS, UNITS, indicator as getIndicator } from '../../core/registry.js';
import { meta, notFound, validate } from '../http.js';
import type { Store } from '../store.js';

export interface IndicatorCoverage {
  years: number[];
  levels: string[];
}

/** Years and levels that have at least one value, per indicator (cached per build). */
export function coverage(store: Store): Promise<Record<string, IndicatorCoverage>> {
  return store.cached('coverage', async () => {
    const rows = await store.all<{ indicator: string; years: number[]; levels: string[] }>(
      `SELECT indicator, list(DISTINCT year ORDER BY year) AS years, list(DISTINCT level ORDER BY level) AS levels
       FROM observations WHERE value IS NOT NULL GROUP BY indicator`,
    );
    return Object.fromEntries(rows.map((r) => [r.indicator, { years: r.years, levels: r.levels }]));
  });
}

export function describe(id: string, cov: Record<string, IndicatorCoverage>) {
  const def = getIndicator(id);
  return {
    ...def,
    unit_symbol: UNITS[def.unit].symbol,
    unit_label: UNITS[def.unit].label,
    years: cov[id]?.years ?? [],
    levels: cov[id]?.levels ?? [],
  };
}

export function indicatorRoutes(store: Store) {
  return new Hono()
    .get('/', async (c) => {
      const cov = await coverage(store);
      return c.json({
        data: INDICATORS.map((i) => describe(i.id, cov)),
        meta: meta(store, { flags: FLAGS }),
      });
    })
    .get('/:id', validate('param', z.object({ id: z.string().max(64) })), async (c) => {
      const { id } = c.req.valid('param');
      if (!INDICATOR_IDS.includes(id)) throw notFound(`Indicateur inconnu : « ${id} »`, INDICATOR_IDS);
      const cov = await coverage(store);
      return c.json({ data: describe(id, cov), meta: meta(store, { flags: FLAGS }) });
    });
}
