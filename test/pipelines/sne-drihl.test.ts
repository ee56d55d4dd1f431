/**
 * DRIHL socle 2025 (mirror extract `sne/derived_drihl_socle_demandes_attributions_2025.csv`): the
 * database against the raw rows, parsed here with csv-parse independently of the pipeline — communes
 * (Meudon, Nanterre, masked ones, a commune without any attribution), the 92 and région rows, EPT sums,
 * Paris counted once, every masked cell missing; then the API (fiche of the 92 next to the earlier
 * published figures, series, values of an EPT's communes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db.js';
import { indicator } from '../../core/registry.js';
import { resolveWhereToAsk } from '../../core/where-to-ask.js';
import { closeApiFixture, openApiFixture } from '../api/fixture.js';
import { FULL_MIRROR, openTestDb, readMirrorCsv, type ObsRow } from '../helpers.js';

const FILE = 'derived_drihl_socle_demandes_attributions_2025.csv';
type Raw = Record<string, string>;
const raw = readMirrorCsv('sne', FILE, ';');
const row = (niveau: string, code: string) => raw.find((r) => r.niveau === niveau && r.code === code)!;

/** Raw column → indicator (the delay: the workbook's 3-decimal value). */
const COLUMNS: [string, string][] = [
  ['demandes', 'sne_demandes_choix1'],
  ['attributions', 'sne_attributions'],
  ['tension', 'sne_demandes_par_attribution'],
  ['delaiMoisExact', 'sne_delai_median_mois'],
  ['partAnc5ans', 'sne_part_anciennete_5ans'],
  ['tensionT1', 'sne_demandes_par_attribution_t1'],
  ['tensionT3', 'sne_demandes_par_attribution_t3'],
];
const value = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s));

let db: Db;
let all: ObsRow[];
let members: Map<string, { ept: string | null; epci: string | null; name: string }>;
beforeAll(async () => {
  db = await openTestDb();
  all = await db.all<ObsRow>(
    `SELECT * FROM observations WHERE indicator LIKE 'sne\\_%' ESCAPE '\\' AND year = 2025`,
  );
  const t = await db.all<{ code: string; ept: string | null; epci: string | null; name: string }>(
    `SELECT code, ept, epci, name FROM territories WHERE level = 'commune' AND region = '11'`,
  );
  members = new Map(t.map((x) => [x.code, x]));
});
afterAll(() => db.close());

const find = (ind: string, level: string, code: string) =>
  all.find((o) => o.indicator === ind && o.level === level && o.code === code);

/** Every measure of a raw row, compared with the database (masked: null with the reason). */
function expectRow(r: Raw, level: string, code = r.code!) {
  for (const [col, ind] of COLUMNS) {
    const o = find(ind, level, code);
    expect(o, `${ind} ${code}`).toBeDefined();
    const v = value(r[col] || (col === 'delaiMoisExact' ? r.delaiMois : ''));
    expect(o!.value, `${ind} ${code}`).toBe(v);
    if (v === null)
      expect(o!.note, `${ind} ${code}`).toMatch(/masquée par la DRIHL|non calculable|sans objet/);
    expect(o!.flags).toContain('derived');
    expect(o!.source_id).toBe('drihl-socle-2025-extrait');
  }
}

