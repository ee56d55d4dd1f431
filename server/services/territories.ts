/**
 * Territories: lookup by code or alias, parents, scopes (`within`) and lists. Every value from a
 * request reaches DuckDB as a `$name` parameter; the SQL text itself is constant.
 */
import type { Level } from '../../core/levels.js';
import { parseWithin, withinCode, type Within } from '../../core/within.js';
import { notFound } from '../http.js';
import type { Store } from '../store.js';
import { SCOPE_FILTER, scopeParams } from './scope.js';

export interface TerritoryOut {
  level: Level;
  code: string;
  name: string;
  departement: string | null;
  region: string | null;
  epci: string | null;
  ept: string | null;
  extra: Record<string, unknown> | null;
}

type TerritoryRow = Omit<TerritoryOut, 'extra'> & { extra: string | null };

/** All territories, in memory once per build (≈ 37 000 rows): lookups and parents cost no query. */
function territoryIndex(store: Store): Promise<Map<string, TerritoryOut>> {
  return store.cached('territory-index', async () => {
    const rows = await store.all<TerritoryRow>(
      `SELECT level, code, name, departement, region, epci, ept, extra FROM territories`,
    );
    return new Map(
      rows.map((r) => [
        `${r.level}:${r.code}`,
        { ...r, extra: r.extra ? (JSON.parse(r.extra) as Record<string, unknown>) : null },
      ]),
    );
  });
}

export async function findTerritory(store: Store, level: Level, code: string): Promise<TerritoryOut | null> {
  return (await territoryIndex(store)).get(`${level}:${code}`) ?? null;
}

