/**
 * Series charts (`web/src/charts/series.ts`): runs are cut at every segment change, missing value and
 * hole; no drawn path crosses a series break; the SVG is stable (snapshots).
 */
import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../server/store.js';
import { openTestApp, type App } from '../api/fixture.js';
import {
  breakPositions,
  seriesChart,
  seriesRuns,
  seriesTable,
  usualStep,
  withSegments,
  yearTicks,
  type SeriesPoint,
} from '../../web/src/charts/series.js';
import { prettySvg } from '../svg.js';

const doc = new JSDOM('<!doctype html><html><body></body></html>').window.document;
const fmt = (v: number) => `${String(v).replace('.', ',')} %`;

/** x coordinates of every vertex of an SVG path made of M/L commands (what Plot's linear curve draws). */
export function pathXs(d: string): number[] {
  return [...d.matchAll(/[ML]\s*(-?[\d.]+)[ ,](-?[\d.]+)/g)].map((m) => Number(m[1]));
}

/** Every line path of a chart and every break rule; asserts that no path spans a rule. */
function crossings(svg: SVGSVGElement): { paths: number; rules: number[]; crossing: number } {
  const rules = [...svg.querySelectorAll('.series-break line')].map((l) => Number(l.getAttribute('x1')));
  const paths = [...svg.querySelectorAll('.series-line path')].map((p) => pathXs(p.getAttribute('d') ?? ''));
  let crossing = 0;
  for (const xs of paths) {
    const lo = Math.min(...xs);
    const hi = Math.max(...xs);
    for (const r of rules) if (lo < r && r < hi) crossing++;
  }
  return { paths: paths.length, rules, crossing };
}

const BROKEN: SeriesPoint[] = [
  { year: 2017, value: 14.1, segment: 0 },
  { year: 2018, value: 14.4, segment: 0 },
  { year: 2019, value: 14.6, segment: 0 },
  { year: 2020, value: 14.9, segment: 0 },
  { year: 2021, value: 15.2, segment: 1 },
  { year: 2022, value: 15.0, segment: 1 },
  { year: 2023, value: null, segment: 1, flags: ['masked'], note: 'secret statistique' },
  { year: 2024, value: 16.1, segment: 1 },
];

describe('découpage des séries', () => {
  it('coupe aux changements de segment, aux valeurs manquantes et aux trous', () => {
    const runs = seriesRuns(BROKEN);
    expect(runs.map((r) => r.map((p) => p.year))).toEqual([[2017, 2018, 2019, 2020], [2021, 2022], [2024]]);
    // a hole in an annual series (no 2023 row at all) also cuts the line
    const holes = seriesRuns([
      { year: 2020, value: 1 },
      { year: 2021, value: 2 },
      { year: 2022, value: 3 },
      { year: 2024, value: 4 },
      { year: 2025, value: 5 },
    ]);
    expect(holes.map((r) => r.map((p) => p.year))).toEqual([
      [2020, 2021, 2022],
      [2024, 2025],
    ]);
    // a regular non-annual series (censuses) stays joined
    expect(
      seriesRuns([
        { year: 2012, value: 1 },
        { year: 2017, value: 2 },
        { year: 2023, value: 3 },
      ]),
    ).toHaveLength(1);
    expect(usualStep([2012, 2017, 2023])).toBe(5);
  });

  it('un agrégat à couverture partielle n’est jamais relié à ses voisins', () => {
    const runs = seriesRuns([
      { year: 2005, value: 161595, flags: [] },
      { year: 2006, value: 162002, flags: [] },
      { year: 2007, value: 41193, flags: ['partial'] },
      { year: 2008, value: 163076, flags: [] },
      { year: 2009, value: 164727, flags: [] },
    ]);
    expect(runs.map((r) => r.map((p) => p.year))).toEqual([[2005, 2006], [2007], [2008, 2009]]);
    expect(runs[1]![0]!.partial).toBe(true);
    const svg = seriesChart(
      [2005, 2006, 2007, 2008].map((year) => ({ year, value: 10, flags: year === 2007 ? ['partial'] : [] })),
      { format: fmt, title: 'partiel', document: doc },
    );
    const fills = [...svg.querySelectorAll('.series-dot circle')].map((c) => c.getAttribute('fill'));
    expect(fills[2]).toBe('#ffffff');
    expect(fills[0]).not.toBe('#ffffff');
    const table = seriesTable([{ year: 2007, value: 1, flags: ['partial'], note: '3 communes sur 11' }]);
    expect(table[0]!.partial).toBe(true);
  });

  it('sans segment donné par l’API, les ruptures du registre séparent les segments', () => {
    const pts = withSegments(
      [2020, 2021, 2022, 2023, 2024].map((year) => ({ year, value: year - 2000 })),
      [{ year: 2023, label: 'nouvelle méthode Filosofi' }],
    );
    expect(pts.map((p) => p.segment)).toEqual([0, 0, 0, 1, 1]);
    const b = breakPositions(
      [2020, 2021, 2022, 2023].map((year) => ({ year, value: 1 })),
      [{ year: 2023, label: 'nouvelle méthode Filosofi' }],
    );
    expect(b).toEqual([{ year: 2022.5, label: 'nouvelle méthode Filosofi' }]);
  });

  it('le tableau de données garde chaque année, la rupture et le motif d’une valeur absente', () => {
    const rows = seriesTable(BROKEN, [{ year: 2021, label: 'changement de champ' }]);
    expect(rows).toHaveLength(BROKEN.length);
    expect(rows.find((r) => r.year === 2021)!.breakBefore).toBe('changement de champ');
    expect(rows.find((r) => r.year === 2023)).toMatchObject({ value: null, note: 'secret statistique' });
    expect(rows.filter((r) => r.breakBefore)).toHaveLength(1);
  });

  it('graduations : des années entières, la dernière toujours présente', () => {
    const t = yearTicks(2004, 2025, 5);
    expect(t.every((y) => Number.isInteger(y))).toBe(true);
    expect(t.at(-1)).toBe(2025);
    expect(t.length).toBeLessThanOrEqual(5);
  });
});

