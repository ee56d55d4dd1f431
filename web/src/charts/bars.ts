/**
 * Small horizontal bar chart comparing a few territories on one indicator (Observable Plot). A pure
 * function from data to an SVG element: no fetching, no global state, so it renders the same in the
 * browser and in a test document (snapshot-tested).
 */
import * as Plot from '@observablehq/plot';

export interface Bar {
  /** Territory name (one bar per territory, in the given order). */
  label: string;
  value: number | null;
  /** Best / worst of the row according to the indicator's polarity, or null. */
  mark?: 'best' | 'worst' | null;
  /** Text shown instead of a missing value. */
  missing?: string;
}

export interface BarsOptions {
  /** Formats a value with its unit, in French. */
  format: (v: number) => string;
  width?: number;
  /** Reference line (e.g. the 25 % SRU target). */
  target?: { value: number; label: string };
  title?: string;
  document?: Document;
}

export const BAR_COLORS = { plain: '#4a6f96', best: '#1b7837', worst: '#b2182b' } as const;
const MARK_TEXT = { best: ' ▲', worst: ' ▼' } as const;

export function barsChart(bars: Bar[], opts: BarsOptions): SVGSVGElement {
  const width = opts.width ?? 360;
  const rows = bars.map((b, i) => ({ ...b, key: `${i + 1}. ${b.label}` }));
  const present = rows.filter((r) => r.value !== null) as (Bar & { key: string; value: number })[];
  const values = present.map((r) => r.value);
  if (opts.target) values.push(opts.target.value);
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const flat = hi === lo;
  const span = hi - lo || 1;
  const labelWidth = Math.min(150, Math.max(70, ...rows.map((r) => r.label.length * 6.4)));
  const rowHeight = 26;
  const marks: Plot.Markish[] = [
    Plot.barX(present, {
      y: 'key',
      x1: 0,
      x2: 'value',
      fill: (d: Bar) => BAR_COLORS[d.mark ?? 'plain'],
      insetTop: 3,
      insetBottom: 3,
    }),
    ...([1, -1] as const).map((sign) =>
      Plot.text(
        present.filter((d) => (sign > 0 ? d.value >= 0 : d.value < 0)),
        {
          y: 'key',
          x: 'value',
          text: (d: Bar & { value: number }) => `${opts.format(d.value)}${d.mark ? MARK_TEXT[d.mark] : ''}`,
          textAnchor: sign > 0 ? 'start' : 'end',
          dx: 4 * sign,
          fill: '#1b1b1b',
          fontSize: 11,
        },
      ),
    ),
    Plot.text(
      rows.filter((r) => r.value === null),
      {
        y: 'key',
        x: 0,
        text: (d: Bar) => d.missing ?? 'non disponible',
        textAnchor: 'start',
        dx: 4,
        fill: '#555',
        fontStyle: 'italic',
        fontSize: 11,
      },
    ),
    Plot.ruleX([0], { stroke: '#333' }),
  ];
  if (opts.target)
    marks.push(
      Plot.ruleX([opts.target.value], { stroke: '#b35806', strokeDasharray: '4 3', strokeWidth: 1.5 }),
      Plot.text([opts.target.value], {
        x: (d: number) => d,
        frameAnchor: 'top',
        dy: -12,
        text: () => opts.target!.label,
        fill: '#8c4104',
        fontSize: 10,
        lineWidth: 30,
      }),
    );
  return Plot.plot({
    document: opts.document,
    width,
    height: rows.length * rowHeight + (opts.target ? 46 : 30),
    marginLeft: labelWidth,
    marginRight: 70,
    marginTop: opts.target ? 26 : 6,
    style: { fontFamily: 'system-ui, sans-serif', fontSize: '11px', color: '#1b1b1b', background: '#fff' },
    ariaLabel: opts.title ?? null,
    x: {
      domain: [lo, flat ? lo + 1 : hi + span * 0.02],
      nice: false,
      // All values equal (often all zero): no scale to read, no ticks.
      ticks: flat ? [] : 4,
      tickFormat: (v: number) => opts.format(v),
      label: null,
      grid: true,
    },
    y: { domain: rows.map((r) => r.key), label: null, tickFormat: (k: string) => k.replace(/^\d+\. /, '') },
    marks,
  }) as SVGSVGElement;
}
