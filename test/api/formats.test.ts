/**
 * Every tabular route in its three formats: the CSV (French Excel style and RFC 4180, parsed back
 * with csv-parse) and the Arrow stream (parsed back with apache-arrow) give the same rows and the
 * same numbers as the JSON, missing values stay empty/null (never 0), provenance columns are there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { tableFromIPC } from 'apache-arrow';
import { roundTo } from '../../core/csv.js';
import type { Db } from '../../core/db.js';
import { FLAGS, indicator as getIndicator } from '../../core/registry.js';
import type { Store } from '../../server/store.js';
import { closeApiFixture, openApiFixture, type App } from './fixture.js';

let store: Store;
let db: Db;
let app: App;
beforeAll(async () => ({ store, db, app } = await openApiFixture()));
afterAll(() => closeApiFixture(store, db));

type Row = Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies of different routes
type Body = any;

interface Case {
  name: string;
  /** Path without suffix, and its query string. */
  path: string;
  query: string;
  /** The JSON body flattened to the rows the tabular formats carry. */
  rows: (body: Body) => Row[];
  /** Keys compared (CSV RFC headers = these keys). */
  keys: string[];
  numbers: string[];
  lists?: string[];
  provenance: boolean;
  /** The indicator of the rows (else each row's `indicator`): decimals of the excel CSV. */
  indicator?: string;
}

const OBS_KEYS = ['year', 'value', 'numerator', 'denominator', 'flags', 'note', 'source_id'];
const OBS_NUM = ['year', 'value', 'numerator', 'denominator'];

const CASES: Case[] = [
  {
    name: 'values',
    path: '/api/values',
    query: 'indicator=sru_taux&level=commune&within=departement:92&year=latest',
    indicator: 'sru_taux',
    rows: (b) => b.data,
    keys: ['code', 'name', ...OBS_KEYS],
    numbers: OBS_NUM,
    lists: ['flags'],
    provenance: true,
  },
  {
    name: 'rankings',
    path: '/api/rankings',
    query: 'indicator=sru_logements_manquants&within=departement:92&filter=sru_deficitaire:1',
    indicator: 'sru_logements_manquants',
    rows: (b) => b.data,
    keys: ['rank', 'code', 'name', ...OBS_KEYS],
    numbers: ['rank', ...OBS_NUM],
    lists: ['flags'],
    provenance: true,
  },
  {
    name: 'series',
    path: '/api/series',
    query: 'indicator=sru_lls&code=92048,92051',
    indicator: 'sru_lls',
    rows: (b) =>
      b.data.flatMap((t: Row & { points: Row[] }) =>
        t.points.map((p) => ({ level: t.level, code: t.code, name: t.name, ...p })),
      ),
    keys: ['level', 'code', 'name', ...OBS_KEYS, 'segment'],
    numbers: [...OBS_NUM, 'segment'],
    lists: ['flags'],
    provenance: true,
  },
  {
    name: 'compare',
    path: '/api/compare',
    query: 'code=92048&code=92051&code=departement:92',
    rows: (b) =>
      b.data.indicators.flatMap((ind: Row & { values: Record<string, Row | null> }) =>
        b.data.territories.map((t: Row & { key: string }) => {
          const v = ind.values[t.key];
          return {
            indicator: ind.id,
            level: t.level,
            code: t.code,
            name: t.name,
            year: v?.year ?? null,
            value: v?.value ?? null,
            numerator: v?.numerator ?? null,
            denominator: v?.denominator ?? null,
            flags: v?.flags ?? [],
            source_id: v?.source_id ?? null,
          };
        }),
      ),
    keys: [
      'indicator',
      'level',
      'code',
      'name',
      'year',
      'value',
      'numerator',
      'denominator',
      'flags',
      'source_id',
    ],
    numbers: OBS_NUM,
    lists: ['flags'],
    provenance: true,
  },
  {
    name: 'territories',
    path: '/api/territories',
    query: 'level=commune&within=ept:200057974',
    rows: (b) => b.data,
    keys: ['level', 'code', 'name', 'population', 'ept', 'ept_name', 'departement', 'departement_name'],
    numbers: ['population'],
    provenance: false,
  },
  {
    name: 'sources',
    path: '/api/sources',
    query: '',
    rows: (b) => b.data,
    keys: ['id', 'family', 'title', 'licence', 'vintage', 'url', 'sha256', 'bytes', 'retrieved_at', 'origin'],
    numbers: ['bytes'],
    provenance: false,
  },
  {
    name: 'indicators',
    path: '/api/indicators',
    query: '',
    rows: (b) => b.data.map((i: Row & { years: number[] }) => ({ ...i, years: i.years.map(String) })),
    keys: ['id', 'label', 'unit', 'decimals', 'aggregation', 'years', 'caveats'],
    numbers: ['decimals'],
    lists: ['years', 'caveats'],
    provenance: false,
  },
];

