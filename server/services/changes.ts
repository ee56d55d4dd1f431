/**
 * What changed between two vintages: per territory, the previous and the current value of an
 * indicator with their dates, the difference, and the SRU status changes (newly déficitaire,
 * carencée, exempted, back above the target…); per family of sources, a summary of the newest
 * vintage (status changes, largest moves); per territory, one record per vintage that changed
 * something (Atom feeds). Values the source contradicts (`incoherent`), masked or to be checked
 * (`suspect`) are shown but never used in a difference or a status change.
 */
import { FAMILIES, type FamilyId } from '../../core/families.js';
import type { Level } from '../../core/levels.js';
import { INDICATORS, fillYear, indicator as getIndicator, type IndicatorDef } from '../../core/registry.js';
import type { Within } from '../../core/within.js';
import type { Store } from '../store.js';
import { yearsOf } from './observations.js';
import { SCOPE_FILTER, scopeParams } from './scope.js';
import { intervalColumns } from './intervals.js';
import { allSources } from './sources.js';

/** Flags that keep a value out of differences and status changes. */
export const UNUSABLE_FLAGS = ['masked', 'incoherent', 'suspect'];

export interface Point {
  year: number;
  value: number | null;
  /** Interval of a value deduced from a rounded input (null when exact). */
  low: number | null;
  high: number | null;
  flags: string[];
  note: string | null;
  source_id: string;
  /** « inventaire SRU au 1er janvier 2025 ». */
  reference_text: string;
}

export function usablePoint(p: Point | null | undefined): p is Point & { value: number } {
  return (
    !!p && p.value !== null && Number.isFinite(p.value) && !p.flags.some((f) => UNUSABLE_FLAGS.includes(f))
  );
}

export const STATUS_LABELS = {
  newly_deficitaire: 'devient déficitaire',
  no_longer_deficitaire: 'n’est plus déficitaire',
  above_target: 'repasse au-dessus de son objectif légal',
  below_target: 'passe sous son objectif légal',
  newly_carencee: 'devient carencée (arrêté de carence)',
  carence_lifted: 'n’est plus carencée',
  newly_exempted: 'devient exemptée',
  no_longer_exempted: 'n’est plus exemptée',
  entered_inventory: 'entre dans l’inventaire SRU',
  left_inventory: 'ne figure plus dans l’inventaire SRU',
} as const;
export type StatusId = keyof typeof STATUS_LABELS;

export interface StatusChange {
  id: StatusId;
  label: string;
}

/** SRU indicators read to find status changes. */
export const SRU_STATUS_INDICATORS = [
  'sru_deficitaire',
  'sru_carencee',
  'sru_exemptee',
  'sru_taux',
  'sru_taux_cible',
] as const;

type Snapshot = Partial<Record<string, Point>>;

/** Above the legal target: a usable rate ≥ the target, or « au-dessus de 25 % (non inventoriée) ». */
function aboveTarget(s: Snapshot): boolean | null {
  const taux = s.sru_taux;
  if (taux?.flags.includes('not_inventoried')) return true;
  const cible = s.sru_taux_cible;
  if (!usablePoint(taux) || !usablePoint(cible)) return null;
  return taux.value >= cible.value;
}

/**
 * SRU status changes of one commune between two inventories (pure). `present*` says whether the
 * commune has any SRU row that year; `covered*` whether the source covers its département that year
 * (a commune absent from a département the source does not cover has not left the inventory).
 */
export function sruStatusChanges(
  prev: Snapshot,
  cur: Snapshot,
  ctx: { presentPrev: boolean; presentCur: boolean; coveredPrev: boolean; coveredCur: boolean },
): StatusChange[] {
  const out: StatusId[] = [];
  if (!ctx.presentPrev && ctx.presentCur && ctx.coveredPrev) out.push('entered_inventory');
  if (ctx.presentPrev && !ctx.presentCur && ctx.coveredCur) out.push('left_inventory');
  const flip = (ind: string, up: StatusId, down: StatusId) => {
    const a = prev[ind];
    const b = cur[ind];
    if (!usablePoint(a) || !usablePoint(b)) return;
    if (a.value === 0 && b.value === 1) out.push(up);
    if (a.value === 1 && b.value === 0) out.push(down);
  };
  flip('sru_deficitaire', 'newly_deficitaire', 'no_longer_deficitaire');
  const a = aboveTarget(prev);
  const b = aboveTarget(cur);
  if (a === false && b === true) out.push('above_target');
  if (a === true && b === false) out.push('below_target');
  flip('sru_carencee', 'newly_carencee', 'carence_lifted');
  flip('sru_exemptee', 'newly_exempted', 'no_longer_exempted');
  return out.map((id) => ({ id, label: STATUS_LABELS[id] }));
}

