/**
 * Choropleth classes: registry thresholds when the indicator has meaningful limits (e.g. the SRU
 * targets), quantiles otherwise. Pure functions, tested without a browser.
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
// ColorBrewer RdBu (diverging), odd class counts centred on zero.
const RDBU: Record<number, string[]> = {
  5: ['#ca0020', '#f4a582', '#f7f7f7', '#92c5de', '#0571b0'],
  7: ['#b2182b', '#ef8a62', '#fddbc7', '#f7f7f7', '#d1e5f0', '#67a9cf', '#2166ac'],
};

export interface Classes {
  /** Upper-exclusive limits between classes: class i holds values in [breaks[i-1], breaks[i]). */
  breaks: number[];
  colors: string[];
  kind: 'seuils' | 'quantiles' | 'divergent';
}

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
  opts: { thresholds?: number[]; diverging?: boolean; k?: number } = {},
): Classes {
  if (opts.thresholds && opts.thresholds.length) {
    const n = opts.thresholds.length + 1;
    return {
      breaks: opts.thresholds,
      colors: YLGNBU[Math.min(9, Math.max(3, n))]!.slice(0, n),
      kind: 'seuils',
    };
  }
  if (opts.diverging) {
    const max = Math.max(...values.map(Math.abs), 1);
    const s = [max / 3, (2 * max) / 3].map((x) => niceRound(x));
    return { breaks: [-s[1]!, -s[0]!, -0.5, 0.5, s[0]!, s[1]!], colors: RDBU[7]!, kind: 'divergent' };
  }
  const breaks = quantileBreaks(values, opts.k ?? 5).map(niceRound);
  const uniq = breaks.filter((b, i) => i === 0 || b > breaks[i - 1]!);
  const n = uniq.length + 1;
  return { breaks: uniq, colors: (YLGNBU[Math.max(3, n)] ?? YLGNBU[9]!).slice(-n), kind: 'quantiles' };
}

function niceRound(x: number): number {
  if (x === 0) return 0;
  const mag = 10 ** Math.floor(Math.log10(Math.abs(x)) - 1);
  return Math.round(x / mag) * mag;
}

export function classIndex(value: number, breaks: number[]): number {
  let i = 0;
  while (i < breaks.length && value >= breaks[i]!) i++;
  return i;
}

export function colorFor(value: number | null, c: Classes): string | null {
  if (value === null || !Number.isFinite(value)) return null;
  return c.colors[classIndex(value, c.breaks)] ?? null;
}

/** Text of each class for the legend, in French, with the unit. */
export function classLabels(c: Classes, fmt: (v: number) => string): string[] {
  const labels: string[] = [];
  for (let i = 0; i <= c.breaks.length; i++) {
    if (i === 0) labels.push(`moins de ${fmt(c.breaks[0]!)}`);
    else if (i === c.breaks.length) labels.push(`${fmt(c.breaks[i - 1]!)} et plus`);
    else labels.push(`de ${fmt(c.breaks[i - 1]!)} à moins de ${fmt(c.breaks[i]!)}`);
  }
  return labels;
}
