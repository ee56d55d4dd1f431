/** Indicators as the API describes them: the registry entry plus what the build actually holds. */
import {
  FLAGS,
  LEVEL_LABELS,
  UNITS,
  indicator as getIndicator,
  type IndicatorDef,
} from '../../core/registry.js';
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

/**
 * Whether ranking territories by this indicator means something: not a yes/no flag, not an
 * indicator without aggregate (a legal target), not a curated figure copied from a publication.
 */
export function isRankable(def: IndicatorDef): boolean {
  return def.unit !== 'booleen' && def.aggregation !== 'none' && def.open;
}

/** The registry entry of an indicator, with its unit's labels and the years and levels loaded. */
export function describe(id: string, cov: Record<string, IndicatorCoverage>) {
  const def = getIndicator(id);
  return {
    ...def,
    unit_symbol: UNITS[def.unit].symbol,
    unit_label: UNITS[def.unit].label,
    years: cov[id]?.years ?? [],
    levels: cov[id]?.levels ?? [],
    rankable: isRankable(def),
  };
}

export interface IndicatorDetail {
  years_by_level: Record<string, number[]>;
  flags: Record<string, { badge: string; meaning: string; observations: number }>;
  source_ids: string[];
}

/** Years per level, flags in use and sources of one indicator (cached per build). */
export function indicatorDetail(store: Store, id: string): Promise<IndicatorDetail> {
  return store.cached(`indicator-detail:${id}`, async () => {
    const [years, flags, sources] = await Promise.all([
      store.all<{ level: string; years: number[] }>(
        `SELECT level, list(DISTINCT year ORDER BY year) AS years FROM observations
         WHERE indicator = $id AND value IS NOT NULL GROUP BY level`,
        { id },
      ),
      store.all<{ flag: string; n: number }>(
        `SELECT flag, count(*) AS n FROM (SELECT unnest(flags) AS flag FROM observations WHERE indicator = $id)
         GROUP BY flag ORDER BY flag`,
        { id },
      ),
      store.all<{ source_id: string }>(
        `SELECT DISTINCT source_id FROM observations WHERE indicator = $id ORDER BY source_id`,
        { id },
      ),
    ]);
    const order = Object.keys(LEVEL_LABELS);
    return {
      years_by_level: Object.fromEntries(
        years.sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level)).map((r) => [r.level, r.years]),
      ),
      flags: Object.fromEntries(
        flags.map((f) => {
          const known = FLAGS[f.flag as keyof typeof FLAGS];
          return [
            f.flag,
            { badge: known?.badge ?? f.flag, meaning: known?.meaning ?? '', observations: f.n },
          ];
        }),
      ),
      source_ids: sources.map((s) => s.source_id),
    };
  });
}
