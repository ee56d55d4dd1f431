/**
 * Small time-series charts for the fiches: pure functions from data to an SVG element (Observable
 * Plot), with no React and no network, so that they can be snapshot-tested in Node (pass a jsdom
 * `document`).
 *
 * The one rule that matters: a line never joins two points that are not comparable. Points are cut
 * into runs at every change of `segment` (a method break: the API increments it, the registry's
 * `series_breaks` are used when the API does not say), at every missing value, and at every hole
 * in an otherwise regular series (e.g. no inventory for 2023 between 2022 and 2024). Each run is
 * its own path; a dashed vertical rule marks each series break.
 */
import * as Plot from '@observablehq/plot';

export interface SeriesPoint {
  year: number;
  value: number | null;
  /** Increments at each series break (method or definition change). */
  segment?: number;
  flags?: string[];
  note?: string | null;
}

export interface SeriesBreak {
  year: number;
  label: string;
}

export interface SeriesChartOptions {
  /** Formats a value for axis ticks and labels (French, with unit). */
  format: (value: number) => string;
  /** Accessible name of the chart, e.g. « Taux SRU à Meudon, 2004–2025 ». */
  title: string;
  breaks?: SeriesBreak[];
  target?: { value: number; label: string };
  width?: number;
  height?: number;
  /** Start the y axis at zero (default true: counts and rates). */
  zero?: boolean;
  document?: Document;
}

export interface RunPoint {
  year: number;
  value: number;
  segment: number;
  run: number;
  /** Aggregate over part of the communes only: not comparable with its neighbours. */
  partial: boolean;
}

const isPartial = (p: { flags: string[] }) => p.flags.includes('partial');

/**
 * Gives each point its segment: the API's when present, otherwise the number of registry breaks at
 * or before its year. Returns points sorted by year.
 */
export function withSegments(points: SeriesPoint[], breaks: SeriesBreak[] = []): Required<SeriesPoint>[] {
  const sorted = [...points].sort((a, b) => a.year - b.year);
  const hasApiSegments = sorted.some((p) => p.segment !== undefined);
  return sorted.map((p) => ({
    year: p.year,
    value: p.value,
    segment: hasApiSegments ? (p.segment ?? 0) : breaks.filter((b) => b.year <= p.year).length,
    flags: p.flags ?? [],
    note: p.note ?? null,
  }));
}

/** The usual step between consecutive years of the series (1 for an annual series). */
export function usualStep(years: number[]): number {
  let step = Infinity;
  for (let i = 1; i < years.length; i++) {
    const d = years[i]! - years[i - 1]!;
    if (d > 0 && d < step) step = d;
  }
  return Number.isFinite(step) ? step : 1;
}

/**
 * Splits a series into runs that may be joined by a line: consecutive years with a value, in the same
 * segment, without a hole larger than 1.5 × the usual step.
 */
export function seriesRuns(points: SeriesPoint[], breaks: SeriesBreak[] = []): RunPoint[][] {
  const pts = withSegments(points, breaks);
  const step = usualStep(pts.map((p) => p.year));
  const runs: RunPoint[][] = [];
  let current: RunPoint[] = [];
  let prev: Required<SeriesPoint> | null = null;
  for (const p of pts) {
    const joins =
      prev !== null &&
      prev.value !== null &&
      p.value !== null &&
      prev.segment === p.segment &&
      !isPartial(prev) &&
      !isPartial(p) &&
      p.year - prev.year <= step * 1.5;
    if (!joins && current.length) {
      runs.push(current);
      current = [];
    }
    if (p.value !== null && Number.isFinite(p.value)) {
      current.push({
        year: p.year,
        value: p.value,
        segment: p.segment,
        run: runs.length,
        partial: isPartial(p),
      });
    }
    prev = p;
  }
  if (current.length) runs.push(current);
  return runs.map((r, i) => r.map((p) => ({ ...p, run: i })));
}

/** x positions (between two years) of the series breaks inside the chart's year range. */
export function breakPositions(points: SeriesPoint[], breaks: SeriesBreak[] = []): SeriesBreak[] {
  const pts = withSegments(points, breaks);
  const out: SeriesBreak[] = [];
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    if (a.segment !== b.segment) {
      const declared = breaks.find((x) => x.year > a.year && x.year <= b.year);
      out.push({ year: (a.year + b.year) / 2, label: declared?.label ?? 'rupture de série' });
    }
  }
  return out;
}

/**
 * Integer year ticks, at most `max` of them: the data years themselves when there are few of them,
 * otherwise evenly spaced years ending on the last one.
 */