/** Difference of two points (null unless both are usable); an interval when either is one. */
export function difference(
  prev: Point | null,
  cur: Point | null,
): { value: number | null; low: number | null; high: number | null } {
  if (!usablePoint(prev) || !usablePoint(cur)) return { value: null, low: null, high: null };
  const value = Math.round((cur.value - prev.value) * 1e6) / 1e6;
  if (prev.low === null && prev.high === null && cur.low === null && cur.high === null)
    return { value, low: null, high: null };
  const lo = (cur.low ?? cur.value) - (prev.high ?? prev.value);
  const hi = (cur.high ?? cur.value) - (prev.low ?? prev.value);
  return { value, low: Math.round(lo * 1e6) / 1e6, high: Math.round(hi * 1e6) / 1e6 };
}

/**
 * One territory's two values do not cover the same ground: one is partial (a commune before a merger whose
 * former commune the file lacks, a total with members missing), the other whole. Their gap is not a change.
 */
export function perimeterMismatch(prev: Point | null, cur: Point | null): string | null {
  if (!prev || !cur || prev.flags.includes('partial') === cur.flags.includes('partial')) return null;
  return 'l’une des deux valeurs ne couvre pas tout le territoire (voir sa note) : pas de différence';
}

/** A series break declared by the registry or flagged by the source between two years. */
export function breakBetween(def: IndicatorDef, prevYear: number, cur: Point | null): string | null {
  const b = def.series_breaks?.find((x) => x.year > prevYear && x.year <= (cur?.year ?? prevYear));
  if (b) return b.label;
  if (cur?.flags.includes('series_break')) return 'série rompue signalée par la source';
  return null;
}

export interface ChangeRow {
  level: Level;
  code: string;
  name: string;
  departement: string | null;
  previous: Point | null;
  current: Point | null;
  difference: number | null;
  difference_low: number | null;
  difference_high: number | null;
  /** Why there is no difference, or the series break it crosses. */
  note: string | null;
  statuses: StatusChange[];
}

export interface ObsRow extends Omit<Point, 'reference_text'> {
  code: string;
  name: string;
  departement: string | null;
  indicator: string;
}

function pointOf(def: IndicatorDef, r: ObsRow): Point {
  return {
    year: r.year,
    value: r.value,
    low: r.low,
    high: r.high,
    flags: r.flags,
    note: r.note,
    source_id: r.source_id,
    reference_text: fillYear(def.reference, r.year),
  };
}

/** Years of an indicator with at least one value in a scope, ascending. */
async function yearsIn(store: Store, indicator: string, level: Level, within: Within): Promise<number[]> {
  const rows = await store.all<{ year: number }>(
    `SELECT DISTINCT o.year FROM observations o JOIN territories t ON t.level = o.level AND t.code = o.code
     WHERE o.indicator = $indicator AND o.value IS NOT NULL AND ${SCOPE_FILTER} ORDER BY o.year`,
    { indicator, level, ...scopeParams(within) },
  );
  return rows.map((r) => r.year);
}

/** Départements where an indicator has at least one commune row a given year (source coverage). */
function coveredDepartements(store: Store, indicator: string, year: number): Promise<Set<string>> {
  return store
    .cached(`covered:${indicator}:${year}`, () =>
      store.all<{ departement: string }>(
        `SELECT DISTINCT t.departement FROM observations o JOIN territories t ON t.level = 'commune' AND t.code = o.code
         WHERE o.level = 'commune' AND o.indicator = $indicator AND o.year = $year`,
        { indicator, year },
      ),
    )
    .then((rows) => new Set(rows.map((r) => r.departement)));
}