describe('graphique SVG', () => {
  it('aucun tracé ne traverse une rupture de série ; une ligne par tronçon', () => {
    const svg = seriesChart(BROKEN, {
      format: fmt,
      title: 'Taux de pauvreté — test',
      breaks: [{ year: 2021, label: 'changement de champ' }],
      document: doc,
    });
    const c = crossings(svg);
    expect(c.rules).toHaveLength(1);
    expect(c.paths).toBe(3);
    expect(c.crossing).toBe(0);
    expect(svg.getAttribute('aria-label')).toBe('Taux de pauvreté — test');
    expect(svg.getAttribute('role')).toBe('img');
    // the rule sits between the last point before and the first point after the break
    const dots = [...svg.querySelectorAll('.series-dot circle')].map((e) => Number(e.getAttribute('cx')));
    expect(dots).toHaveLength(7);
    expect(c.rules[0]!).toBeGreaterThan(dots[3]!);
    expect(c.rules[0]!).toBeLessThan(dots[4]!);
  });

  it('le contrôle détecte bien un tracé qui traverserait une rupture', () => {
    // same points but a single segment: one path spanning the whole range, checked against a rule at 2020.5
    const svg = seriesChart(
      BROKEN.filter((p) => p.value !== null).map((p) => ({ ...p, segment: 0 })),
      { format: fmt, title: 'contrôle', document: doc },
    );
    const line = svg.querySelector('.series-line path')!;
    const xs = pathXs(line.getAttribute('d')!);
    const dots = [...svg.querySelectorAll('.series-dot circle')].map((e) => Number(e.getAttribute('cx')));
    const fakeRule = (dots[3]! + dots[4]!) / 2;
    expect(Math.min(...xs) < fakeRule && fakeRule < Math.max(...xs)).toBe(true);
  });

  it('instantanés SVG : série rompue avec objectif, série simple', async () => {
    const broken = seriesChart(BROKEN, {
      format: fmt,
      title: 'Série rompue',
      breaks: [{ year: 2021, label: 'changement de champ' }],
      target: { value: 25, label: 'objectif légal 25 %' },
      document: doc,
    });
    await expect(prettySvg(broken.outerHTML)).toMatchFileSnapshot('__snapshots__/series-break.svg');
    const simple = seriesChart(
      [2019, 2020, 2021, 2022].map((year, i) => ({ year, value: 1000 + i * 120, segment: 0 })),
      { format: (v) => `${v} logements`, title: 'Série simple', width: 400, document: doc },
    );
    await expect(prettySvg(simple.outerHTML)).toMatchFileSnapshot('__snapshots__/series-simple.svg');
  });
});

describe('graphique sur une série servie par l’API', () => {
  let store: Store;
  let app: App;
  beforeAll(async () => {
    ({ store, app } = await openTestApp());
  });
  afterAll(() => store.close());

  it('taux SRU de Neuilly-sur-Seine : autant de tracés que de tronçons, aucun ne traverse un segment', async () => {
    const res = await app.request('/api/series?indicator=sru_taux&level=commune&code=92051');
    const body = (await res.json()) as { data: { points: SeriesPoint[] }[] };
    const points = body.data[0]!.points;
    // runs computed here, independently of series.ts: consecutive years, same segment, both with values
    let expected = 0;
    for (let i = 0; i < points.length; i++) {
      const p = points[i]!;
      const prev = points[i - 1];
      if (p.value === null) continue;
      const joined = prev && prev.value !== null && prev.segment === p.segment && p.year - prev.year === 1;
      if (!joined) expected++;
    }
    const svg = seriesChart(points, { format: fmt, title: 'Neuilly', document: doc });
    const c = crossings(svg);
    expect(c.paths).toBe(expected);
    expect(c.crossing).toBe(0);
    expect(svg.querySelectorAll('.series-dot circle').length).toBe(
      points.filter((p) => p.value !== null).length,
    );
  });
});
