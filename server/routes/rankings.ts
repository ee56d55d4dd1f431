import { Hono } from 'hono';
import { z } from 'zod';
import { isUncomparable } from '../../core/flags.js';
import { INDICATORS, LEVELS, indicator as getIndicator } from '../../core/registry.js';
import { badRequest, indicatorParam, meta, validate, withinParam, yearParam } from '../http.js';
import { coverage, describe } from '../services/indicators.js';
import { resolveYear, valuesIn, yearsOf } from '../services/observations.js';
import { rankRows } from '../services/ranks.js';
import { sourcesById } from '../services/sources.js';
import { resolveWithin } from '../services/territories.js';
import type { Store } from '../store.js';
import { formatParams, observationColumns, requestedFormat, sendTable } from '../tabular.js';

/** Yes/no indicators usable in `filter` (commune-level flags). */
export const FILTER_INDICATORS = INDICATORS.filter((d) => d.unit === 'booleen').map((d) => d.id);
const FILTER_RE = /^([a-z0-9_]{1,64}):(0|1)$/;

export const rankingsQuery = z.object({
  indicator: indicatorParam,
  level: z.enum(LEVELS).default('commune').describe('niveau des territoires classés'),
  within: withinParam,
  year: yearParam,
  order: z
    .enum(['desc', 'asc'])
    .default('desc')
    .describe('desc : valeur la plus élevée au rang 1 ; asc : la plus faible'),
  limit: z.coerce.number().int().min(1).max(50_000).default(100).describe('nombre de lignes (≤ 50 000)'),
  filter: z
    .union([z.string().max(200), z.array(z.string().max(200)).max(4)])
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((x) => x.split(',')).filter(Boolean))
    .pipe(
      z
        .array(
          z
            .string()
            .regex(FILTER_RE, '« indicateur:0 » ou « indicateur:1 » (ex. sru_deficitaire:1)')
            .refine((f) => FILTER_INDICATORS.includes(f.split(':')[0]!), {
              message: `indicateur oui/non attendu : ${FILTER_INDICATORS.join(', ')}`,
            }),
        )
        .max(4, '4 filtres au plus'),
    )
    .optional()
    .describe(
      `garder les territoires où un indicateur oui/non vaut 0 ou 1 la même année, ex. sru_deficitaire:1 ; plusieurs filtres (virgules) se cumulent. Indicateurs : ${FILTER_INDICATORS.join(', ')}`,
    ),
  ...formatParams,
});

export function rankingRoutes(store: Store) {
  return new Hono().get('/', validate('query', rankingsQuery), async (c) => {
    const q = c.req.valid('query');
    const format = requestedFormat(c, q.format);
    const def = getIndicator(q.indicator);
    if (def.unit === 'booleen' && q.level === 'commune')
      throw badRequest(
        `« ${q.indicator} » vaut oui ou non pour une commune : il ne se classe pas, utilisez-le comme filtre (filter=${q.indicator}:1).`,
        'indicator',
      );
    const { within } = await resolveWithin(store, q.within);
    const { year, available, newer } = await resolveYear(store, q.indicator, q.level, within, q.year);
    let rows = year === null ? [] : await valuesIn(store, q.indicator, q.level, within, year);
    const filters = (q.filter ?? []).map((f) => {
      const [ind, v] = f.split(':') as [string, string];
      return { indicator: ind, value: Number(v) };
    });
    for (const f of filters) {
      if (year === null) break;
      const years = await yearsOf(store, f.indicator, q.level);
      if (!years.includes(year))
        throw badRequest(
          `Filtre « ${f.indicator} » : aucune valeur en ${year} au niveau ${q.level} (années : ${years.join(', ') || 'aucune'}).`,
          'filter',
          years.map(String),
        );
      const flagRows = await valuesIn(store, f.indicator, q.level, within, year);
      const keep = new Set(flagRows.filter((r) => r.value === f.value).map((r) => r.code));
      rows = rows.filter((r) => keep.has(r.code));
    }
    const ranked = rankRows(rows, q.order).slice(0, q.limit);
    const sources = await sourcesById(
      store,
      ranked.map((r) => r.source_id).filter((s): s is string => !!s),
    );
    const cov = await coverage(store);
    const m = meta(store, {
      indicator: describe(q.indicator, cov),
      level: q.level,
      within: q.within,
      year,
      years: available,
      /** More recent years with values for part of the scope only (`latest` chose `year`). */
      newer_years: newer,
      order: q.order,
      filter: filters,
      total: rows.length,
      ranked: rows.filter((r) => r.value !== null && !isUncomparable(r.flags)).length,
      sources,
    });
    const data = ranked.map((r) => ({
      rank: r.rank,
      code: r.code,
      name: r.name,
      value: r.value,
      year: r.year,
      numerator: r.numerator,
      denominator: r.denominator,
      flags: r.flags,
      note: r.note,
      source_id: r.source_id,
      low: r.low,
      high: r.high,
      raw: r.raw,
    }));
    if (format !== 'json')
      return sendTable(
        c,
        format,
        q.csv_style,
        {
          name: `classement_${q.indicator}_${q.level}_${q.within.replace(':', '-')}_${year ?? 'aucune-annee'}`,
          columns: [
            {
              key: 'rank',
              header: q.order === 'desc' ? 'Rang (1 = plus élevé)' : 'Rang (1 = plus faible)',
              type: 'int',
            },
            { key: 'code', header: 'Code', type: 'string' },
            { key: 'name', header: 'Nom', type: 'string' },
            ...observationColumns(q.indicator, q.level),
          ],
          rows: data,
          sources,
          meta: {
            indicator: q.indicator,
            level: q.level,
            within: q.within,
            year,
            order: q.order,
            filter: filters,
          },
        },
        store.buildId(),
      );
    return c.json({ data, meta: m });
  });
}