export interface ChangesResult {
  indicator: string;
  level: Level;
  year: number | null;
  previous_year: number | null;
  years: number[];
  series_break: string | null;
  rows: ChangeRow[];
}

/**
 * Changes of one indicator for the territories of a scope between two years: `year` (default: the
 * latest with a value in the scope) and `since` (default: the year before it that has values).
 */
export async function changesIn(
  store: Store,
  opts: { indicator: string; level: Level; within: Within; year?: number; since?: number },
): Promise<ChangesResult> {
  const def = getIndicator(opts.indicator);
  const years = await yearsIn(store, opts.indicator, opts.level, opts.within);
  const year = opts.year ?? years.at(-1) ?? null;
  const prevYear = opts.since ?? (year === null ? undefined : years.filter((y) => y < year).at(-1)) ?? null;
  const empty = { indicator: opts.indicator, level: opts.level, year, previous_year: prevYear, years };
  if (year === null || prevYear === null) return { ...empty, series_break: null, rows: [] };
  const withStatus = opts.level === 'commune' && def.family === 'sru';
  const indicators = withStatus ? [...new Set([opts.indicator, ...SRU_STATUS_INDICATORS])] : [opts.indicator];
  const rows = await store.all<ObsRow>(
    `SELECT t.code, t.name, t.departement, o.indicator, o.year, o.value, ${await intervalColumns(store, 'o')},
            o.flags, o.note, o.source_id
     FROM territories t JOIN observations o ON o.level = t.level AND o.code = t.code
     WHERE ${SCOPE_FILTER} AND o.indicator IN (SELECT unnest($inds::JSON::VARCHAR[])) AND o.year IN ($y, $p)
     ORDER BY t.code`,
    {
      level: opts.level,
      ...scopeParams(opts.within),
      inds: JSON.stringify(indicators),
      y: year,
      p: prevYear,
    },
  );
  const [covPrev, covCur] = withStatus
    ? await Promise.all([
        coveredDepartements(store, 'sru_taux', prevYear),
        coveredDepartements(store, 'sru_taux', year),
      ])
    : [new Set<string>(), new Set<string>()];
  const res = compareRows(def, opts.level, rows, { year, prevYear, withStatus, covPrev, covCur });
  return { ...empty, series_break: res.seriesBreak, rows: res.rows };
}

/**
 * The comparison itself (pure): rows of the indicator (and, for SRU communes, of the status
 * indicators) at `year` and `prevYear`, one ChangeRow per territory.
 */
export function compareRows(
  def: IndicatorDef,
  level: Level,
  rows: ObsRow[],
  ctx: { year: number; prevYear: number; withStatus: boolean; covPrev: Set<string>; covCur: Set<string> },
): { rows: ChangeRow[]; seriesBreak: string | null } {
  const { year, prevYear, withStatus, covPrev, covCur } = ctx;
  const byCode = new Map<
    string,
    { r: ObsRow; prev: Snapshot; cur: Snapshot; anyPrev: boolean; anyCur: boolean }
  >();
  for (const r of rows) {
    let e = byCode.get(r.code);
    if (!e) byCode.set(r.code, (e = { r, prev: {}, cur: {}, anyPrev: false, anyCur: false }));
    const p = pointOf(getIndicator(r.indicator), r);
    if (r.year === year) {
      e.cur[r.indicator] = p;
      e.anyCur = true;
    } else {
      e.prev[r.indicator] = p;
      e.anyPrev = true;
    }
  }
  const out: ChangeRow[] = [];
  let seriesBreak: string | null = null;
  for (const [code, e] of byCode) {
    const previous = e.prev[def.id] ?? null;
    const current = e.cur[def.id] ?? null;
    const statuses = withStatus
      ? sruStatusChanges(e.prev, e.cur, {
          presentPrev: e.anyPrev,
          presentCur: e.anyCur,
          coveredPrev: covPrev.has(e.r.departement ?? ''),
          coveredCur: covCur.has(e.r.departement ?? ''),
        })
      : [];
    if (!previous && !current && statuses.length === 0) continue;
    const brk = breakBetween(def, prevYear, current);
    if (brk) seriesBreak = brk;
    const mismatch = perimeterMismatch(previous, current);
    const d = brk || mismatch ? { value: null, low: null, high: null } : difference(previous, current);
    out.push({
      level,
      code,
      name: e.r.name,
      departement: e.r.departement,
      previous,
      current,
      difference: d.value,
      difference_low: d.low,
      difference_high: d.high,
      note: brk
        ? `série rompue : ${brk}`
        : mismatch
          ? mismatch
          : d.value === null
            ? !previous
              ? `pas de valeur ${prevYear}`
              : !current
                ? `pas de valeur ${year}`
                : 'valeur manquante, masquée ou à vérifier : pas de différence'
            : null,
      statuses,
    });
  }
  return { rows: out, seriesBreak };
}

