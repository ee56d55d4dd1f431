/**
 * How a figure reads in French: the number with its unit, always (« 5 797 logements », « 28,18 % »,
 * « 0 logement », « 10,2 demandes pour une attribution »), « environ » and its interval when the value
 * was deduced from a rounded input, and a visible « chiffre de 2014 » when it is old. Pure functions.
 */
import { formatNumber, formatValue } from '../format';
import { countText, plural, singular } from './plural';

export interface FigureIndicator {
  unit: string;
  decimals: number;
  unit_symbol?: string;
  aggregate_unit_label?: string;
  reading?: string;
}

/** Units whose symbol is written by `formatValue` itself (« % », « € », « €/an », « €/m² »). */
function symbolInNumber(unit: string): boolean {
  return unit === 'pct' || unit.startsWith('euros');
}

/** The number and the words after it, apart (a card prints them at two sizes). */
export function figureParts(
  ind: FigureIndicator,
  value: number,
  level = 'commune',
): { number: string; unit: string } {
  if (ind.unit === 'booleen') {
    if (level === 'commune') return { number: value ? 'oui' : 'non', unit: '' };
    const label = ind.aggregate_unit_label ?? 'communes';
    return { number: formatNumber(value), unit: plural(value, singular(label), label) };
  }
  const number = formatValue(value, ind.unit, ind.decimals);
  if (ind.reading) {
    const [before, after] = ind.reading.split('{value}');
    if (!before) return { number, unit: (after ?? '').trim() };
  }
  if (symbolInNumber(ind.unit) || !ind.unit_symbol) return { number, unit: '' };
  const sym = ind.unit_symbol;
  return { number, unit: sym.startsWith('pour ') ? sym : plural(value, singular(sym), sym) };
}

/** The figure as one French phrase: « 5 797 logements », « les 10 % les plus aisés … 3,1 fois … ». */
export function figureText(ind: FigureIndicator, value: number, level = 'commune'): string {
  if (ind.reading && ind.unit !== 'booleen') {
    const [before] = ind.reading.split('{value}');
    if (before) return ind.reading.replace('{value}', formatValue(value, ind.unit, ind.decimals));
  }
  const p = figureParts(ind, value, level);
  return p.unit ? `${p.number} ${p.unit}` : p.number;
}

export interface IntervalObs {
  value: number | null;
  low?: number | null;
  high?: number | null;
}

/**
 * A value deduced from a rounded input, with its interval: « environ 5 330 logements (entre 5 329 et
 * 5 338) »; the plain figure otherwise.
 */
export function figureWithInterval(ind: FigureIndicator, o: IntervalObs, level = 'commune'): string {
  if (o.value === null) return 'non disponible';
  const text = figureText(ind, o.value, level);
  const interval = intervalText(ind, o);
  return interval ? `environ ${text} (${interval})` : text;
}

/**
 * The same for a dense table (workshop pack): the interval stays, in fewer words — « ≈ 741 logements
 * (740–743) », « ≈ 38,58 % (38,58–38,59 %) »; with `words: false`, for a column whose header names the
 * unit, « ≈ 360 (360–361) » and « 35,82 % ». « n.d. » when there is no value.
 */
export function compactFigure(ind: FigureIndicator, o: IntervalObs, level = 'commune', words = true): string {
  if (o.value === null) return 'n.d.';
  const text = words ? figureText(ind, o.value, level) : formatValue(o.value, ind.unit, ind.decimals);
  const { low, high } = o;
  if (low === null || low === undefined || high === null || high === undefined || low === high) return text;
  return `≈ ${text} (${formatNumber(low, ind.decimals)}–${formatValue(high, ind.unit, ind.decimals)})`;
}

/** « entre 5 329 et 5 338 » for a value deduced from a rounded input; null otherwise. */
export function intervalText(ind: FigureIndicator, o: IntervalObs): string | null {
  const { low, high } = o;
  if (low === null || low === undefined || high === null || high === undefined || low === high) return null;
  const n = (v: number) => formatValue(v, ind.unit, ind.decimals);
  return `entre ${n(low)} et ${n(high)}`;
}

/** Figures older than this many years say so (« chiffre de 2014 »). */
export const OLD_AFTER_YEARS = 5;

/** « chiffre de 2014 » for a figure more than five years old; null otherwise. */
export function oldFigureText(year: number, now = new Date().getFullYear()): string | null {
  return now - year > OLD_AFTER_YEARS ? `chiffre de ${year}` : null;
}

export { countText };
