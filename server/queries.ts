/**
 * Read queries shared by the route modules. Every value from a request reaches DuckDB as a `$name`
 * parameter; the SQL text itself is constant.
 */
import type { Level } from '../core/registry.js';
import type { Store } from './store.js';

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

export interface ObservationOut {
  indicator: string;
  year: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  flags: string[];
  note: string | null;
  source_id: string;
  n_units: number | null;
  n_units_expected: number | null;
}

export interface LatestOut extends ObservationOut {
  /** Most recent year present for this indicator, even if its value is missing. */
  last_year: number;
  last_note: string | null;
}

export interface SourceOut {
  id: string;
  family: string;
  title: string;
  producer: string;
  licence: string;
  url: string | null;
  dataset_url: string | null;
  vintage: string;
  file_name: string;
  kind: string;
  origin: string;
  sha256: string;
  bytes: number;
  retrieved_at: string;
  notes: string | null;
  rows_read: number | null;
  rows_kept: number | null;
  rows_rejected: number | null;
}

const TERRITORY_COLS = `level, code, name, departement, region, epci, ept, extra`;

function parseTerritory(r: Omit<TerritoryOut, 'extra'> & { extra: string | null }): TerritoryOut {
  return { ...r, extra: r.extra ? (JSON.parse(r.extra) as Record<string, unknown>) : null };
}

/** All territories, in memory once per build (≈ 37 000 rows): lookups and parents cost no query. */
function territoryIndex(store: Store): Promise<Map<string, TerritoryOut>> {
  return store.cached('territory-index', async () => {
    const rows = await store.all<Omit<TerritoryOut, 'extra'> & { extra: string | null }>(
      `SELECT ${TERRITORY_COLS} FROM territories`,
    );
    return new Map(rows.map((r) => [`${r.level}:${r.code}`, parseTerritory(r)]));
  });
}

export async function findTerritory(store: Store, level: Level, code: string): Promise<TerritoryOut | null> {
  return (await territoryIndex(store)).get(`${level}:${code}`) ?? null;
}

