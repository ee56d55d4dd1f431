import { Hono } from 'hono';
import { z } from 'zod';
import {
  FLAGS,
  INDICATORS,
  INDICATOR_IDS,
  LEVEL_LABELS,
  THEME_LABELS,
  UNITS,
  indicator as getIndicator,
  type IndicatorDef,
} from '../../core/registry.js';
import { meta, notFound, parseQuery, validate } from '../http.js';
import { sourcesById } from '../queries.js';
import type { Store } from '../store.js';
import { formatParams, requestedFormat, sendTable, type Column } from '../tabular.js';

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

interface IndicatorDetail {
  years_by_level: Record<string, number[]>;
  flags: Record<string, { badge: string; meaning: string; observations: number }>;
  source_ids: string[];
}

/** Years per level, flags in use and sources of one indicator (cached per build). */
function detail(store: Store, id: string): Promise<IndicatorDetail> {
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

export const indicatorListQuery = z.object({ ...formatParams });
export const indicatorParams = z.object({
  id: z.string().max(64).describe('identifiant de l’indicateur (voir /api/indicators)'),
});

export const INDICATOR_COLUMNS: Column[] = [
  { key: 'id', header: 'Identifiant', type: 'string' },
  { key: 'label', header: 'Libellé', type: 'string' },
  { key: 'short_label', header: 'Libellé court', type: 'string' },
  { key: 'theme', header: 'Thème (code)', type: 'string' },
  { key: 'theme_label', header: 'Thème', type: 'string' },
  { key: 'unit', header: 'Unité (code)', type: 'string' },
  { key: 'unit_label', header: 'Unité', type: 'string' },
  { key: 'definition', header: 'Définition', type: 'string' },
  { key: 'reference', header: 'Date de référence', type: 'string' },
  { key: 'aggregation', header: 'Agrégation', type: 'string' },
  { key: 'numerator', header: 'Numérateur', type: 'string' },
  { key: 'denominator', header: 'Dénominateur', type: 'string' },
  { key: 'decimals', header: 'Décimales', type: 'int' },
  { key: 'polarity', header: 'Sens', type: 'string' },
  { key: 'family', header: 'Famille de sources', type: 'string' },
  { key: 'open', header: 'Fichier ouvert', type: 'bool' },
  { key: 'years', header: 'Années disponibles', type: 'list' },
  { key: 'levels', header: 'Niveaux disponibles', type: 'list' },
  { key: 'caveats', header: 'Précautions', type: 'list' },
  { key: 'series_breaks', header: 'Ruptures de série', type: 'list' },
];

export function indicatorRoutes(store: Store) {
  return new Hono()
    .get('/', async (c) => {
      const q = parseQuery(c, indicatorListQuery);
      const format = requestedFormat(c, q.format);
      const cov = await coverage(store);
      const data = INDICATORS.map((i) => describe(i.id, cov));
      if (format !== 'json')
        return sendTable(
          c,
          format,
          q.csv_style,
          {
            name: 'indicateurs',
            columns: INDICATOR_COLUMNS,
            rows: data.map((d) => ({
              ...d,
              theme_label: THEME_LABELS[d.theme],
              years: d.years.map(String),
              series_breaks: (d.series_breaks ?? []).map((b) => `${b.year} : ${b.label}`),
            })),
            meta: { flags: FLAGS },
          },
          store.buildId(),
        );
      return c.json({ data, meta: meta(store, { flags: FLAGS }) });
    })
    .get('/:id', validate('param', indicatorParams), async (c) => {
      const { id } = c.req.valid('param');
      if (!INDICATOR_IDS.includes(id)) throw notFound(`Indicateur inconnu : « ${id} »`, INDICATOR_IDS);
      const [cov, more] = await Promise.all([coverage(store), detail(store, id)]);
      return c.json({
        data: { ...describe(id, cov), ...more },
        meta: meta(store, { flags: FLAGS, sources: await sourcesById(store, more.source_ids) }),
      });
    });
}