export function yearTicks(first: number, last: number, max = 5, years: number[] = []): number[] {
  const distinct = [...new Set(years)].sort((a, b) => a - b);
  if (distinct.length > 0 && distinct.length <= max) return distinct;
  const span = last - first;
  if (span <= 0) return [first];
  const step = Math.max(1, Math.ceil(span / (max - 1)));
  const ticks: number[] = [];
  for (let y = last; y >= first; y -= step) ticks.unshift(y);
  return ticks;
}

/**
 * The chart: one line per run, a dot per value, dashed rules at series breaks, an optional target
 * line. Returns the SVG element (with `role="img"` and an accessible name).
 */
export function seriesChart(points: SeriesPoint[], opts: SeriesChartOptions): SVGSVGElement {
  const breaks = opts.breaks ?? [];
  const runs = seriesRuns(points, breaks);
  const data = runs.flat();
  const years = points.map((p) => p.year);
  const first = Math.min(...years);
  const last = Math.max(...years);
  const rules = breakPositions(points, breaks);
  const width = opts.width ?? 320;
  const height = opts.height ?? 150;
  const values = data.map((d) => d.value);
  if (opts.target) values.push(opts.target.value);
  const marks: Plot.Markish[] = [];
  if (opts.target) {
    marks.push(
      Plot.ruleY([opts.target.value], {
        stroke: '#b3261e',
        strokeDasharray: '4 3',
        className: 'series-target',
      }),
      Plot.text([opts.target.value], {
        y: (d: number) => d,
        frameAnchor: 'left',
        dx: 2,
        dy: -6,
        text: () => `objectif ${opts.format(opts.target!.value)}`,
        fill: '#b3261e',
        fontSize: 10,
        textAnchor: 'start',
      }),
    );
  }
  if (rules.length) {
    marks.push(
      Plot.ruleX(rules, {
        x: 'year',
        stroke: '#666',
        strokeDasharray: '2 2',
        className: 'series-break',
      }),
      Plot.text(rules, {
        x: 'year',
        frameAnchor: 'top',
        dy: 2,
        text: () => 'rupture',
        fill: '#444',
        fontSize: 10,
        textAnchor: 'middle',
      }),
    );
  }
  marks.push(
    Plot.lineY(data, {
      x: 'year',
      y: 'value',
      z: 'run',
      stroke: '#0b4f8a',
      strokeWidth: 2,
      className: 'series-line',
    }),
    Plot.dot(data, {
      x: 'year',
      y: 'value',
      r: 2.5,
      fill: (d: RunPoint) => (d.partial ? '#ffffff' : '#0b4f8a'),
      stroke: '#0b4f8a',
      className: 'series-dot',
    }),
  );
  const pad = last > first ? Math.max(0.3, (last - first) * 0.03) : 1;
  const svg = Plot.plot({
    document: opts.document,
    width,
    height,
    marginLeft: 58,
    marginRight: 12,
    marginTop: 16,
    marginBottom: 24,
    style: { fontSize: '11px', background: 'transparent', overflow: 'visible' },
    ariaLabel: opts.title,
    x: {
      type: 'linear',
      domain: [first - pad, last + pad],
      ticks: yearTicks(
        first,
        last,
        width < 400 ? 4 : 7,
        data.map((d) => d.year),
      ),
      tickFormat: (y: number) => String(y),
      label: null,
    },
    y: valueAxis(values, opts.format, { zero: opts.zero ?? true, ticks: 4 }),
    marks,
  }) as SVGSVGElement;
  svg.setAttribute('role', 'img');
  svg.classList.add('series-chart');
  return svg;
}

/** Rows of the data table that stands behind each chart: one per year, with the reason of a gap. */
export function seriesTable(
  points: SeriesPoint[],
  breaks: SeriesBreak[] = [],
): {
  year: number;
  value: number | null;
  segment: number;
  breakBefore: string | null;
  note: string | null;
  flags: string[];
  partial: boolean;
}[] {
  const pts = withSegments(points, breaks);
  return pts.map((p, i) => {
    const prev = pts[i - 1];
    const breakBefore =
      prev && prev.segment !== p.segment
        ? (breaks.find((b) => b.year > prev.year && b.year <= p.year)?.label ?? 'rupture de série')
        : null;
    return {
      year: p.year,
      value: p.value,
      segment: p.segment,
      breakBefore,
      note: p.note,
      flags: p.flags,
      partial: isPartial(p),
    };
  });
}

/** The value axis of the time charts: gridded, a few formatted ticks, [0, 1] when there is nothing to draw. */
export function valueAxis(
  values: readonly number[],
  format: (v: number) => string,
  { zero, ticks }: { zero: boolean; ticks: number },
) {
  return {
    zero,
    domain: values.length ? undefined : [0, 1],
    grid: true,
    ticks,
    tickFormat: (v: number) => format(v),
    label: null,
    nice: true,
  };
}