async function fetchJson(c: Case): Promise<Body> {
  const res = await app.request(`${c.path}?${c.query}`);
  expect(res.status, c.name).toBe(200);
  return res.json();
}

/** A CSV cell back to the JSON value: empty → null, never 0. */
function fromCell(cell: string, key: string, c: Case, sep: string, decimal: string): unknown {
  if (c.lists?.includes(key)) return cell === '' ? [] : cell.split(sep);
  if (cell === '') return null;
  if (c.numbers.includes(key)) {
    expect(cell, `${c.name}.${key}`).toMatch(decimal === ',' ? /^-?\d+(,\d+)?$/ : /^-?\d+(\.\d+)?$/);
    return Number(cell.replace(',', '.'));
  }
  return cell;
}

function expected(row: Row, keys: string[]): Row {
  return Object.fromEntries(keys.map((k) => [k, row[k] === undefined ? null : row[k]]));
}

const BADGES: Record<string, string> = Object.fromEntries(
  Object.entries(FLAGS).map(([k, f]) => [k, f.badge]),
);

/**
 * What the excel CSV shows of a JSON row: value, numerator and denominator rounded to the decimals
 * of their registry indicators (whole numbers when none is named), flags as French badges.
 */
function expectedExcel(row: Row, c: Case): Row {
  const out = expected(row, c.keys);
  const id = c.indicator ?? (row.indicator as string | undefined);
  if (id) {
    const def = getIndicator(id);
    const places: Record<string, number> = {
      value: def.decimals,
      numerator: def.numerator ? getIndicator(def.numerator).decimals : 0,
      denominator: def.denominator ? getIndicator(def.denominator).decimals : 0,
    };
    for (const [k, d] of Object.entries(places))
      if (typeof out[k] === 'number') out[k] = roundTo(out[k] as number, d);
  }
  if (Array.isArray(out.flags)) out.flags = (out.flags as string[]).map((f) => BADGES[f] ?? f);
  return out;
}

