/** Ranks: a commune's place in its département and EPT (fiche), and the competition ranking of a list. */
import { UNCOMPARABLE_FLAGS, isUncomparable } from '../../core/flags.js';
import type { Store } from '../store.js';
import type { LatestOut, ValueRow } from './observations.js';
import type { TerritoryOut } from './territories.js';

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
         AND NOT list_has_any(o.flags, $uncomparable::JSON::VARCHAR[])
       GROUP BY o.indicator, o.year`,
      { code, inds: JSON.stringify(indicators), uncomparable: JSON.stringify(UNCOMPARABLE_FLAGS) },
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
    if (!v || v.value === null || v.flags.includes('curated') || isUncomparable(v.flags)) continue;
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

export interface RankingRow extends ValueRow {
  rank: number | null;
}

/**
 * Competition ranking (1, 2, 2, 4): ties share a rank; missing values, and values flagged incoherent,
 * suspect or on small numbers (`core/flags.ts`), come last, unranked, with their note.
 */
export function rankRows(rows: ValueRow[], order: 'asc' | 'desc'): RankingRow[] {
  const rankable = (r: ValueRow) => r.value !== null && !isUncomparable(r.flags);
  const withValue = rows.filter(rankable);
  const missing = rows.filter((r) => !rankable(r));
  const sign = order === 'desc' ? -1 : 1;
  withValue.sort((a, b) => sign * (a.value! - b.value!) || a.code.localeCompare(b.code));
  const out: RankingRow[] = [];
  withValue.forEach((r, i) => {
    const prev = out[i - 1];
    out.push({ ...r, rank: prev && prev.value === r.value ? prev.rank : i + 1 });
  });
  return [...out, ...missing.map((r) => ({ ...r, rank: null }))];
}