/** Current code for an old, delegated or alternative code (crosswalk, COMD/COMA, T1–T12). */
export async function resolveAlias(store: Store, level: Level, alias: string): Promise<string | null> {
  const rows = await store.all<{ code: string }>(
    `SELECT code FROM territory_aliases WHERE level = $level AND alias = $alias AND kind <> 'arrondissement'
     UNION SELECT code FROM territory_aliases WHERE level = $level AND alias = $alias AND kind = 'arrondissement'
     LIMIT 1`,
    { level, alias },
  );
  return rows[0]?.code ?? null;
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

/** For one territory: per indicator, the latest year with a value (or the latest row if none has one). */
export async function latestObservations(store: Store, level: Level, code: string): Promise<LatestOut[]> {
  return store.all<LatestOut>(
    `WITH obs AS (SELECT * FROM observations WHERE level = $level AND code = $code),
     ranked AS (
       SELECT *, row_number() OVER (PARTITION BY indicator ORDER BY (value IS NULL), year DESC) AS rn FROM obs),
     last AS (SELECT indicator, max(year) AS last_year, arg_max(note, year) AS last_note FROM obs GROUP BY indicator)
     SELECT r.indicator, r.year, r.value, r.numerator, r.denominator, r.flags, r.note, r.source_id,
            r.n_units, r.n_units_expected, l.last_year, l.last_note
     FROM ranked r JOIN last l USING (indicator) WHERE r.rn = 1 ORDER BY r.indicator`,
    { level, code },
  );
}

/**
 * latestMany, with the values of non-commune territories (≈ 1 400 EPT, EPCI, départements, régions,
 * France: the parents every fiche shows) cached per build; communes are queried.
 */
export async function latestWithParents(
  store: Store,
  territories: Array<{ level: Level; code: string }>,
): Promise<Map<string, LatestOut[]>> {
  const communes = territories.filter((t) => t.level === 'commune');
  const others = territories.filter((t) => t.level !== 'commune');
  const [direct, cached] = await Promise.all([
    latestMany(store, communes),
    Promise.all(
      others.map((t) =>
        store.cached(`latest:${t.level}:${t.code}`, async () =>
          (await latestMany(store, [t])).get(`${t.level}:${t.code}`)!,
        ),
      ),
    ),
  ]);
  others.forEach((t, i) => direct.set(`${t.level}:${t.code}`, cached[i]!));
  return direct;
}

/** latestObservations for several territories in one query, keyed by « level:code ». */
export async function latestMany(
  store: Store,
  territories: Array<{ level: Level; code: string }>,
): Promise<Map<string, LatestOut[]>> {
  const keys = territories.map((t) => `${t.level}:${t.code}`);
  const out = new Map<string, LatestOut[]>(keys.map((k) => [k, []]));
  if (keys.length === 0) return out;
  const rows = await store.all<LatestOut & { level: string; code: string }>(
    `WITH k AS (SELECT unnest($levels::JSON::VARCHAR[]) AS level, unnest($codes::JSON::VARCHAR[]) AS code),
     obs AS (SELECT o.* FROM observations o JOIN k ON o.level = k.level AND o.code = k.code),
     ranked AS (
       SELECT *, row_number() OVER (PARTITION BY level, code, indicator ORDER BY (value IS NULL), year DESC) AS rn FROM obs),
     last AS (
       SELECT level, code, indicator, max(year) AS last_year, arg_max(note, year) AS last_note
       FROM obs GROUP BY level, code, indicator)
     SELECT r.level, r.code, r.indicator, r.year, r.value, r.numerator, r.denominator, r.flags, r.note, r.source_id,
            r.n_units, r.n_units_expected, l.last_year, l.last_note
     FROM ranked r JOIN last l USING (level, code, indicator) WHERE r.rn = 1 ORDER BY r.indicator`,
    {
      levels: JSON.stringify(territories.map((t) => t.level)),
      codes: JSON.stringify(territories.map((t) => t.code)),
    },
  );
  for (const { level, code, ...o } of rows) out.get(`${level}:${code}`)?.push(o);
  return out;
}

export async function sourcesById(store: Store, ids: string[]): Promise<Record<string, SourceOut>> {
  if (ids.length === 0) return {};
  const all = await allSources(store);
  const wanted = new Set(ids);
  return Object.fromEntries(all.filter((s) => wanted.has(s.id)).map((s) => [s.id, s]));
}

export async function allSources(store: Store): Promise<SourceOut[]> {
  return store.cached('sources', () => store.all<SourceOut>(`SELECT * FROM sources ORDER BY family, id`));
}

export type Within = { level: 'france' } | { level: 'region' | 'departement' | 'ept' | 'epci'; code: string };

export function parseWithin(text: string): Within | null {
  if (text === 'france') return { level: 'france' };
  const m = /^(region|departement|ept|epci):([0-9A-Za-z]{1,9})$/.exec(text);
  if (!m) return null;
  return { level: m[1] as 'region' | 'departement' | 'ept' | 'epci', code: m[2]! };
}

const SCOPE_FILTER = `($level IS NULL OR t.level = $level) AND (
   $wlevel = 'france'
   OR ($wlevel = 'region' AND t.region = $wcode)
   OR ($wlevel = 'departement' AND (t.departement = $wcode
        OR (t.extra IS NOT NULL AND list_contains(CAST(json_extract(t.extra, '$.departements') AS VARCHAR[]), $wcode))))
   OR ($wlevel = 'ept' AND t.ept = $wcode)
   OR ($wlevel = 'epci' AND t.epci = $wcode))`;

export interface ValueRow {
  code: string;
  name: string;
  year: number | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  flags: string[];
  note: string | null;
  source_id: string | null;
}

/** Latest year with at least one value for the indicator in the scope. */
export async function latestYear(
  store: Store,
  indicator: string,
  level: Level,
  within: Within,
): Promise<number | null> {
  const rows = await store.all<{ y: number | null }>(
    `SELECT max(o.year) AS y FROM observations o JOIN territories t ON t.level = o.level AND t.code = o.code
     WHERE o.indicator = $indicator AND o.value IS NOT NULL AND ${SCOPE_FILTER}`,
    { indicator, level, wlevel: within.level, wcode: 'code' in within ? within.code : null },
  );
  return rows[0]?.y ?? null;
}

/** Years with at least one value, per indicator and level (cached per build). */
function yearIndex(store: Store): Promise<Map<string, number[]>> {
  return store.cached('year-index', async () => {
    const rows = await store.all<{ indicator: string; level: string; years: number[] }>(
      `SELECT indicator, level, list(DISTINCT year ORDER BY year) AS years
       FROM observations WHERE value IS NOT NULL GROUP BY indicator, level`,
    );
    const out = new Map<string, number[]>();
    for (const r of rows) {
      out.set(`${r.indicator}|${r.level}`, r.years);
      const all = new Set([...(out.get(`${r.indicator}|*`) ?? []), ...r.years]);
      out.set(
        `${r.indicator}|*`,
        [...all].sort((a, b) => a - b),
      );
    }
    return out;
  });
}

export async function yearsOf(store: Store, indicator: string, level?: Level): Promise<number[]> {
  return (await yearIndex(store)).get(`${indicator}|${level ?? '*'}`) ?? [];
}

/** One row per territory of the scope, for one indicator and year (missing values included). */
export async function valuesIn(
  store: Store,
  indicator: string,
  level: Level,
  within: Within,
  year: number,
): Promise<ValueRow[]> {
  return store.all<ValueRow>(
    `SELECT t.code, t.name, o.year, o.value, o.numerator, o.denominator, coalesce(o.flags, []) AS flags,
            coalesce(o.note, CASE WHEN o.code IS NULL THEN 'absent de la source pour cette année' END) AS note, o.source_id
     FROM territories t
     LEFT JOIN observations o ON o.level = t.level AND o.code = t.code AND o.indicator = $indicator AND o.year = $year
     WHERE ${SCOPE_FILTER}
     ORDER BY t.code`,
    { indicator, level, year, wlevel: within.level, wcode: 'code' in within ? within.code : null },
  );
}

export interface SearchHit {
  level: Level;
  code: string;
  name: string;
  departement: string | null;
  matched: string | null;
  population: number | null;
}

export async function search(store: Store, q: string, key: string, limit: number): Promise<SearchHit[]> {
  return store.all<SearchHit>(
    `WITH hits AS (
       SELECT t.level, t.code, t.name, t.departement, NULL AS matched,
         CASE WHEN t.code = $raw THEN 0 WHEN starts_with(t.search_key, $key) THEN 2 ELSE 3 END AS score
       FROM territories t
       WHERE t.level <> 'france' AND (t.code = $raw OR ($key <> '' AND (starts_with(t.search_key, $key) OR contains(t.search_key, ' ' || $key))))
       UNION ALL
       SELECT t.level, t.code, t.name, t.departement,
         coalesce(a.alias_name, a.alias) || CASE WHEN a.kind = 'ancien_code' THEN ' (ancien code)' ELSE '' END AS matched,
         CASE WHEN a.alias = $raw THEN 1 ELSE 4 END AS score
       FROM territory_aliases a JOIN territories t ON t.level = a.level AND t.code = a.code
       WHERE a.alias = $raw OR ($key <> '' AND starts_with(a.search_key, $key) AND a.code <> a.alias))
     SELECT h.level, h.code, h.name, h.departement, min(h.matched) AS matched, p.value AS population
     FROM hits h
     LEFT JOIN observations p ON p.indicator = 'population' AND p.level = h.level AND p.code = h.code
     GROUP BY h.level, h.code, h.name, h.departement, p.value
     ORDER BY min(h.score), CASE h.level WHEN 'commune' THEN 0 WHEN 'ept' THEN 1 WHEN 'epci' THEN 2 WHEN 'departement' THEN 3 ELSE 4 END,
              p.value DESC NULLS LAST, h.name
     LIMIT $limit`,
    { raw: q.trim(), key, limit },
  );
}

/** Parameters of SCOPE_FILTER for a `within` scope. */
function scopeParams(within: Within): { wlevel: string; wcode: string | null } {
  return { wlevel: within.level, wcode: 'code' in within ? within.code : null };
}

/** The territory a `within` scope names, or null if it does not exist. */
export async function withinTerritory(store: Store, within: Within): Promise<TerritoryOut | null> {
  return within.level === 'france'
    ? findTerritory(store, 'france', 'FR')
    : findTerritory(store, within.level, within.code);
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

export interface SeriesRow {
  level: Level;
  code: string;
  year: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  flags: string[];
  note: string | null;
  source_id: string;
  source_family: string | null;
}

/** Every observation of an indicator for a few territories, by year. */
export async function seriesOf(
  store: Store,
  indicator: string,
  territories: Array<{ level: Level; code: string }>,
): Promise<SeriesRow[]> {
  return store.all<SeriesRow>(
    `SELECT o.level, o.code, o.year, o.value, o.numerator, o.denominator, o.flags, o.note, o.source_id,
            s.family AS source_family
     FROM observations o LEFT JOIN sources s ON s.id = o.source_id
     WHERE o.indicator = $indicator
       AND list_contains($keys::JSON::VARCHAR[], o.level || ':' || o.code)
     ORDER BY o.level, o.code, o.year`,
    { indicator, keys: JSON.stringify(territories.map((t) => `${t.level}:${t.code}`)) },
  );
}

export interface RankOut {
  rank: number;
  of: number;
  /** Other communes with exactly the same value (they share the rank). */
  ex_aequo: number;
}

export interface CommuneRanks {
  year: number;
  departement: RankOut;
  ept?: RankOut;
}

/**
 * Values of the communes of a département or an EPT, per indicator and year, sorted from the highest
 * (cached per build: a few numbers per commune and indicator).
 */
function groupValues(
  store: Store,
  scope: 'departement' | 'ept',
  code: string,
  indicators: string[],
): Promise<Map<string, number[]>> {
  return store.cached(`group-values:${scope}:${code}:${indicators.join(',')}`, async () => {
    const rows = await store.all<{ indicator: string; year: number; vals: number[] }>(
      `SELECT o.indicator, o.year, list(o.value ORDER BY o.value DESC) AS vals
       FROM observations o
       JOIN (SELECT code FROM territories WHERE level = 'commune' AND ${scope === 'ept' ? 'ept' : 'departement'} = $code) t
         ON t.code = o.code
       WHERE o.level = 'commune' AND o.value IS NOT NULL AND list_contains($inds::JSON::VARCHAR[], o.indicator)
       GROUP BY o.indicator, o.year`,
      { code, inds: JSON.stringify(indicators) },
    );
    return new Map(rows.map((r) => [`${r.indicator}|${r.year}`, r.vals]));
  });
}

/** Competition rank of `v` in values sorted from the highest: 1 + number of strictly higher values. */
function rankIn(sorted: number[], v: number): RankOut | null {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! > v) lo = mid + 1;
    else hi = mid;
  }
  let equal = 0;
  for (let i = lo; i < sorted.length && sorted[i] === v; i++) equal++;
  if (equal === 0) return null;
  return { rank: lo + 1, of: sorted.length, ex_aequo: equal - 1 };
}

