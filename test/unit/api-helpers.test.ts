/** Pure helpers of the API: series segments, competition ranking, TopoJSON extraction, CSV cells. */
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { feature } from 'topojson-client';
import { topology } from 'topojson-server';
import type { FeatureCollection } from 'geojson';
import type { GeometryCollection } from 'topojson-specification';
import { rankRows } from '../../server/services/ranks.js';
import { segmentPoints } from '../../server/segments.js';
import { toCsv, type Table } from '../../server/tabular.js';
import { extractObjects } from '../../server/topology.js';

const pt = (year: number, family = 'sru', flags: string[] = []) => ({ year, flags, source_family: family });

describe('segmentPoints', () => {
  it('sans rupture : un seul segment', () => {
    const { points, breaks } = segmentPoints([pt(2020), pt(2021), pt(2022)], []);
    expect(points.map((p) => p.segment)).toEqual([0, 0, 0]);
    expect(breaks).toEqual([]);
  });

  it('rupture synthétique du registre : le segment change à l’année de rupture, même avec un trou', () => {
    const reg = [{ year: 2021, label: 'changement de méthode' }];
    const { points, breaks } = segmentPoints([pt(2022), pt(2019), pt(2020), pt(2021)], reg);
    expect(points.map((p) => [p.year, p.segment])).toEqual([
      [2019, 0],
      [2020, 0],
      [2021, 1],
      [2022, 1],
    ]);
    expect(breaks).toEqual([{ year: 2021, label: 'changement de méthode', kind: 'registry' }]);
    // The break year itself may be missing: the first point after it opens the new segment.
    const gap = segmentPoints([pt(2019), pt(2020), pt(2023)], reg);
    expect(gap.points.map((p) => p.segment)).toEqual([0, 0, 1]);
  });

  it('drapeau series_break et changement de famille de sources', () => {
    const { points, breaks } = segmentPoints(
      [pt(2018), pt(2019, 'sru', ['series_break']), pt(2020, 'sru'), pt(2021, 'rpls'), pt(2022, 'rpls')],
      [],
    );
    expect(points.map((p) => p.segment)).toEqual([0, 1, 1, 2, 2]);
    expect(breaks.map((b) => [b.year, b.kind])).toEqual([
      [2019, 'flag'],
      [2021, 'source'],
    ]);
  });
});

describe('rankRows', () => {
  const row = (code: string, value: number | null, flags: string[] = []) => ({
    code,
    name: code,
    year: 2025,
    value,
    numerator: null,
    denominator: null,
    flags,
    note: null,
    source_id: 's',
    low: null,
    high: null,
    raw: null,
  });

  it('valeurs incohérentes, à vérifier ou sur petits effectifs : jamais classées, après les autres', () => {
    const rows = [row('a', 10), row('b', 228.5, ['suspect']), row('c', 30, ['small_count']), row('d', 5)];
    expect(rankRows(rows, 'desc').map((r) => [r.code, r.rank])).toEqual([
      ['a', 1],
      ['d', 2],
      ['b', null],
      ['c', null],
    ]);
  });

  it('rang de compétition (ex æquo au même rang), valeurs manquantes en fin sans rang', () => {
    const rows = [row('a', 10), row('b', null), row('c', 30), row('d', 10), row('e', 5)];
    expect(rankRows(rows, 'desc').map((r) => [r.code, r.rank])).toEqual([
      ['c', 1],
      ['a', 2],
      ['d', 2],
      ['e', 4],
      ['b', null],
    ]);
    expect(rankRows(rows, 'asc').map((r) => [r.code, r.rank])).toEqual([
      ['e', 1],
      ['a', 2],
      ['d', 2],
      ['c', 4],
      ['b', null],
    ]);
  });
});

describe('extractObjects', () => {
  it('garde les arcs utilisés, renumérotés ; les géométries décodées sont identiques', () => {
    const square = (x: number, y: number, code: string) => ({
      type: 'Feature' as const,
      properties: { code },
      geometry: {
        type: 'Polygon' as const,
        coordinates: [
          [
            [x, y],
            [x + 1, y],
            [x + 1, y + 1],
            [x, y + 1],
            [x, y],
          ],
        ],
      },
    });
    const a: FeatureCollection = {
      type: 'FeatureCollection',
      features: [square(0, 0, 'A1'), square(1, 0, 'A2')],
    };
    const b: FeatureCollection = { type: 'FeatureCollection', features: [square(10, 10, 'B1')] };
    const topo = topology({ a, b }, 1e4);
    const only = extractObjects(topo, ['a']);
    expect(Object.keys(only.objects)).toEqual(['a']);
    expect(only.arcs.length).toBeLessThan(topo.arcs.length);
    const x = feature(only, only.objects.a as GeometryCollection) as FeatureCollection;
    const y = feature(topo, topo.objects.a as GeometryCollection) as FeatureCollection;
    expect(x).toEqual(y);
    expect(() => extractObjects(topo, ['c'])).toThrow(/absent/);
  });
});

describe('toCsv', () => {
  const table: Table = {
    name: 't',
    columns: [
      { key: 'name', header: 'Nom', type: 'string' },
      { key: 'value', header: 'Valeur (%)', type: 'number', decimals: (r) => (r.name === 'petit' ? 7 : 1) },
      { key: 'flags', header: 'Signalements', type: 'flags' },
      { key: 'count', header: 'Ménages', type: 'number', decimals: 0 },
    ],
    rows: [
      { name: '=HYPERLINK("x")', value: -1.54, flags: ['masked', 'derived'], count: 1234.5 },
      { name: 'Saint-Denis; "nord"', value: null, flags: [], count: null },
      { name: 'petit', value: 1e-7, flags: [], count: 0.4 },
    ],
  };

  it('style Excel : BOM, « ; », virgule décimale, décimales de la colonne, signalements en français, formules neutralisées', () => {
    const text = toCsv(table, 'excel');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parse(text, { delimiter: ';', bom: true }) as string[][];
    expect(rows[0]).toEqual(['Nom', 'Valeur (%)', 'Signalements', 'Ménages']);
    expect(rows[1]).toEqual([`'=HYPERLINK("x")`, '-1,5', 'non diffusé, copie d’un tiers', '1235']);
    expect(rows[2]).toEqual(['Saint-Denis; "nord"', '', '', '']);
    expect(rows[3]!.slice(1)).toEqual(['0,0000001', '', '0']);
  });

  it('style RFC 4180 : « , », point décimal, CRLF, clés en en-tête, texte tel quel', () => {
    const text = toCsv(table, 'rfc');
    expect(text.startsWith('\uFEFF')).toBe(false);
    expect(text).toContain('\r\n');
    const rows = parse(text, { delimiter: ',' }) as string[][];
    expect(rows[0]).toEqual(['name', 'value', 'flags', 'count']);
    expect(rows[1]).toEqual(['=HYPERLINK("x")', '-1.54', 'masked|derived', '1234.5']);
    expect(rows[2]![1]).toBe('');
  });
});
