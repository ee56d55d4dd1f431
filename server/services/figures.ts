/** French wording of figures for server-written pages (feeds, embeddable cards): numbers, units, differences. */
import { UNITS, type Unit } from '../../core/registry.js';

const formats = new Map<number, Intl.NumberFormat>();

export function numberText(value: number, decimals = 0): string {
  let f = formats.get(decimals);
  if (!f) {
    f = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    formats.set(decimals, f);
  }
  // Narrow no-break spaces as thousands separators, as the dashboard writes them.
  return f.format(value);
}

/** Count units whose noun takes the singular under 2 in French (« 0 logement », « 1 foyer »). */
const COUNT_UNITS = [
  'logements',
  'menages',
  'foyers',
  'demandes',
  'attributions',
  'personnes',
  'places',
  'decisions',
  'commandements',
];

/** « 27,62 % », « 5 656 logements », « 1 logement », « oui » ; « non disponible » for a missing value. */
export function valueText(value: number | null, unit: string, decimals: number): string {
  if (value === null || !Number.isFinite(value)) return 'non disponible';
  if (unit === 'booleen') return value ? 'oui' : 'non';
  let symbol = (UNITS as Record<string, { symbol: string }>)[unit]?.symbol ?? '';
  if (COUNT_UNITS.includes(unit) && Math.abs(value) < 2) symbol = symbol.replace(/s\b/g, '');
  return symbol ? `${numberText(value, decimals)} ${symbol}` : numberText(value, decimals);
}

/** « +0,48 point », « −75 logements », « inchangé ». */
export function differenceText(diff: number, unit: Unit | string, decimals: number): string {
  if (diff === 0) return 'inchangé';
  const sign = diff > 0 ? '+' : '−';
  const abs = Math.abs(diff);
  if (unit === 'pct') return `${sign}${numberText(abs, decimals)} point${abs >= 2 ? 's' : ''}`;
  if (unit === 'booleen') return diff > 0 ? 'passe à oui' : 'passe à non';
  return `${sign}${valueText(abs, unit, decimals)}`;
}