// ---------------------------------------------------------------------------------------------
// Vintages: the newest vintage of each family, and one territory's vintages (feeds).

/** Indicators whose vintages are followed: open data (published figures copied by hand excluded). */
const FOLLOWED = INDICATORS.filter((d) => d.open && !d.curated);

export interface Move {
  code: string;
  name: string;
  departement: string | null;
  previous: number;
  current: number;
  difference: number;
  difference_low: number | null;
  difference_high: number | null;
}

export interface IndicatorMoves {
  indicator: string;
  label: string;
  unit: string;
  decimals: number;
  previous_year: number;
  series_break: string | null;
  compared: number;
  changed: number;
  up: Move[];
  down: Move[];
}

export interface VintageSummary {
  /** `sru-2025`: anchor of the page and part of the feed entry id. */
  id: string;
  family: FamilyId;
  family_title: string;
  year: number;
  previous_year: number;
  reference_text: string;
  previous_reference_text: string;
  /** Départements where both vintages have commune values (where a comparison is possible). */
  departements: string[];
  statuses: Array<{ code: string; name: string; departement: string | null; statuses: StatusChange[] }>;
  moves: IndicatorMoves[];
  /** When the build read the files of this vintage (their retrieval date): the feed's `updated`. */
  updated: string;
  source_ids: string[];
}

const TOP = 5;

function movesOf(def: IndicatorDef, res: ChangesResult): IndicatorMoves {
  const moved: Move[] = res.rows
    .filter((r) => r.difference !== null && r.previous && r.current)
    .map((r) => ({
      code: r.code,
      name: r.name,
      departement: r.departement,
      previous: r.previous!.value!,
      current: r.current!.value!,
      difference: r.difference!,
      difference_low: r.difference_low,
      difference_high: r.difference_high,
    }));
  const changed = moved.filter((m) => m.difference !== 0);
  const by = (sign: 1 | -1) =>
    changed
      .filter((m) => Math.sign(m.difference) === sign)
      .sort((a, b) => sign * (b.difference - a.difference) || (a.code < b.code ? -1 : 1))
      .slice(0, TOP);
  return {
    indicator: def.id,
    label: def.label,
    unit: def.unit,
    decimals: def.decimals,
    previous_year: res.previous_year!,
    series_break: res.series_break,
    compared: moved.length,
    changed: changed.length,
    up: res.series_break ? [] : by(1),
    down: res.series_break ? [] : by(-1),
  };
}

async function retrievedAt(store: Store, sourceIds: Iterable<string>, fallback: string): Promise<string> {
  const wanted = new Set(sourceIds);
  const dates = (await allSources(store)).filter((s) => wanted.has(s.id)).map((s) => s.retrieved_at);
  return dates.sort().at(-1) ?? fallback;
}

