/**
 * Read queries shared by the route modules. Every value from a request reaches DuckDB as a `$name`
 * parameter; the SQL text itself is constant.
 */
import { INDICATORS, LEVELS, type Level } from '../core/registry.js';
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

export async function findTerritory(store: Store, level: Level, code: string): Promise<TerritoryOut | null> {
  const rows = await store.all<Omit<TerritoryOut, 'extra'> & { extra: string | null }>(
    `SELECT ${TERRITORY_COLS} FROM territories WHERE level = $level AND code = $code`,
    { level, code },
  );
  return rows[0] ? parseTerritory(rows[0]) : null;
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
  if (t.level === 'commune')
    wanted.push(['ept', t.ept], ['epci', t.epci], ['departement', t.departement], ['region', t.region]);
  else if (t.level === 'ept')
    wanted.push(['epci', t.epci], ['departement', t.departement], ['region', t.region]);
  else if (t.level === 'epci') wanted.push(['departement', t.departement], ['region', t.region]);
  else if (t.level === 'departement') wanted.push(['region', t.region]);
  if (t.level !== 'france') wanted.push(['france', 'FR']);
  const out: TerritoryOut[] = [];
  for (const [level, code] of wanted) {
    if (!code) continue;
    const p = await findTerritory(store, level, code);
    if (p) out.push(p);
  }
  return out;
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

export async function sourcesById(store: Store, ids: string[]): Promise<Record<string, SourceOut>> {
  if (ids.length === 0) return {};
  const rows = await store.all<SourceOut>(
    `SELECT * FROM sources WHERE id IN (SELECT unnest($ids::JSON::VARCHAR[]))`,
    {
      ids: JSON.stringify([...new Set(ids)]),
    },
  );
  return Object.fromEntries(rows.map((r) => [r.id, r]));
}

export async function allSources(store: Store): Promise<SourceOut[]> {
  return store.all<SourceOut>(`SELECT * FROM sources ORDER BY family, id`);
}

export type Within = { level: 'france' } | { level: 'region' | 'departement' | 'ept' | 'epci'; code: string };

export function parseWithin(text: string): Within | null {
  if (text === 'france') return { level: 'france' };
  const m = /^(region|departement|ept|epci):([0-9A-Za-z]{1,9})$/.exec(text);
  if (!m) return null;
  return { level: m[1] as 'region' | 'departement' | 'ept' | 'epci', code: m[2]! };
}

const SCOPE_FILTER = `t.level = $level AND (
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

export async function yearsOf(store: Store, indicator: string, level?: Level): Promise<number[]> {
  const rows = await store.all<{ year: number }>(
    `SELECT DISTINCT year FROM observations WHERE indicator = $indicator AND ($level IS NULL OR level = $level) AND value IS NOT NULL ORDER BY year`,
    { indicator, level: level ?? null },
  );
  return rows.map((r) => r.year);
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

export const INDICATOR_LIST = INDICATORS;
export const LEVEL_LIST = LEVELS;
