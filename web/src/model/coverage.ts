/**
 * How much of a perimeter an indicator covers in a year: communes with a value, and départements where
 * the source has rows. Said in one line on the map (« valeurs pour 2 083 communes sur 34 875 ;
 * départements couverts : … ») and département by département on `/couverture`. Pure functions.
 */
import { DEPARTEMENTS } from '../../../core/places';
import { formatNumber } from '../format';
import { countText } from './plural';

/** Département of a commune code (« 92048 » → 92, « 97411 » → 974, « 2A004 » → 2A). */
export function departementOf(code: string): string {
  return code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2);
}

export interface CoverageRow {
  code: string;
  value: number | null;
  source_id: string | null;
}

export interface DepartementCoverage {
  code: string;
  name: string;
  communes: number;
  /** Communes with a value. */
  values: number;
  /** Communes the source lists without a value (masked, not inventoried…). */
  listed: number;
}

export interface Coverage {
  communes: number;
  values: number;
  departements: DepartementCoverage[];
}

export function coverageOf(rows: readonly CoverageRow[]): Coverage {
  const byDep = new Map<string, DepartementCoverage>();
  let values = 0;
  for (const r of rows) {
    const code = departementOf(r.code);
    let d = byDep.get(code);
    if (!d) {
      d = { code, name: DEPARTEMENTS[code]?.name ?? code, communes: 0, values: 0, listed: 0 };
      byDep.set(code, d);
    }
    d.communes++;
    if (r.value !== null) {
      d.values++;
      values++;
    } else if (r.source_id) d.listed++;
  }
  const departements = [...byDep.values()].sort((a, b) => a.code.localeCompare(b.code));
  return { communes: rows.length, values, departements };
}

/** « valeurs pour 2 083 communes sur 34 875 ; départements couverts (90 sur 101) : … ». */
export function coverageText(c: Coverage): string {
  const covered = c.departements.filter((d) => d.values + d.listed > 0);
  const missing = c.departements.filter((d) => d.values + d.listed === 0);
  const head = `Valeurs pour ${countText(c.values, 'communes')} sur ${formatNumber(c.communes)}`;
  if (!missing.length) return `${head} ; tous les départements du périmètre sont couverts.`;
  if (!covered.length) return `${head} ; aucun département couvert.`;
  const names = (list: DepartementCoverage[]) => list.map((d) => `${d.name} (${d.code})`).join(', ');
  const of = `${covered.length} sur ${c.departements.length}`;
  return covered.length <= missing.length
    ? `${head} ; départements couverts (${of}) : ${names(covered)}.`
    : `${head} ; départements couverts : ${of} ; sans donnée : ${names(missing)}.`;
}