describe('socle DRIHL 2025 : base = lignes brutes de l’extrait du miroir', () => {
  it('Meudon, Nanterre, Neuilly : chaque mesure telle que publiée (échantillon de la provenance)', () => {
    expect(value(row('Commune', '92048').demandes)).toBe(2436);
    expect(value(row('Commune', '92048').attributions)).toBe(274);
    for (const code of ['92048', '92050', '92051']) expectRow(row('Commune', code), 'commune');
    const meudon = find('sne_demandes_par_attribution', 'commune', '92048')!;
    expect([meudon.value, meudon.numerator, meudon.denominator]).toEqual([8.9, 2436, 274]);
  });

  it('communes masquées : la valeur reste manquante (jamais 0), signalée, avec le motif', () => {
    const boissy = row('Commune', '77042'); // demands masked, attributions published
    const coubron = row('Commune', '93015'); // attributions masked
    expect([boissy.demandes, coubron.attributions]).toEqual(['', '']);
    expectRow(boissy, 'commune');
    expectRow(coubron, 'commune');
    for (const [ind, code] of [
      ['sne_demandes_choix1', '77042'],
      ['sne_attributions', '93015'],
    ] as const) {
      const o = find(ind, 'commune', code)!;
      expect(o.value).toBeNull();
      expect(o.flags).toContain('masked');
      expect(o.note).toMatch(/moins de 10/);
    }
    // a real 0 stays 0, and the ratio of a commune without attribution is « non calculable »
    const zero = row('Commune', '77001');
    expect(zero.attributions).toBe('0');
    expectRow(zero, 'commune');
    expect(find('sne_attributions', 'commune', '77001')?.value).toBe(0);
    expect(find('sne_demandes_par_attribution', 'commune', '77001')?.note).toBe(
      'non calculable : aucune attribution en 2025',
    );
  });

  it('toutes les communes (hors Paris) : chaque cellule, publiée ou vide, retrouvée telle quelle', () => {
    const communes = raw.filter((r) => r.niveau === 'Commune' && !r.code!.startsWith('75'));
    expect(communes.length).toBeGreaterThan(40);
    if (FULL_MIRROR) expect(communes).toHaveLength(1265);
    let masked = 0;
    for (const r of communes) {
      for (const [col, ind] of COLUMNS) {
        const o = find(ind, 'commune', r.code!);
        const v = value(r[col] || (col === 'delaiMoisExact' ? r.delaiMois : ''));
        if (o?.value !== v) expect(`${ind} ${r.code} = ${o?.value}`).toBe(`${ind} ${r.code} = ${v}`);
        if (v === null && o?.flags.includes('masked')) masked++;
      }
    }
    // provenance: 365 demandes and 146 attributions masked (Paris's rows included: none of them)
    if (!FULL_MIRROR) return;
    expect(
      all.filter((o) => o.level === 'commune' && o.value === null && o.indicator === 'sne_demandes_choix1'),
    ).toHaveLength(365);
    expect(
      all.filter((o) => o.level === 'commune' && o.value === null && o.indicator === 'sne_attributions'),
    ).toHaveLength(146);
    expect(masked).toBeGreaterThan(365 + 146);
  });

  it('Hauts-de-Seine et Île-de-France : lignes du producteur, 134 049 demandes et 9 900 attributions pour le 92', () => {
    expectRow(row('Département', '92'), 'departement');
    expectRow(row('Région', '11'), 'region');
    expect(find('sne_demandes_choix1', 'departement', '92')?.value).toBe(134049);
    expect(find('sne_attributions', 'departement', '92')?.value).toBe(9900);
    const communes92 = raw.filter((r) => r.niveau === 'Commune' && r.dep === '92');
    expect(communes92).toHaveLength(36);
    // the 92 publishes every commune: the producer's row equals the sum (the build keeps the producer's)
    expect(communes92.reduce((a, r) => a + Number(r.demandes), 0)).toBe(134049);
    // the région is the producer's figure, not a sum of communes (masked communes in 77, 78, 91, 95)
    const sumIdf = raw
      .filter((r) => r.niveau === 'Commune' && !r.code!.startsWith('751'))
      .reduce((a, r) => a + Number(r.demandes || 0), 0);
    expect(sumIdf).toBeLessThan(933996);
    expect(find('sne_demandes_choix1', 'region', '11')?.value).toBe(933996);
  });

  it('EPT Vallée Sud-Grand Paris : somme de ses 11 communes ; rapport recalculé sur les sommes ; pas de médiane', () => {
    const codes = [...members].filter(([, t]) => t.ept === '200057966').map(([c]) => c);
    expect(codes).toHaveLength(11);
    const rows = codes.map((c) => row('Commune', c));
    const d = rows.reduce((a, r) => a + Number(r.demandes), 0);
    const at = rows.reduce((a, r) => a + Number(r.attributions), 0);
    expect(find('sne_demandes_choix1', 'ept', '200057966')?.value).toBe(d);
    expect(find('sne_attributions', 'ept', '200057966')?.value).toBe(at);
    const ratio = find('sne_demandes_par_attribution', 'ept', '200057966')!;
    expect(ratio.value).toBeCloseTo(d / at, 12);
    expect([ratio.numerator, ratio.denominator]).toEqual([d, at]);
    expect(ratio.flags).not.toContain('partial');
    for (const ind of [
      'sne_delai_median_mois',
      'sne_part_anciennete_5ans',
      'sne_demandes_par_attribution_t1',
    ])
      expect(find(ind, 'ept', '200057966'), ind).toBeUndefined();
  });

  it('EPT Grand Paris Grand Est : Coubron masquée, somme partielle qui nomme la commune', () => {
    const codes = [...members].filter(([, t]) => t.ept === '200058790').map(([c]) => c);
    const rows = codes.map((c) => row('Commune', c));
    const hidden = rows.filter((r) => r.attributions === '');
    expect(hidden.map((r) => r.code)).toEqual(['93015']);
    const o = find('sne_attributions', 'ept', '200058790')!;
    expect(o.value).toBe(rows.reduce((a, r) => a + Number(r.attributions || 0), 0));
    expect(o.flags).toContain('partial');
    expect(o.note).toMatch(/Coubron \(93015\)/);
    const both = rows.filter((r) => r.demandes !== '' && r.attributions !== '');
    const ratio = find('sne_demandes_par_attribution', 'ept', '200058790')!;
    expect(ratio.numerator).toBe(both.reduce((a, r) => a + Number(r.demandes), 0));
    expect(ratio.value).toBeCloseTo(ratio.numerator! / ratio.denominator!, 12);
    expect(ratio.note).toMatch(/écartées .*Coubron \(93015\)/);
    expect(find('sne_demandes_choix1', 'ept', '200058790')?.flags).not.toContain('partial');
  });

  it('Paris compté une fois : la commune 75056 = la ligne départementale, arrondissements jamais additionnés', () => {
    const dep = row('Département', '75');
    const arrondissements = raw.filter((r) => /^751\d\d$/.test(r.code!));
    expect(arrondissements).toHaveLength(20);
    const sumArr = arrondissements.reduce((a, r) => a + Number(r.demandes), 0);
    expect(sumArr).toBeLessThan(Number(dep.demandes)); // demands without an arrondissement
    const paris = find('sne_demandes_choix1', 'commune', '75056')!;
    expect(paris.value).toBe(Number(dep.demandes));
    expect(paris.value).not.toBe(sumArr + Number(row('Commune', '75056').demandes));
    expect(paris.note).toMatch(/ensemble de la commune/);
    expect(find('sne_delai_median_mois', 'commune', '75056')?.value).toBe(Number(dep.delaiMoisExact));
    expect(all.some((o) => /^751\d\d$/.test(o.code))).toBe(false);
    // EPT Paris and the Métropole du Grand Paris count Paris once
    expect(find('sne_demandes_choix1', 'ept', '217500016')?.value).toBe(Number(dep.demandes));
    const mgp = [...members].filter(([, t]) => t.epci === '200054781').map(([c]) => c);
    const sumMgp = mgp.reduce(
      (a, c) => a + Number((c === '75056' ? dep : row('Commune', c)).demandes || 0),
      0,
    );
    expect(find('sne_demandes_choix1', 'epci', '200054781')?.value).toBe(sumMgp);
  });

  it('registre : ouvert pour l’Île-de-France seulement, définitions « premier choix » et « ni RPLS ni SRU »', () => {
    for (const [, id] of COLUMNS) {
      const def = indicator(id);
      expect(def.open, id).toBe(true);
      expect(def.coverage, id).toEqual({ regions: ['11'], label: 'Île-de-France' });
      // outside the coverage, whom to ask: the bodies of the territory's own département (Aix: 13)
      const aix = resolveWhereToAsk(def.where_to_ask!, { departements: ['13'], region: '93' });
      expect(aix.publisher, id).toMatch(/^DDETS des Bouches-du-Rhône/);
      expect(`${aix.publisher} ${aix.ask}`, id).not.toMatch(/Hauts-de-Seine|DRIHL Île-de-France,/);
    }
    expect(indicator('sne_demandes_choix1').definition).toMatch(/premier choix/);
    expect(indicator('sne_attributions').definition).toMatch(/ni au parc social RPLS ni à l’inventaire SRU/);
    expect(indicator('sne_demandes_par_attribution').definition).toMatch(/pas un délai d’attente/);
  });
});

