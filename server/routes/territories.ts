import { Hono } from 'hono';
import { z } from 'zod';
import { INDICATORS, LEVELS, fillYear } from '../../core/registry.js';
import { searchKey } from '../../core/text.js';
import { CODE_RE, meta, validate, withinParam } from '../http.js';
import { coverage, describe, isRankable } from '../services/indicators.js';
import { latestWithParents, type LatestOut } from '../services/observations.js';
import { communeRanks } from '../services/ranks.js';
import { sourcesById } from '../services/sources.js';
import {
  listTerritories,
  parentsOf,
  requireTerritory,
  resolveWithin,
  type TerritoryOut,
} from '../services/territories.js';
import type { Store } from '../store.js';
import { formatParams, requestedFormat, sendTable, type Column } from '../tabular.js';

const RANKABLE = INDICATORS.filter((d) => isRankable(d)).map((d) => d.id);

export const territoryParams = z.object({
  level: z.enum(LEVELS).describe('niveau géographique'),
  code: z
    .string()
    .regex(CODE_RE, 'code INSEE, SIREN ou T1–T12 attendu')
    .describe('code INSEE (commune, département, région), SIREN (EPCI, EPT), T1–T12 ou ancien code'),
});

export const territoryListQuery = z.object({
  level: z.enum(LEVELS).optional().describe('niveau géographique (tous si absent)'),
  within: withinParam,
  q: z
    .string()
    .trim()
    .min(1, 'texte vide')
    .max(100, '100 caractères au plus')
    .optional()
    .describe('début du nom (ou d’un mot du nom), sans accents ni majuscules requis, ou code exact'),
  limit: z.coerce.number().int().min(1).max(50_000).default(100).describe('nombre de lignes (≤ 50 000)'),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0).describe('lignes sautées (pagination)'),
  ...formatParams,
});

export const TERRITORY_LIST_COLUMNS: Column[] = [
  { key: 'level', header: 'Niveau', type: 'string' },
  { key: 'code', header: 'Code', type: 'string' },
  { key: 'name', header: 'Nom', type: 'string' },
  { key: 'population', header: 'Population municipale (hab.)', type: 'number' },
  { key: 'ept', header: 'EPT (code)', type: 'string' },
  { key: 'ept_name', header: 'EPT', type: 'string' },
  { key: 'epci', header: 'EPCI (SIREN)', type: 'string' },
  { key: 'epci_name', header: 'EPCI', type: 'string' },
  { key: 'departement', header: 'Département (code)', type: 'string' },
  { key: 'departement_name', header: 'Département', type: 'string' },
  { key: 'region', header: 'Région (code)', type: 'string' },
  { key: 'region_name', header: 'Région', type: 'string' },
];

export function territoryRoutes(store: Store) {
  return new Hono()
    .get('/', validate('query', territoryListQuery), async (c) => {
      const q = c.req.valid('query');
      const format = requestedFormat(c, q.format);
      const { within } = await resolveWithin(store, q.within);
      const { total, items } = await listTerritories(store, {
        level: q.level ?? null,
        within,
        raw: q.q ?? null,
        key: q.q === undefined ? null : searchKey(q.q),
        limit: q.limit,
        offset: q.offset,
      });
      const m = meta(store, {
        level: q.level ?? null,
        within: q.within,
        q: q.q ?? null,
        total,
        limit: q.limit,
        offset: q.offset,
      });
      if (format !== 'json')
        return sendTable(
          c,
          format,
          q.csv_style,
          {
            name: `territoires_${q.level ?? 'tous'}_${q.within.replace(':', '-')}`,
            columns: TERRITORY_LIST_COLUMNS,
            rows: items as unknown as Array<Record<string, unknown>>,
            meta: m,
          },
          store.buildId(),
        );
      return c.json({ data: items, meta: m });
    })
    .get('/:level/:code', validate('param', territoryParams), async (c) => {
      const { level, code } = c.req.valid('param');
      const { territory, resolvedFrom } = await requireTerritory(store, level, code);
      const parents = await parentsOf(store, territory);
      const [latest, cov] = await Promise.all([
        latestWithParents(store, [territory, ...parents]),
        coverage(store),
      ]);
      const valuesOf = (t: TerritoryOut): Record<string, LatestOut> =>
        Object.fromEntries((latest.get(`${t.level}:${t.code}`) ?? []).map((r) => [r.indicator, r]));
      const own = valuesOf(territory);
      const context = parents.map((p) => ({ territory: p, values: valuesOf(p) }));
      const ranks = await communeRanks(store, territory, own, RANKABLE);
      const indicators = INDICATORS.map((def) => {
        const v = own[def.id] ?? null;
        const d = describe(def.id, cov);
        return {
          ...d,
          reference_text: v ? fillYear(def.reference, v.year) : null,
          definition_text: v ? fillYear(def.definition, v.year) : def.definition,
          value: v,
        };
      });
      const ids = [...Object.values(own), ...context.flatMap((x) => Object.values(x.values))].map(
        (v) => v.source_id,
      );
      return c.json({
        data: { territory, parents, indicators, context, ranks },
        meta: meta(store, {
          resolved_from: resolvedFrom,
          sources: await sourcesById(store, ids),
          ranks: 'rang 1 = valeur la plus élevée ; ex æquo au même rang ; même année que la valeur affichée',
        }),
      });
    });
}