/** The newest vintage of each family with two vintages at commune level (cached per build). */
export function vintageSummaries(store: Store): Promise<VintageSummary[]> {
  return store.cached('vintage-summaries', async () => {
    const out: VintageSummary[] = [];
    const families = [...new Set(FOLLOWED.map((d) => d.family))];
    for (const family of families) {
      const defs = FOLLOWED.filter((d) => d.family === family);
      const yearsBy = new Map<string, number[]>();
      for (const d of defs) yearsBy.set(d.id, await yearsOf(store, d.id, 'commune'));
      const year = Math.max(...[...yearsBy.values()].flat());
      if (!Number.isFinite(year)) continue;
      const compared = defs.filter((d) => {
        const ys = yearsBy.get(d.id)!;
        return ys.includes(year) && ys.some((y) => y < year);
      });
      if (compared.length === 0) continue;
      const moves: IndicatorMoves[] = [];
      const statusRows = new Map<string, VintageSummary['statuses'][number]>();
      const sourceIds = new Set<string>();
      let previousYear = 0;
      // One query per family: every compared indicator (and the SRU statuses) at the years needed.
      const prevOf = new Map(
        compared.map((d) => [
          d.id,
          yearsBy
            .get(d.id)!
            .filter((y) => y < year)
            .at(-1)!,
        ]),
      );
      const withStatus = family === 'sru';
      const wanted = [
        ...new Set([...compared.map((d) => d.id), ...(withStatus ? SRU_STATUS_INDICATORS : [])]),
      ];
      const all = await store.all<ObsRow>(
        `SELECT t.code, t.name, t.departement, o.indicator, o.year, o.value, ${await intervalColumns(store, 'o')},
                o.flags, o.note, o.source_id
         FROM observations o JOIN territories t ON t.level = 'commune' AND t.code = o.code
         WHERE o.level = 'commune' AND o.indicator IN (SELECT unnest($inds::JSON::VARCHAR[]))
           AND o.year IN (SELECT unnest($years::JSON::INTEGER[]))
         ORDER BY t.code`,
        { inds: JSON.stringify(wanted), years: JSON.stringify([year, ...new Set(prevOf.values())]) },
      );
      for (const def of compared) {
        const p = prevOf.get(def.id)!;
        previousYear = Math.max(previousYear, p);
        const keep = new Set([def.id, ...(withStatus ? SRU_STATUS_INDICATORS : [])]);
        const [covPrev, covCur] = withStatus
          ? await Promise.all([
              coveredDepartements(store, 'sru_taux', p),
              coveredDepartements(store, 'sru_taux', year),
            ])
          : [new Set<string>(), new Set<string>()];
        const cmp = compareRows(
          def,
          'commune',
          all.filter((r) => keep.has(r.indicator) && (r.year === year || r.year === p)),
          { year, prevYear: p, withStatus, covPrev, covCur },
        );
        const res: ChangesResult = {
          indicator: def.id,
          level: 'commune',
          year,
          previous_year: p,
          years: yearsBy.get(def.id)!,
          series_break: cmp.seriesBreak,
          rows: cmp.rows,
        };
        for (const r of res.rows) {
          if (r.current) sourceIds.add(r.current.source_id);
          if (r.statuses.length && !statusRows.has(r.code))
            statusRows.set(r.code, {
              code: r.code,
              name: r.name,
              departement: r.departement,
              statuses: r.statuses,
            });
        }
        if (def.unit !== 'booleen') moves.push(movesOf(def, res));
      }
      const first = compared[0]!;
      const [covCur, covPrev] = await Promise.all([
        coveredDepartements(store, first.id, year),
        coveredDepartements(store, first.id, previousYear),
      ]);
      const deps = new Set([...covCur].filter((d) => covPrev.has(d)));
      out.push({
        id: `${family}-${year}`,
        family,
        family_title: FAMILIES[family].title,
        year,
        previous_year: previousYear,
        reference_text: fillYear(first.reference, year),
        previous_reference_text: fillYear(first.reference, previousYear),
        departements: [...deps].sort(),
        statuses: [...statusRows.values()].sort(
          (a, b) =>
            (a.departement ?? '').localeCompare(b.departement ?? '') || a.name.localeCompare(b.name, 'fr'),
        ),
        moves,
        updated: await retrievedAt(store, sourceIds, store.builtAt()),
        source_ids: [...sourceIds].sort(),
      });
    }
    return out.sort((a, b) => b.year - a.year || a.family.localeCompare(b.family));
  });
}

export interface IndicatorChange {
  indicator: string;
  label: string;
  unit: string;
  decimals: number;
  previous: Point | null;
  current: Point;
  difference: number | null;
  difference_low: number | null;
  difference_high: number | null;
  note: string | null;
}

export interface TerritoryVintage {
  /** `sru-2025`. */
  id: string;
  family: FamilyId;
  family_title: string;
  year: number;
  reference_text: string;
  changes: IndicatorChange[];
  statuses: StatusChange[];
  updated: string;
  source_ids: string[];
}