describe('API : fiche du 92, séries, valeurs d’un EPT', () => {
  let api: Awaited<ReturnType<typeof openApiFixture>>;
  beforeAll(async () => {
    api = await openApiFixture();
  });
  afterAll(() => closeApiFixture(api?.store, api?.db));
  const get = (url: string) => api.app.request(url);

  it('fiche du 92 : 134 049 demandes et 9 900 attributions à côté des chiffres publiés, chacun sous son identifiant', async () => {
    const res = await get('/api/territories/departement/92');
    const body = (await res.json()) as {
      data: {
        indicators: { id: string; value: { value: number; year: number; source_id: string } | null }[];
      };
      meta: { sources: Record<string, { producer: string; licence: string; url: string | null }> };
    };
    const v = (id: string) => body.data.indicators.find((i) => i.id === id)?.value;
    expect([v('sne_demandes_choix1')?.value, v('sne_demandes_choix1')?.year]).toEqual([134049, 2025]);
    expect([v('sne_attributions')?.value, v('sne_attributions')?.year]).toEqual([9900, 2025]);
    expect(v('opml92_menages_demandeurs')?.value).toBe(116228);
    expect(v('ccf92_personnes_recherche_logement')?.value).toBe(79416);
    const src = body.meta.sources[v('sne_attributions')!.source_id]!;
    expect(src.producer).toMatch(/DRIHL/);
    expect(src.licence).toMatch(/Licence Ouverte/);
  });

  it('série des attributions du 92 : 2023 (infographie DRIHL, chiffre publié) et 2025 (socle), une seule définition', async () => {
    const res = await get('/api/series?indicator=sne_attributions&level=departement&code=92');
    const body = (await res.json()) as {
      data: { points: { year: number; value: number; flags: string[]; segment: number }[] }[];
    };
    const pts = body.data[0]!.points;
    expect(pts.map((p) => [p.year, p.value])).toEqual([
      [2023, 10498],
      [2025, 9900],
    ]);
    expect(pts[0]!.flags).toContain('curated');
    expect(new Set(pts.map((p) => p.segment)).size).toBe(1);
    // the OPML 92 and CCF 92 attributions stay apart
    const opml = await (
      await get('/api/series?indicator=opml92_logements_attribues&level=departement&code=92')
    ).json();
    expect((opml as { data: { points: { year: number }[] }[] }).data[0]!.points.map((p) => p.year)).toEqual([
      2022,
    ]);
  });

  it('valeurs des communes d’un EPT et export CSV', async () => {
    const res = await get('/api/values?indicator=sne_demandes_choix1&within=ept:200057966');
    const body = (await res.json()) as {
      data: { code: string; value: number | null }[];
      meta: { year: number };
    };
    expect(body.meta.year).toBe(2025);
    expect(body.data).toHaveLength(11);
    for (const r of body.data) expect(r.value).toBe(value(row('Commune', r.code).demandes));
    const csv = await get('/api/values.csv?indicator=sne_attributions&within=ept:200057966');
    expect(csv.status).toBe(200);
    expect(await csv.text()).toMatch(/Meudon|Antony/);
  });

  it('classement du 92, comparaison et export Arrow comme tout indicateur du registre', async () => {
    const communes92 = raw.filter((r) => r.niveau === 'Commune' && r.dep === '92');
    const rk = (await (
      await get('/api/rankings?indicator=sne_demandes_par_attribution&within=departement:92')
    ).json()) as { data: { rank: number; code: string; value: number }[] };
    const expected = [...communes92].sort((a, b) => Number(b.tension) - Number(a.tension));
    expect(rk.data).toHaveLength(36);
    expect(rk.data[0]!.value).toBe(Number(expected[0]!.tension));
    expect(rk.data.find((r) => r.code === '92048')?.value).toBe(8.9);
    const cmp = await get('/api/compare?code=92048,92050,ept:200057974');
    expect(cmp.status).toBe(200);
    const body = (await cmp.json()) as {
      data: { indicators: { id: string; values: Record<string, { value: number | null } | null> }[] };
    };
    const dem = body.data.indicators.find((i) => i.id === 'sne_demandes_choix1')!;
    expect(JSON.stringify(dem)).toContain('13656');
    const arrow = await get('/api/values.arrow?indicator=sne_attributions&within=departement:92');
    expect(arrow.status).toBe(200);
    expect(arrow.headers.get('content-type')).toMatch(/arrow/);
  });
});
