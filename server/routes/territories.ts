import { Hono } from 'hono';
import { z } from 'zod';
import { INDICATORS, LEVELS, fillYear, type Level } from '../../core/registry.js';
import { meta, notFound, validate } from '../http.js';
import {
  findTerritory,
  latestObservations,
  parentsOf,
  resolveAlias,
  sourcesById,
  type LatestOut,
  type TerritoryOut,
} from '../queries.js';
import type { Store } from '../store.js';
import { coverage, describe } from './indicators.js';

export const CODE_RE = /^[0-9A-Za-z]{1,9}$/;
const params = z.object({
  level: z.enum(LEVELS),
  code: z.string().regex(CODE_RE, 'code INSEE, SIREN ou T1–T12 attendu'),
});

async function valuesFor(store: Store, t: TerritoryOut): Promise<Record<string, LatestOut>> {
  const rows = await latestObservations(store, t.level, t.code);
  return Object.fromEntries(rows.map((r) => [r.indicator, r]));
}

/** Finds a territory by its code or, failing that, by an alias (old code, T-number); null if unknown. */
export async function lookupTerritory(
  store: Store,
  level: Level,
  code: string,
): Promise<{ territory: TerritoryOut; resolvedFrom: string | null } | null> {
  const direct = await findTerritory(store, level, code);
  if (direct) return { territory: direct, resolvedFrom: null };
  const alias = await resolveAlias(store, level, code.toUpperCase() === code ? code : code.toUpperCase());
  const viaAlias = alias ?? (await resolveAlias(store, level, code));
  if (!viaAlias) return null;
  const t = await findTerritory(store, level, viaAlias);
  return t ? { territory: t, resolvedFrom: code } : null;
}

export function territoryRoutes(store: Store) {
  return new Hono().get('/:level/:code', validate('param', params), async (c) => {
    const { level, code } = c.req.valid('param');
    const found = await lookupTerritory(store, level, code);
    if (!found) throw notFound(`Aucun territoire de niveau « ${level} » avec le code « ${code} ».`);
    const { territory, resolvedFrom } = found;
    const parents = await parentsOf(store, territory);
    const own = await valuesFor(store, territory);
    const context = [];
    for (const p of parents) context.push({ territory: p, values: await valuesFor(store, p) });
    const cov = await coverage(store);
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
      data: { territory, parents, indicators, context },
      meta: meta(store, { resolved_from: resolvedFrom, sources: await sourcesById(store, ids) }),
    });
  });
}