/**
 * Every vintage that changed something for one territory: per family and year, the indicators whose
 * value differs from their previous vintage (or appears, or disappears), and the SRU status changes.
 * Newest first.
 */
export async function territoryVintages(
  store: Store,
  level: Level,
  code: string,
): Promise<TerritoryVintage[]> {
  const rows = await store.all<ObsRow>(
    `SELECT o.code, '' AS name, NULL AS departement, o.indicator, o.year, o.value, ${await intervalColumns(store, 'o')},
            o.flags, o.note, o.source_id
     FROM observations o
     WHERE o.level = $level AND o.code = $code AND o.indicator IN (SELECT unnest($inds::JSON::VARCHAR[]))
     ORDER BY o.indicator, o.year`,
    { level, code, inds: JSON.stringify(FOLLOWED.map((d) => d.id)) },
  );
  const byInd = new Map<string, ObsRow[]>();
  for (const r of rows) {
    if (!byInd.has(r.indicator)) byInd.set(r.indicator, []);
    byInd.get(r.indicator)!.push(r);
  }
  const vintages = new Map<string, TerritoryVintage>();
  const get = (def: IndicatorDef, year: number) => {
    const id = `${def.family}-${year}`;
    let v = vintages.get(id);
    if (!v)
      vintages.set(
        id,
        (v = {
          id,
          family: def.family,
          family_title: FAMILIES[def.family].title,
          year,
          reference_text: fillYear(def.reference, year),
          changes: [],
          statuses: [],
          updated: '',
          source_ids: [],
        }),
      );
    return v;
  };
  for (const def of FOLLOWED) {
    const series = byInd.get(def.id) ?? [];
    for (let i = 1; i < series.length; i++) {
      const prev = pointOf(def, series[i - 1]!);
      const cur = pointOf(def, series[i]!);
      const brk = breakBetween(def, prev.year, cur);
      const mismatch = perimeterMismatch(prev, cur);
      const d = brk || mismatch ? { value: null, low: null, high: null } : difference(prev, cur);
      const appeared = !usablePoint(prev) && usablePoint(cur);
      const vanished = usablePoint(prev) && !usablePoint(cur);
      if (!(d.value !== null && d.value !== 0) && !appeared && !vanished && !brk) continue;
      const v = get(def, cur.year);
      v.changes.push({
        indicator: def.id,
        label: def.label,
        unit: def.unit,
        decimals: def.decimals,
        previous: prev,
        current: cur,
        difference: d.value,
        difference_low: d.low,
        difference_high: d.high,
        note: brk ? `série rompue : ${brk}` : vanished ? 'valeur manquante, masquée ou à vérifier' : null,
      });
    }
  }
  // SRU status changes of a commune, between consecutive inventories that publish statuses.
  if (level === 'commune') {
    const statusYears = [...new Set((byInd.get('sru_deficitaire') ?? []).map((r) => r.year))].sort(
      (a, b) => a - b,
    );
    const snap = (year: number): Snapshot =>
      Object.fromEntries(
        SRU_STATUS_INDICATORS.map((id) => {
          const r = byInd.get(id)?.find((x) => x.year === year);
          return [id, r ? pointOf(getIndicator(id), r) : undefined];
        }),
      );
    for (let i = 1; i < statusYears.length; i++) {
      const statuses = sruStatusChanges(snap(statusYears[i - 1]!), snap(statusYears[i]!), {
        presentPrev: true,
        presentCur: true,
        coveredPrev: true,
        coveredCur: true,
      });
      if (!statuses.length) continue;
      const v = get(getIndicator('sru_deficitaire'), statusYears[i]!);
      v.statuses.push(...statuses);
      const src = byInd.get('sru_deficitaire')!.find((r) => r.year === statusYears[i])!.source_id;
      v.source_ids.push(src);
    }
  }
  const out = [...vintages.values()];
  for (const v of out) {
    v.source_ids = [...new Set([...v.source_ids, ...v.changes.map((c) => c.current.source_id)])].sort();
    v.updated = await retrievedAt(store, v.source_ids, store.builtAt());
  }
  return out.sort((a, b) => b.year - a.year || a.family.localeCompare(b.family));
}
