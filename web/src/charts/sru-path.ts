/**
 * The SRU trajectory of a commune: social dwellings by inventory (line cut at every hole), the
 * straight path from the latest inventory to the legal rate by 2032 (with its band when résidences
 * principales are deduced from a rounded rate), the legal target level, and the 2026–2028 legal
 * objective. A pure function from data to an SVG element (Observable Plot), snapshot-tested in Node.
 */
import * as Plot from '@observablehq/plot';
import { seriesRuns, valueAxis, yearTicks, type RunPoint } from './series';

export interface SruTrajectory {
  actual: { year: number; lls: number }[];
  required: { year: number; lls: number; low: number; high: number }[];
  target_lls: { value: number; low: number; high: number } | null;
  objective_2028: { year: number; lls: { value: number; low: number; high: number } } | null;
}

export interface SruChartOptions {
  /** Formats a number of dwellings (French). */
  format: (value: number) => string;
  /** Accessible name, e.g. « Logements sociaux SRU à Boulogne-Billancourt et trajectoire vers 25 % ». */
  title: string;
  targetLabel: string;
  width?: number;
  height?: number;
  document?: Document;
}

export function sruPathChart(t: SruTrajectory, opts: SruChartOptions): SVGSVGElement {
  const runs = seriesRuns(t.actual.map((p) => ({ year: p.year, value: p.lls })));
  const actual = runs.flat();
  const years = [
    ...t.actual.map((p) => p.year),
    ...t.required.map((p) => p.year),
    ...(t.objective_2028 ? [t.objective_2028.year] : []),
  ];
  const first = Math.min(...years);
  const last = Math.max(...years);
  const width = opts.width ?? 640;
  const height = opts.height ?? 260;
  const marks: Plot.Markish[] = [];
  if (t.target_lls) {
    const v = t.target_lls.value;
    marks.push(
      Plot.ruleY([v], { stroke: '#b3261e', strokeDasharray: '4 3', className: 'sru-target' }),
      Plot.text([v], {
        y: (d: number) => d,
        frameAnchor: 'left',
        dx: 2,
        dy: -6,
        text: () => `${opts.targetLabel} : ${opts.format(v)}`,
        fill: '#b3261e',
        fontSize: 10,
        textAnchor: 'start',
      }),
    );
  }
  if (t.required.length) {
    if (t.required.some((p) => p.low !== p.high))
      marks.push(
        Plot.areaY(t.required, {
          x: 'year',
          y1: 'low',
          y2: 'high',
          fill: '#b3261e',
          fillOpacity: 0.12,
          className: 'sru-required-band',
        }),
      );
    marks.push(
      Plot.lineY(t.required, {
        x: 'year',
        y: 'lls',
        stroke: '#b3261e',
        strokeWidth: 1.5,
        strokeDasharray: '6 3',
        className: 'sru-required',
      }),
    );
  }
  marks.push(
    Plot.lineY(actual, {
      x: 'year',
      y: 'value',
      z: 'run',
      stroke: '#0b4f8a',
      strokeWidth: 2,
      className: 'sru-actual',
    }),
    Plot.dot(actual, {
      x: 'year',
      y: 'value',
      r: 2.5,
      fill: '#0b4f8a',
      className: 'sru-actual-dot',
    }),
  );
  if (t.objective_2028) {
    const o = t.objective_2028;
    marks.push(
      Plot.ruleX([o], {
        x: 'year',
        y1: (d: typeof o) => d.lls.low,
        y2: (d: typeof o) => d.lls.high,
        stroke: '#6b4e00',
        strokeWidth: 3,
        className: 'sru-objective-band',
      }),
      Plot.dot([o], {
        x: 'year',
        y: (d: typeof o) => d.lls.value,
        r: 4,
        symbol: 'diamond',
        fill: '#6b4e00',
        className: 'sru-objective',
      }),
      Plot.text([o], {
        x: 'year',
        y: (d: typeof o) => d.lls.value,
        dx: -6,
        dy: 12,
        textAnchor: 'end',
        text: () => 'objectif légal 2026–2028',
        fill: '#6b4e00',
        fontSize: 10,
      }),
    );
  }
  const values = [
    ...actual.map((d: RunPoint) => d.value),
    ...t.required.flatMap((p) => [p.low, p.high]),
    ...(t.target_lls ? [t.target_lls.high] : []),
    ...(t.objective_2028 ? [t.objective_2028.lls.high] : []),
  ];
  const svg = Plot.plot({
    document: opts.document,
    width,
    height,
    marginLeft: 64,
    marginRight: 16,
    marginTop: 18,
    marginBottom: 26,
    style: { fontSize: '11px', background: 'transparent', overflow: 'visible' },
    ariaLabel: opts.title,
    x: {
      type: 'linear',
      domain: [first - 0.5, last + 0.5],
      ticks: yearTicks(first, last, width < 400 ? 4 : 8),
      tickFormat: (y: number) => String(y),
      label: null,
    },
    y: valueAxis(values, opts.format, { zero: true, ticks: 5 }),
    marks,
  }) as SVGSVGElement;
  svg.setAttribute('role', 'img');
  svg.classList.add('sru-path-chart');
  return svg;
}

/** Rows of the data table behind the chart: each year, the observed stock and the required path. */
export function sruPathTable(t: SruTrajectory): {
  year: number;
  actual: number | null;
  required: { value: number; low: number; high: number } | null;
  objective: { value: number; low: number; high: number } | null;
}[] {
  const years = [
    ...new Set([
      ...t.actual.map((p) => p.year),
      ...t.required.map((p) => p.year),
      ...(t.objective_2028 ? [t.objective_2028.year] : []),
    ]),
  ].sort((a, b) => a - b);
  return years.map((year) => {
    const a = t.actual.find((p) => p.year === year);
    const r = t.required.find((p) => p.year === year);
    return {
      year,
      actual: a ? a.lls : null,
      required: r ? { value: r.lls, low: r.low, high: r.high } : null,
      objective: t.objective_2028?.year === year ? t.objective_2028.lls : null,
    };
  });
}