/** Current code for an old, delegated or alternative code (crosswalk, COMD/COMA, T1–T12). */
async function resolveAlias(store: Store, level: Level, alias: string): Promise<string | null> {
  const rows = await store.all<{ code: string }>(
    `SELECT code FROM territory_aliases WHERE level = $level AND alias = $alias AND kind <> 'arrondissement'
     UNION SELECT code FROM territory_aliases WHERE level = $level AND alias = $alias AND kind = 'arrondissement'
     LIMIT 1`,
    { level, alias },
  );
  return rows[0]?.code ?? null;
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

/** Like lookupTerritory, but a 404 naming the level and code when unknown. */
export async function requireTerritory(store: Store, level: Level, code: string) {
  const found = await lookupTerritory(store, level, code);
  if (!found)
    throw notFound(
      `Aucun territoire de niveau « ${level} » avec le code « ${code} » (recherche : /api/territories?level=${level}&q=…).`,
    );
  return found;
}

/** Parent territories, from the nearest to France. */
export async function parentsOf(store: Store, t: TerritoryOut): Promise<TerritoryOut[]> {
  const wanted: Array<[Level, string | null]> = [];
  // An EPT or EPCI spanning several départements has each of them as parent (most communes first).
  const deps = (t.extra?.departements as string[] | undefined) ?? [t.departement];
  const depParents = deps.map((d): [Level, string | null] => ['departement', d]);
  if (t.level === 'commune')
    wanted.push(['ept', t.ept], ['epci', t.epci], ['departement', t.departement], ['region', t.region]);
  else if (t.level === 'ept') wanted.push(['epci', t.epci], ...depParents, ['region', t.region]);
  else if (t.level === 'epci') wanted.push(...depParents, ['region', t.region]);
  else if (t.level === 'departement') wanted.push(['region', t.region]);
  if (t.level !== 'france') wanted.push(['france', 'FR']);
  const index = await territoryIndex(store);
  return wanted.flatMap(([level, code]) => {
    const p = code ? index.get(`${level}:${code}`) : undefined;
    return p ? [p] : [];
  });
}

/**
 * A validated `within` parameter and the territory it names; 404 (with the valid codes, except for
 * the 1 200 EPCI) when that territory does not exist.
 */
export async function resolveWithin(
  store: Store,
  text: string,
): Promise<{ within: Within; territory: TerritoryOut | null }> {
  const within = parseWithin(text);
  if (!within) throw new Error(`within non validé : « ${text} »`);
  const territory = await findTerritory(store, within.level, withinCode(within));
  if (!territory && within.level !== 'france') {
    const level = within.level;
    const valid =
      level === 'epci'
        ? undefined
        : (
            await store.cached(`codes:${level}`, () =>
              store.all<{ code: string }>(`SELECT code FROM territories WHERE level = $level ORDER BY code`, {
                level,
              }),
            )
          ).map((r) => `${level}:${r.code}`);
    throw notFound(
      `Périmètre inconnu : « ${text} »${level === 'epci' ? ' (liste : /api/territories?level=epci)' : ''}.`,
      valid,
    );
  }
  return { within, territory };
}

export interface TerritoryListItem {
  level: Level;
  code: string;
  name: string;
  population: number | null;
  ept: string | null;
  ept_name: string | null;
  epci: string | null;
  epci_name: string | null;
  departement: string | null;
  departement_name: string | null;
  region: string | null;
  region_name: string | null;
}

/**
 * Territories of a scope, optionally matching a text (accent- and case-insensitive prefix of the name
 * or of a word of it, or the exact code), with the codes and names of their parents. A territory is
 * never its own parent (a département's `departement` is null here).
 */
export async function listTerritories(
  store: Store,
  opts: {
    level: Level | null;
    within: Within;
    raw: string | null;
    key: string | null;
    limit: number;
    offset: number;
  },
): Promise<{ total: number; items: TerritoryListItem[] }> {
  const params = { level: opts.level, ...scopeParams(opts.within), raw: opts.raw, key: opts.key };
  const MATCH = `($key IS NULL OR t.code = $raw OR ($key <> '' AND (starts_with(t.search_key, $key) OR contains(t.search_key, ' ' || $key))))`;
  const [count] = await store.all<{ n: number }>(
    `SELECT count(*) AS n FROM territories t WHERE ${SCOPE_FILTER} AND ${MATCH}`,
    params,
  );
  const items = await store.all<TerritoryListItem>(
    `WITH pop AS (
       SELECT level, code, value FROM observations
       WHERE indicator = 'population' AND year = (SELECT max(year) FROM observations WHERE indicator = 'population'))
     SELECT t.level, t.code, t.name, pop.value AS population,
       CASE WHEN t.level IN ('commune') THEN t.ept END AS ept, CASE WHEN t.level IN ('commune') THEN pe.name END AS ept_name,
       CASE WHEN t.level IN ('commune', 'ept') THEN t.epci END AS epci,
       CASE WHEN t.level IN ('commune', 'ept') THEN pc.name END AS epci_name,
       CASE WHEN t.level IN ('commune', 'ept', 'epci') THEN t.departement END AS departement,
       CASE WHEN t.level IN ('commune', 'ept', 'epci') THEN pd.name END AS departement_name,
       CASE WHEN t.level <> 'region' THEN t.region END AS region,
       CASE WHEN t.level <> 'region' THEN pr.name END AS region_name
     FROM territories t
     LEFT JOIN territories pe ON pe.level = 'ept' AND pe.code = t.ept
     LEFT JOIN territories pc ON pc.level = 'epci' AND pc.code = t.epci
     LEFT JOIN territories pd ON pd.level = 'departement' AND pd.code = t.departement
     LEFT JOIN territories pr ON pr.level = 'region' AND pr.code = t.region
     LEFT JOIN pop ON pop.level = t.level AND pop.code = t.code
     WHERE ${SCOPE_FILTER} AND ${MATCH}
     ORDER BY
       CASE WHEN $key IS NULL THEN 0 WHEN t.code = $raw THEN 0 WHEN starts_with(t.search_key, $key) THEN 1 ELSE 2 END,
       CASE WHEN $key IS NULL THEN 0 ELSE -coalesce(pop.value, 0) END,
       CASE t.level WHEN 'france' THEN 0 WHEN 'region' THEN 1 WHEN 'departement' THEN 2 WHEN 'epci' THEN 3 WHEN 'ept' THEN 4 ELSE 5 END,
       t.code
     LIMIT $limit OFFSET $offset`,
    { ...params, limit: opts.limit, offset: opts.offset },
  );
  return { total: Number(count?.n ?? 0), items };
}