describe.each(CASES)('$name : JSON, CSV et Arrow donnent les mêmes lignes', (c) => {
  it('CSV RFC 4180 (csv_style=rfc) : « , », point décimal, sans BOM, clés JSON en en-tête', async () => {
    const body = await fetchJson(c);
    const rows = c.rows(body);
    expect(rows.length).toBeGreaterThan(0);
    const res = await app.request(`${c.path}.csv?${c.query}&csv_style=rfc`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="[\w.-]+\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    const parsed = parse(new TextDecoder().decode(bytes), { columns: true, delimiter: ',' }) as Row[];
    expect(parsed).toHaveLength(rows.length);
    parsed.forEach((p, i) => {
      const back = Object.fromEntries(c.keys.map((k) => [k, fromCell(String(p[k]), k, c, '|', '.')]));
      expect(back).toEqual(expected(rows[i]!, c.keys));
    });
    if (c.provenance) expect(Object.keys(parsed[0]!).slice(-3)).toEqual(['source', 'millesime', 'qualite']);
  });

  it('CSV Excel (défaut) : BOM, « ; », virgule décimale, en-têtes français, décimales du registre, signalements en français', async () => {
    const body = await fetchJson(c);
    const rows = c.rows(body);
    // Suffix and format=csv are the same request.
    const viaQuery = await app.request(`${c.path}?${c.query}${c.query ? '&' : ''}format=csv`);
    const res = await app.request(`${c.path}.csv${c.query ? `?${c.query}` : ''}`);
    const text = await res.text();
    expect(await viaQuery.text()).toBe(text);
    const raw = new Uint8Array(await (await app.request(`${c.path}.csv?${c.query}`)).arrayBuffer());
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rfc = parse(await (await app.request(`${c.path}.csv?${c.query}&csv_style=rfc`)).text(), {
      delimiter: ',',
    }) as string[][];
    const excel = parse(text, { delimiter: ';', bom: true }) as string[][];
    expect(excel).toHaveLength(rows.length + 1);
    // Same columns in the same order, except RFC's trailing `qualite` (the excel flags are badges already).
    const keys = c.provenance ? rfc[0]!.slice(0, -1) : rfc[0]!;
    expect(excel[0]).toHaveLength(keys.length);
    excel.slice(1).forEach((cells, i) => {
      const back = Object.fromEntries(
        keys
          .map((k, j) => [k, cells[j]!] as const)
          .filter(([k]) => c.keys.includes(k))
          .map(([k, cell]) => [
            k,
            fromCell(cell.replace(/^'(?=[=+\-@])/, ''), k, c, k === 'flags' ? ', ' : ' | ', ','),
          ]),
      );
      expect(back).toEqual(expectedExcel(rows[i]!, c));
    });
    if (c.provenance) {
      expect(excel[0]!.slice(-2)).toEqual(['source', 'millésime']);
      const sources = body.meta.sources as Record<string, { producer: string; vintage: string }>;
      excel.slice(1).forEach((cells, i) => {
        const src = sources[String(rows[i]!.source_id)];
        if (!src) return;
        expect(cells.at(-2)).toContain(src.producer);
        expect(cells.at(-1)).toBe(src.vintage);
      });
    }
  });

  it('Arrow IPC (suffixe .arrow et format=arrow) : mêmes lignes, types numériques, null conservés', async () => {
    const body = await fetchJson(c);
    const rows = c.rows(body);
    const res = await app.request(`${c.path}.arrow?${c.query}`);
    expect(res.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
    const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
    expect(table.numRows).toBe(rows.length);
    const meta = JSON.parse(table.schema.metadata.get('observatoire')!) as { build_id: string };
    expect(meta.build_id).toBe(store.buildId());
    table.toArray().forEach((r, i) => {
      const obj = r.toJSON() as Row;
      const back = Object.fromEntries(
        c.keys.map((k) => {
          const v = obj[k];
          if (c.lists?.includes(k)) return [k, v === null ? [] : Array.from(v as Iterable<unknown>)];
          return [k, v === undefined ? null : v];
        }),
      );
      expect(back).toEqual(expected(rows[i]!, c.keys));
    });
    const viaQuery = await app.request(`${c.path}?${c.query}${c.query ? '&' : ''}format=arrow`);
    expect(new Uint8Array(await viaQuery.arrayBuffer())).toEqual(
      new Uint8Array(await (await app.request(`${c.path}.arrow?${c.query}`)).arrayBuffer()),
    );
  });
});

describe('CSV : contenu', () => {
  it('en-tête avec unités, valeur manquante = cellule vide (jamais 0), total du 92 = somme du CSV', async () => {
    const text = await (
      await app.request('/api/values.csv?indicator=sru_taux&level=commune&within=departement:92')
    ).text();
    const rows = parse(text, { delimiter: ';', bom: true, columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0]!)).toContain('Taux SRU (%)');
    const neuilly = rows.find((r) => r.Code === '92051')!;
    expect(neuilly['Taux SRU (%)']).toBe('');
    expect(neuilly.Signalements).toContain(FLAGS.masked.badge);
    const lls = parse(
      await (await app.request('/api/values.csv?indicator=sru_lls&within=departement:92&year=2025')).text(),
      { delimiter: ';', bom: true, columns: true },
    ) as Array<Record<string, string>>;
    const header = Object.keys(lls[0]!).find((h) => h.startsWith('Logements sociaux SRU'))!;
    const sum = lls.reduce((a, r) => a + (r[header] === '' ? 0 : Number(r[header]!.replace(',', '.'))), 0);
    const dep = await db.all<{ value: number }>(
      `SELECT value FROM observations WHERE indicator = 'sru_lls' AND level = 'departement' AND code = '92' AND year = 2025`,
    );
    expect(sum).toBe(dep[0]!.value);
  });

  it('foyers RSA pour 100 ménages : décimale du registre, ménages entiers, signalements en français, et la version RFC garde la pleine précision', async () => {
    const url = '/api/values.csv?indicator=caf_rsa_pour_100_menages&within=departement:92';
    const excel = parse(await (await app.request(url)).text(), {
      delimiter: ';',
      bom: true,
      columns: true,
    }) as Array<Record<string, string>>;
    const rfc = parse(await (await app.request(`${url}&csv_style=rfc`)).text(), {
      delimiter: ',',
      columns: true,
    }) as Array<Record<string, string>>;
    const valueKey = Object.keys(excel[0]!)[3]!;
    const denKey = Object.keys(excel[0]!).find((k) => k.startsWith('Dénominateur'))!;
    expect(denKey).toMatch(/Ménages/);
    let fractionalHouseholds = 0;
    for (const [i, e] of excel.entries()) {
      const r = rfc[i]!;
      expect(e.Code).toBe(r.code);
      if (r.value === '') continue;
      expect(e[valueKey]).toMatch(/^\d+,\d$/);
      expect(Number(e[valueKey]!.replace(',', '.'))).toBe(roundTo(Number(r.value), 1));
      expect(e[denKey]).toMatch(/^\d+$/);
      expect(Number(e[denKey])).toBe(Math.round(Number(r.denominator)));
      if (!Number.isInteger(Number(r.denominator))) fractionalHouseholds++;
      for (const code of r.flags!.split('|').filter(Boolean)) {
        expect(e.Signalements).toContain(BADGES[code]);
        expect(e.Signalements).not.toMatch(new RegExp(`\\b${code}\\b`));
      }
    }
    // The census gives fractional household estimates: the RFC CSV keeps them, the excel one does not.
    expect(fractionalHouseholds).toBeGreaterThan(0);
  });

  it('JSON : nombres en nombres, null jamais 0', async () => {
    const body = (await (
      await app.request('/api/values?indicator=sru_taux&within=departement:92')
    ).json()) as { data: Array<{ code: string; value: number | null; flags: string[] }> };
    for (const r of body.data) expect(r.value === null || typeof r.value === 'number').toBe(true);
    const raw = await db.all<{ code: string }>(
      `SELECT code FROM observations WHERE indicator = 'sru_taux' AND level = 'commune' AND year = 2025 AND value IS NULL AND code LIKE '92%'`,
    );
    for (const { code } of raw) {
      const r = body.data.find((x) => x.code === code)!;
      expect(r.value).toBeNull();
      expect(r.flags.length).toBeGreaterThan(0);
    }
  });

  it('une route JSON seulement demandée en CSV : 400 ; format contradictoire : 400', async () => {
    const fiche = await app.request('/api/territories/commune/92048.csv');
    expect(fiche.status).toBe(400);
    expect(((await fiche.json()) as { error: { valid: string[] } }).error.valid).toEqual(['json']);
    expect((await app.request('/api/territories/commune/92048.json')).status).toBe(200);
    expect((await app.request('/api/values.csv?indicator=sru_taux&format=arrow')).status).toBe(400);
    expect((await app.request('/api/values?indicator=sru_taux&format=xls')).status).toBe(400);
  });
});
