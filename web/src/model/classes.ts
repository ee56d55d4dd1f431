/**
 * Choropleth classes: registry thresholds when the indicator has meaningful limits (e.g. the SRU
 * targets), two categories for yes/no indicators, a diverging scale centred on zero for signed
 * indicators, quantiles otherwise. Pure functions, tested without a browser.
 */

// ColorBrewer YlGnBu (sequential, colour-blind safe), 3 to 9 classes.
const YLGNBU: Record<number, string[]> = {
  3: ['#edf8b1', '#7fcdbb', '#2c7fb8'],
  4: ['#ffffcc', '#a1dab4', '#41b6c4', '#225ea8'],
  5: ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'],
  6: ['#ffffcc', '#c7e9b4', '#7fcdbb', '#41b6c4', '#2c7fb8', '#253494'],
  7: ['#ffffcc', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#0c2c84'],
  8: ['#ffffd9', '#edf8b1', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#0c2c84'],
  9: ['#ffffd9', '#edf8b1', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#253494', '#081d58'],
};
// ColorBrewer RdBu (diverging), centred on a neutral class.
const RDBU: Record<number, string[]> = {
  5: ['#ca0020', '#f4a582', '#f7f7f7', '#92c5de', '#0571b0'],
  7: ['#b2182b', '#ef8a62', '#fddbc7', '#f7f7f7', '#d1e5f0', '#67a9cf', '#2166ac'],
};
/** Yes/no: « non » light, « oui » a saturated orange (the concern) — distinct for colour-blind readers. */
const BOOLEAN = ['#e0ecf4', '#d95f02'];

export type ClassKind = 'seuils' | 'quantiles' | 'divergent' | 'categories';

export interface Classes {
  /** Lower-inclusive limits between classes: class i holds values in [breaks[i-1], breaks[i]). */
  breaks: number[];
  colors: string[];
  kind: ClassKind;
}

export const KIND_TEXT: Record<ClassKind, string> = {
  seuils: 'classes à seuils fixes, définies dans le registre des indicateurs',
  quantiles: 'classes d’effectifs égaux (quantiles) : chacune regroupe à peu près autant de communes',
  divergent: 'échelle divergente centrée sur zéro (valeurs négatives en rouge, positives en bleu)',
  categories: 'oui / non',
};

export function quantileBreaks(values: number[], k: number): number[] {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return [];
  const out: number[] = [];
  for (let i = 1; i < k; i++) {
    const pos = (v.length - 1) * (i / k);
    const lo = Math.floor(pos);
    const q = v[lo]! + (v[Math.min(lo + 1, v.length - 1)]! - v[lo]!) * (pos - lo);
    if (out.length === 0 || q > out[out.length - 1]!) out.push(q);
  }
  return out;
}

export function classify(
  values: number[],
  opts: { thresholds?: number[]; diverging?: boolean; boolean?: boolean; k?: number } = {},
): Classes {
  if (opts.boolean) return { breaks: [0.5], colors: BOOLEAN, kind: 'categories' };
  if (opts.thresholds && opts.thresholds.length) {
    const n = opts.thresholds.length + 1;
    const palette = YLGNBU[Math.min(9, Math.max(3, n))]!;
    return { breaks: [...opts.thresholds], colors: palette.slice(palette.length - n), kind: 'seuils' };
  }
  const finite = values.filter((x) => Number.isFinite(x));
  if (opts.diverging) {
    const max = Math.max(...finite.map(Math.abs), 1);
    const a = niceRound(max / 3);
    const b = Math.max(niceRound((2 * max) / 3), a * 2);
    const eps = niceRound(a / 10);
    return { breaks: [-b, -a, -eps, eps, a, b], colors: RDBU[7]!, kind: 'divergent' };
  }
  const breaks = quantileBreaks(finite, opts.k ?? 5).map(niceRound);
  const uniq = breaks.filter((b, i) => i === 0 || b > breaks[i - 1]!);
  const min = Math.min(...finite);
  // A first break equal to the minimum would leave an empty first class.
  if (uniq.length && uniq[0]! <= min) uniq.shift();
  const n = uniq.length + 1;
  const palette = YLGNBU[Math.max(3, n)] ?? YLGNBU[9]!;
  return { breaks: uniq, colors: palette.slice(palette.length - n), kind: 'quantiles' };
}

/** Rounds to two significant digits (class limits a reader can quote). */
export function niceRound(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return 0;
  const mag = 10 ** (Math.floor(Math.log10(Math.abs(x))) - 1);
  return Math.round(x / mag) * mag;
}

export function classIndex(value: number, breaks: number[]): number {
  let i = 0;
  while (i < breaks.length && value >= breaks[i]!) i++;
  return i;
}

export function colorFor(value: number | null | undefined, c: Classes): string | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  return c.colors[classIndex(value, c.breaks)] ?? null;
}

/** Number of values in each class. */
export function classCounts(values: number[], c: Classes): number[] {
  const counts = c.colors.map(() => 0);
  for (const v of values) if (Number.isFinite(v)) counts[classIndex(v, c.breaks)]!++;
  return counts;
}

/**
 * Text of each class for the legend, in French, with the unit. With the data's `range`, the first
 * and last classes read « de min à moins de X » / « de X à max » instead of open intervals.
 */
export function classLabels(c: Classes, fmt: (v: number) => string, range?: [number, number]): string[] {
  if (c.kind === 'categories') return ['non', 'oui'];
  const labels: string[] = [];
  const n = c.breaks.length;
  for (let i = 0; i <= n; i++) {
    const lo = i === 0 ? null : c.breaks[i - 1]!;
    const hi = i === n ? null : c.breaks[i]!;
    if (lo === null && hi === null)
      labels.push(range ? `de ${fmt(range[0])} à ${fmt(range[1])}` : 'toutes valeurs');
    else if (lo === null)
      labels.push(
        range && range[0] < hi! ? `de ${fmt(range[0])} à moins de ${fmt(hi!)}` : `moins de ${fmt(hi!)}`,
      );
    else if (hi === null)
      labels.push(range && range[1] >= lo ? `de ${fmt(lo)} à ${fmt(range[1])}` : `${fmt(lo)} et plus`);
    else labels.push(`de ${fmt(lo)} à moins de ${fmt(hi)}`);
  }
  return labels;
}
