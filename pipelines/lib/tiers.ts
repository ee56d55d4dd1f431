/**
 * Value precedence, the one rule every family follows when several files give a value for the same
 * indicator, territory and year (official workbook, reshaped extract, back series…):
 *
 * 1. Each candidate comes with a tier: lower wins (the pipeline lists its files in order of trust).
 * 2. Two candidates of the same tier must agree (same value, or both missing); otherwise the build stops
 *    with an error naming both sources: a silent choice between two official figures is never made.
 * 3. A value the best tier marks as merely missing (flag `masked`) is replaced by a published value of a
 *    lower tier, and the note says so. A documented state of the best tier (`not_inventoried`,
 *    `not_applicable`, `incoherent`) is information: it is never replaced.
 * 4. Flags are then set in one place: `masked` on a missing value without another state, `series_break`
 *    on the first year after a registry break, `suspect` on a percentage outside [0, 100], and
 *    `source_change` on the first year of a run that comes from another file lineage than the year before
 *    (the chart breaks the line there and the table says so).
 */
import { indicator as registryIndicator, type Flag } from '../../core/registry.js';
import { InputError } from './errors.js';
import type { ObservationRow } from './pipeline.js';

export interface Candidate {
  row: ObservationRow;
  /** Lower wins. */
  tier: number;
}

export interface ChooseOptions {
  /**
   * Name of the file lineage of a source (files that continue one another, e.g. every vintage of an
   * official file): a change of lineage between two consecutive years flags `source_change`.
   * Default: the source id itself.
   */
  lineage?: (sourceId: string) => string;
  /** Label of a lineage for the note of a `source_change` (default: the lineage name). */
  lineageLabel?: (lineage: string) => string;
}

/** States that say something about the value: a lower tier never overrides them. */
const STATES: Flag[] = ['not_inventoried', 'not_applicable', 'incoherent'];

const keyOf = (r: ObservationRow) => `${r.indicator}|${r.level}|${r.code}|${r.year}`;

function sameValue(a: ObservationRow, b: ObservationRow): boolean {
  if (a.value === null || b.value === null) return a.value === b.value;
  return Math.abs(a.value - b.value) <= 1e-9 * Math.max(1, Math.abs(a.value));
}

function isMerelyMasked(r: ObservationRow): boolean {
  return r.value === null && !r.flags.some((f) => STATES.includes(f));
}

/** Picks one observation per indicator, territory and year, then sets the shared flags. */
export function chooseObservations(cands: Candidate[], opts: ChooseOptions = {}): ObservationRow[] {
  const groups = new Map<string, Candidate[]>();
  for (const c of cands) {
    const k = keyOf(c.row);
    const g = groups.get(k);
    if (g) g.push(c);
    else groups.set(k, [c]);
  }
  const chosen: ObservationRow[] = [];
  for (const g of groups.values()) {
    g.sort((a, b) => a.tier - b.tier);
    const best = g[0]!;
    for (const other of g.slice(1)) {
      if (other.tier !== best.tier) break;
      if (!sameValue(best.row, other.row))
        throw new InputError(
          { file: other.row.source_id },
          `deux valeurs de même rang pour ${best.row.indicator}, ${best.row.level} ${best.row.code}, ${best.row.year} : ${String(other.row.value)} ici, ${String(best.row.value)} dans ${best.row.source_id}`,
        );
    }
    let row = best.row;
    if (isMerelyMasked(row)) {
      const published = g.find((c) => c.row.value !== null);
      if (published) {
        row = {
          ...published.row,
          note: [
            published.row.note,
            `valeur de ${published.row.source_id} : ${best.row.source_id} ne la donne pas (${best.row.note ?? 'valeur absente'})`,
          ]
            .filter(Boolean)
            .join(' ; '),
        };
      }
    }
    chosen.push(row);
  }
  return setFlags(chosen, opts);
}

/** The flags every family sets the same way (see the module comment). Rows are returned, updated. */
export function setFlags(rows: ObservationRow[], opts: ChooseOptions = {}): ObservationRow[] {
  const lineage = opts.lineage ?? ((s: string) => s);
  const label = opts.lineageLabel ?? ((l: string) => l);
  const out = rows.map((r) => {
    const def = registryIndicator(r.indicator);
    const flags = new Set<Flag>(r.flags);
    if (r.value === null && !r.flags.some((f) => STATES.includes(f))) flags.add('masked');
    if (def.series_breaks?.some((b) => b.year === r.year)) flags.add('series_break');
    if (r.value !== null && def.unit === 'pct' && (r.value < 0 || r.value > 100)) flags.add('suspect');
    return { ...r, flags: [...flags] };
  });
  // Source changes, per series (indicator, level, code) in year order.
  const series = new Map<string, ObservationRow[]>();
  for (const r of out) {
    const k = `${r.indicator}|${r.level}|${r.code}`;
    const s = series.get(k);
    if (s) s.push(r);
    else series.set(k, [r]);
  }
  for (const s of series.values()) {
    s.sort((a, b) => a.year - b.year);
    for (let i = 1; i < s.length; i++) {
      const prev = lineage(s[i - 1]!.source_id);
      const cur = lineage(s[i]!.source_id);
      if (prev === cur) continue;
      const r = s[i]!;
      if (!r.flags.includes('source_change')) r.flags.push('source_change');
      r.note = [
        r.note,
        `changement de source : ${label(prev)} jusqu’en ${s[i - 1]!.year}, ${label(cur)} ensuite`,
      ]
        .filter(Boolean)
        .join(' ; ');
    }
  }
  return out;
}