/**
 * Ranks of a commune among the communes of its département (and of its EPT) for each listed
 * indicator: rank 1 = highest value, ties share the rank, only communes with a value in the same
 * year as the commune's displayed (latest non-missing) value count. Curated values are not ranked.
 */
export async function communeRanks(
  store: Store,
  t: TerritoryOut,
  own: Record<string, LatestOut>,
  indicators: string[],
): Promise<Record<string, CommuneRanks>> {
  if (t.level !== 'commune' || !t.departement || indicators.length === 0) return {};
  const [dep, ept] = await Promise.all([
    groupValues(store, 'departement', t.departement, indicators),
    t.ept ? groupValues(store, 'ept', t.ept, indicators) : Promise.resolve(null),
  ]);
  const out: Record<string, CommuneRanks> = {};
  for (const id of indicators) {
    const v = own[id];
    if (!v || v.value === null || v.flags.includes('curated')) continue;
    const key = `${id}|${v.year}`;
    const inDep = rankIn(dep.get(key) ?? [], v.value);
    if (!inDep) continue;
    const entry: CommuneRanks = { year: v.year, departement: inDep };
    const inEpt = ept ? rankIn(ept.get(key) ?? [], v.value) : null;
    if (inEpt) entry.ept = inEpt;
    out[id] = entry;
  }
  return out;
}
