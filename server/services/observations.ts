/**
 * Observations: the latest value per indicator of a territory, the values of a scope for one year,
 * the series of a few territories, and the years that have values.
 */
import type { Level } from '../../core/levels.js';
import type { Within } from '../../core/within.js';
import { badRequest } from '../http.js';
import type { Store } from '../store.js';
import { SCOPE_FILTER, scopeParams } from './scope.js';

/** What every endpoint serves of one observation (its indicator and territory given around it). */
export interface ObservationFields {
  year: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  flags: string[];
  note: string | null;
  source_id: string;
  /** Interval of a value deduced from a rounded input (both null otherwise). */
  low: number | null;
  high: number | null;
  /** The producer's own text when it said more than a number (a state, a correction, a gap). */
  raw: string | null;
}

export interface ObservationOut extends ObservationFields {
  indicator: string;
  n_units: number | null;
  n_units_expected: number | null;
}

export interface LatestOut extends ObservationOut {
  /** Most recent year present for this indicator, even if its value is missing. */
  last_year: number;
  last_note: string | null;
}

/** latest values for several territories in one query, keyed by « level:code ». */
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
            r.n_units, r.n_units_expected, r.low, r.high, r.raw, l.last_year, l.last_note
     FROM ranked r JOIN last l USING (level, code, indicator) WHERE r.rn = 1 ORDER BY r.indicator`,
    {
      levels: JSON.stringify(territories.map((t) => t.level)),
      codes: JSON.stringify(territories.map((t) => t.code)),
    },
  );
  for (const { level, code, ...o } of rows) out.get(`${level}:${code}`)?.push(o);
  return out;
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

/** One territory of a scope and its observation for one year (all null when the source has none). */
export interface ValueRow extends Omit<ObservationFields, 'year' | 'source_id'> {
  code: string;
  name: string;
  year: number | null;
  source_id: string | null;
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
            coalesce(o.note, CASE WHEN o.code IS NULL THEN 'absent de la source pour cette année' END) AS note, o.source_id,
            o.low, o.high, o.raw
     FROM territories t
     LEFT JOIN observations o ON o.level = t.level AND o.code = t.code AND o.indicator = $indicator AND o.year = $year
     WHERE ${SCOPE_FILTER}
     ORDER BY t.code`,
    { indicator, level, year, ...scopeParams(within) },
  );
}

/** A year more recent than the one `latest` chose, with values for only part of the scope. */
export interface NewerYear {
  year: number;
  /** Territories of the scope with a value that year. */
  territories: number;
}

/**
 * `latest` in a scope: the most recent year whose values cover at least half as many territories as the
 * best-covered year of the scope. A newer vintage published for a few départements only (the SRU extracts
 * of 01/01/2025, ten départements) then does not hide the national inventory at 01/01/2024 on a France map
 * or in a national ranking; it is reported in `newer`, and chosen as soon as the scope is one it covers
 * (the 92, an EPT). `null` when the indicator has no value in the scope.
 */
export async function latestYear(
  store: Store,
  indicator: string,
  level: Level,
  within: Within,
): Promise<{ year: number | null; newer: NewerYear[] }> {
  const rows = await store.all<{ y: number; n: number }>(
    `SELECT o.year AS y, count(*)::INTEGER AS n
     FROM observations o JOIN territories t ON t.level = o.level AND t.code = o.code
     WHERE o.indicator = $indicator AND o.value IS NOT NULL AND ${SCOPE_FILTER}
     GROUP BY o.year ORDER BY o.year`,
    { indicator, level, ...scopeParams(within) },
  );
  return chooseLatest(rows.map((r) => ({ year: r.y, territories: r.n })));
}

/** The rule of `latestYear` on counts per year (pure). */
export function chooseLatest(counts: readonly NewerYear[]): { year: number | null; newer: NewerYear[] } {
  if (!counts.length) return { year: null, newer: [] };
  const best = Math.max(...counts.map((c) => c.territories));
  const sorted = [...counts].sort((a, b) => a.year - b.year);
  const chosen = sorted.filter((c) => c.territories * 2 >= best).at(-1)!;
  return { year: chosen.year, newer: sorted.filter((c) => c.year > chosen.year) };
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

/** Years with at least one value of an indicator (at one level, or at any). */
export async function yearsOf(store: Store, indicator: string, level?: Level): Promise<number[]> {
  return (await yearIndex(store)).get(`${indicator}|${level ?? '*'}`) ?? [];
}

/**
 * The year a request asks for: `latest` (see `latestYear`; `newer` lists the more recent, partial years it
 * passed over), or a year that has values (else 400 with the list).
 */
export async function resolveYear(
  store: Store,
  indicator: string,
  level: Level,
  within: Within,
  year: string,
): Promise<{ year: number | null; available: number[]; newer: NewerYear[] }> {
  const available = await yearsOf(store, indicator, level);
  if (year === 'latest') return { ...(await latestYear(store, indicator, level, within)), available };
  const y = Number(year);
  if (!available.includes(y)) {
    throw badRequest(
      `Aucune valeur de « ${indicator} » pour ${y} au niveau ${level}.`,
      'year',
      available.map(String),
    );
  }
  return { year: y, available, newer: [] };
}

export interface SeriesRow extends ObservationFields {
  level: Level;
  code: string;
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
            s.family AS source_family, o.low, o.high, o.raw
     FROM observations o LEFT JOIN sources s ON s.id = o.source_id
     WHERE o.indicator = $indicator
       AND list_contains($keys::JSON::VARCHAR[], o.level || ':' || o.code)
     ORDER BY o.level, o.code, o.year`,
    { indicator, keys: JSON.stringify(territories.map((t) => `${t.level}:${t.code}`)) },
  );
}
