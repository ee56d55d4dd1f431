import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../core/db.js';
import { ROOT } from '../../core/paths.js';
import { indicator } from '../../core/registry.js';
import { build, loadTerritoryIndex } from '../../pipelines/build.js';
import {
  FILOSOFI_OFFICIAL,
  FILOSOFI_ROUAGES_RESOURCES,
  REVN_RESOURCES,
  chooseValues,
  filosofiPipeline,
  type FiloValue,
} from '../../pipelines/filosofi/index.js';
import { InputError } from '../../pipelines/lib/errors.js';
import type { ObservationRow, PipelineContext, TerritoryIndex } from '../../pipelines/lib/pipeline.js';
import type { Resource, ResolvedResource } from '../../pipelines/lib/resources.js';
import { MIRROR, TEST_DB, mirrorFile, obs, openTestDb, readMirrorJson } from '../helpers.js';

const IDS = ['filosofi_taux_pauvrete', 'filosofi_niveau_vie_median', 'filosofi_rapport_interdecile'];

type Pair = [number | null, number | null];
type RouagesFilo = { millesime: number; metropole: Pair; dep: Pair; c: Record<string, Pair> };
const rouages = (dep: string) =>
  readMirrorJson<RouagesFilo>('filosofi', `derived_rouages_${dep}-revenus_filosofi2023.json`);

/** The `COM…` sheet of a REVN workbook, read here with exceljs independently of the pipeline. */
async function readRevn(file: string): Promise<Map<string, Record<string, unknown>>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(mirrorFile('filosofi', file));
  const ws = wb.worksheets.find((w) => w.name.startsWith('COM'))!;
  const codes = ws.getRow(6).values as unknown[];
  const out = new Map<string, Record<string, unknown>>();
  ws.eachRow((row, n) => {
    if (n < 7) return;
    const rec: Record<string, unknown> = {};
    codes.forEach((c, i) => {
      if (typeof c === 'string') rec[c] = row.getCell(i).value;
    });
    out.set(String(rec.CODGEO), rec);
  });
  return out;
}

let db: Db;
let territories: TerritoryIndex;
const revn = new Map<number, Map<string, Record<string, unknown>>>();
beforeAll(async () => {
  db = await openTestDb();
  territories = await loadTerritoryIndex(db);
  const files: [number, string][] = [
    [2017, 'REVN_2021_V1.xlsx'],
    [2018, 'REVN_2022.xlsx'],
    [2019, 'REVN_2023.xlsx'],
    [2020, 'REVN_2024.xlsx'],
  ];
  for (const [year, file] of files) revn.set(year, await readRevn(file));
});
afterAll(() => db.close());

describe('Filosofi 2023 — extraits rouages.fr (DS_FILOSOFI_CC)', () => {
  const f92 = rouages('92');

  it.each([
    ['92', '92050'],
    ['92', '92036'],
    ['92', '92051'],
    ['13', '13001'],
    ['89', '89387'],
  ])('%s/%s : médiane et taux de pauvreté égaux au fichier, série rompue, retraités', async (dep, code) => {
    const [med, tp] = rouages(dep).c[code]!;
    const m = await obs(db, 'filosofi_niveau_vie_median', 'commune', code, 2023);
    const t = await obs(db, 'filosofi_taux_pauvrete', 'commune', code, 2023);
    expect(m?.value).toBe(med);
    expect(t?.value).toBe(tp);
    for (const o of [m, t]) expect(o?.flags).toEqual(expect.arrayContaining(['series_break', 'derived']));
  });

  it('Marnes-la-Coquette (92047) : taux de pauvreté masqué (secret statistique), jamais 0 ; médiane chargée', async () => {
    expect(f92.c['92047']![1]).toBeNull();
    const t = await obs(db, 'filosofi_taux_pauvrete', 'commune', '92047', 2023);
    expect(t).toBeDefined();
    expect(t?.value).toBeNull();
    expect(t?.flags).toContain('masked');
    expect(t?.note).toMatch(/secret statistique/);
    expect((await obs(db, 'filosofi_niveau_vie_median', 'commune', '92047', 2023))?.value).toBe(
      f92.c['92047']![0],
    );
  });

  it('92 : la valeur départementale est celle publiée par l’INSEE (« dep »), pas un calcul sur les communes', async () => {
    for (const [i, id] of ['filosofi_niveau_vie_median', 'filosofi_taux_pauvrete'].entries()) {
      const rows = await db.all<{ value: number; aggregated: boolean; source_id: string; flags: string[] }>(
        `SELECT value, aggregated, source_id, flags FROM observations
         WHERE indicator = $id AND level = 'departement' AND code = '92' AND year = 2023`,
        { id },
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]!.value).toBe(f92.dep[i]);
      expect(rows[0]!.aggregated).toBe(false);
      expect(rows[0]!.source_id).toBe('filosofi-rouages-92');
      expect(rows[0]!.flags).toContain('series_break');
    }
    // The mean of the communes' medians is not the producer's value (sanity check of the test itself).
    const meds = Object.values(f92.c).map((p) => p[0]!);
    expect(meds.reduce((a, b) => a + b, 0) / meds.length).not.toBe(f92.dep[0]);
  });

  it('France métropolitaine : territoire FM (niveau france) et valeurs « metropole » du fichier', async () => {
    const t = await db.all<{ name: string }>(
      `SELECT name FROM territories WHERE level = 'france' AND code = 'FM'`,
    );
    expect(t).toEqual([{ name: 'France métropolitaine' }]);
    expect((await obs(db, 'filosofi_niveau_vie_median', 'france', 'FM', 2023))?.value).toBe(f92.metropole[0]);
    expect((await obs(db, 'filosofi_taux_pauvrete', 'france', 'FM', 2023))?.value).toBe(f92.metropole[1]);
  });

  it('aucun agrégat calculé : ni EPT, ni région, ni moyenne de communes', async () => {
    const rows = await db.all<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM observations WHERE indicator LIKE 'filosofi%' AND (aggregated OR level IN ('ept', 'epci', 'region'))`,
    );
    expect(rows[0]!.n).toBe(0);
    expect(await obs(db, 'filosofi_taux_pauvrete', 'france', 'FR')).toBeUndefined();
  });

  it('les 36 communes du 92 ont une valeur 2023', async () => {
    const rows = await db.all<{ n: number }>(
      `SELECT count(DISTINCT code)::INTEGER AS n FROM observations WHERE indicator = 'filosofi_niveau_vie_median'
       AND level = 'commune' AND year = 2023 AND code LIKE '92%' AND value IS NOT NULL`,
    );
    expect(rows[0]!.n).toBe(Object.keys(f92.c).length);
    expect(Object.keys(f92.c)).toHaveLength(36);
  });
});

describe('Filosofi 2017–2020 — bases INSEE des quartiers prioritaires (REVN_20xx.xlsx)', () => {
  const YEARS = [2017, 2018, 2019, 2020];
  const COLUMNS: [string, string][] = [
    ['DISP_Q2', 'filosofi_niveau_vie_median'],
    ['TP60', 'filosofi_taux_pauvrete'],
    ['DISP_D1D9', 'filosofi_rapport_interdecile'],
  ];

  it.each(['92050', '92036', '13001', '89387'])(
    '%s : série 2017–2020 (médiane, taux de pauvreté, D9/D1) égale aux feuilles COM',
    async (code) => {
      for (const year of YEARS) {
        const r = revn.get(year)!.get(code)!;
        expect(r, `${code} absent de la feuille ${year}`).toBeDefined();
        for (const [col, id] of COLUMNS) {
          expect(typeof r[col]).toBe('number');
          const o = await obs(db, id, 'commune', code, year);
          expect(o?.value, `${id} ${code} ${year}`).toBe(r[col]);
          expect(o?.flags).not.toContain('series_break');
          expect(o?.flags).not.toContain('derived');
          expect(o?.source_id).toBe(`filosofi-revn-${year}`);
        }
      }
    },
  );

  it('Nanterre : la rupture est signalée entre 2020 (REVN) et 2023 (Filosofi 2)', async () => {
    const rows = await db.all<{ year: number; flags: string[] }>(
      `SELECT year, flags FROM observations WHERE indicator = 'filosofi_taux_pauvrete' AND level = 'commune' AND code = '92050' ORDER BY year`,
    );
    expect(rows.map((r) => r.year)).toEqual([2017, 2018, 2019, 2020, 2023]);
    expect(rows.filter((r) => r.flags.includes('series_break')).map((r) => r.year)).toEqual([2023]);
  });

  it('les CODGEO regroupant plusieurs communes sont écartés et comptés', async () => {
    const sheet = revn.get(2020)!;
    const multi = [...sheet.keys()].filter((c) => c.length >= 10);
    expect(multi).toContain('9200492036');
    const src = await db.all<{ rows_read: number; rows_rejected: number }>(
      `SELECT rows_read, rows_rejected FROM sources WHERE id = 'filosofi-revn-2020'`,
    );
    expect(src[0]!.rows_read).toBe(sheet.size);
    expect(src[0]!.rows_rejected).toBeGreaterThanOrEqual(multi.length);
    const rows = await db.all<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM observations WHERE indicator LIKE 'filosofi%' AND length(code) >= 10`,
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('Saint-Denis (93066, fusionnée avec Pierrefitte 93059 en 2025) : valeur REVN de l’ancienne commune, signalée', async () => {
    const sheet = revn.get(2020)!;
    expect(sheet.has('93059')).toBe(true);
    const o = await obs(db, 'filosofi_taux_pauvrete', 'commune', '93066', 2020);
    expect(o?.value).toBe(sheet.get('93066')!.TP60);
    expect(o?.note).toMatch(/avant la fusion avec 93059/);
  });

  it('Neuilly (sans QPV, absente des REVN) : rapport interdécile 2020 masqué avec la raison', async () => {
    expect(revn.get(2020)!.has('92051')).toBe(false);
    const o = await obs(db, 'filosofi_rapport_interdecile', 'commune', '92051', 2020);
    expect(o?.value).toBeNull();
    expect(o?.flags).toContain('masked');
    expect(o?.note).toMatch(/QPV/);
    expect(await obs(db, 'filosofi_taux_pauvrete', 'commune', '92051', 2020)).toBeUndefined();
  });

  it('registre : rupture de série 2023 déclarée pour les trois indicateurs, agrégation « producer »', () => {
    for (const id of IDS) {
      expect(indicator(id).series_breaks?.map((b) => b.year)).toEqual([2023]);
      expect(indicator(id).aggregation).toBe('producer');
    }
    expect(indicator('filosofi_niveau_vie_median').unit).toBe('euros_an');
    expect(indicator('filosofi_rapport_interdecile').unit).toBe('ratio');
  });
});

describe('Filosofi — reconstruction d’une seule famille (territoire FM non dupliqué, conservé)', () => {
  it('npm run data -- --only filosofi sur une base existante', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'obs-filo-build-'));
    const path = join(tmp, 'observatoire.duckdb');
    copyFileSync(TEST_DB, path);
    try {
      const res = await build({ dbPath: path, mirror: MIRROR, only: 'filosofi', log: () => {} });
      expect(res.status).toBe('built');
      const d = await openDb(path, { readOnly: true });
      try {
        const t = await d.all<{ n: number }>(
          `SELECT count(*)::INTEGER AS n FROM territories WHERE level = 'france' AND code = 'FM'`,
        );
        expect(t[0]!.n).toBe(1);
        expect((await obs(d, 'filosofi_taux_pauvrete', 'france', 'FM', 2023))?.value).toBe(
          rouages('92').metropole[1],
        );
      } finally {
        d.close();
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 180_000);
});

// ---------------------------------------------------------------------------------------------
// Network formats and the REVN reader, on small synthetic fixtures

const FIXTURES = join(ROOT, 'test', 'fixtures', 'filosofi');
const dir = mkdtempSync(join(tmpdir(), 'obs-filosofi-'));
function resolved(res: Resource, path: string): ResolvedResource {
  return { ...res, path, origin: 'mirror', sha256: 'test', bytes: 0, retrievedAt: '' };
}
function write(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}
async function run(inputs: ResolvedResource[]) {
  const ctx: PipelineContext = { territories, resolve: async () => null, log: () => {} };
  return filosofiPipeline.run(ctx, new Map(inputs.map((r) => [r.id, r])));
}
const find = (rows: ObservationRow[], ind: string, level: string, code: string, year: number) =>
  rows.find((r) => r.indicator === ind && r.level === level && r.code === code && r.year === year);

describe('Filosofi 2023 — DS_FILOSOFI_CC_2023_data.csv (format long, fixture synthétique)', () => {
  const cc = FILOSOFI_OFFICIAL.cc2023;
  const fixture = join(FIXTURES, 'DS_FILOSOFI_CC_2023_data_synthetique.csv');

  it('communes, département, région, France métropolitaine ; valeurs officielles non retraitées, série rompue', async () => {
    const out = await run([resolved(cc, fixture)]);
    const med = find(out.observations!, 'filosofi_niveau_vie_median', 'commune', '92050', 2023)!;
    expect(med.value).toBe(24020);
    expect(med.flags).toContain('series_break');
    expect(med.flags).not.toContain('derived');
    expect(find(out.observations!, 'filosofi_taux_pauvrete', 'commune', '92050', 2023)?.value).toBe(24.3);
    expect(find(out.observations!, 'filosofi_rapport_interdecile', 'departement', '92', 2023)?.value).toBe(
      4.9,
    );
    expect(find(out.observations!, 'filosofi_taux_pauvrete', 'region', '11', 2023)?.value).toBe(16.1);
    expect(find(out.observations!, 'filosofi_taux_pauvrete', 'france', 'FM', 2023)?.value).toBe(15.9);
    expect(out.territories).toEqual([{ level: 'france', code: 'FM', name: 'France métropolitaine' }]);
  });

  it('CONF_STATUS C → masqué « secret statistique » ; OBS_STATUS O → masqué « valeur manquante »', async () => {
    const out = await run([resolved(cc, fixture)]);
    const secret = find(out.observations!, 'filosofi_taux_pauvrete', 'commune', '92047', 2023)!;
    expect(secret.value).toBeNull();
    expect(secret.flags).toContain('masked');
    expect(secret.note).toMatch(/secret statistique/);
    const missing = find(out.observations!, 'filosofi_taux_pauvrete', 'commune', '92051', 2023)!;
    expect(missing.value).toBeNull();
    expect(missing.note).toMatch(/OBS_STATUS O/);
  });

  it('arrondissements, zones d’emploi, autres mesures et millésimes antérieurs écartés avec leur raison', async () => {
    const out = await run([resolved(cc, fixture)]);
    const st = out.stats[cc.id]!;
    expect(Object.keys(st.rejected)).toEqual(
      expect.arrayContaining([
        'arrondissement municipal (un taux ne s’additionne pas ; la commune a sa propre valeur)',
        'niveau géographique non chargé (ZE2020)',
        'mesure non retenue',
        'millésime antérieur à Filosofi 2 (2021), non chargé depuis ce fichier',
      ]),
    );
    expect(st.rows_read).toBe(13);
    expect(st.rows_kept).toBe(9);
  });

  it('le fichier officiel passe avant l’extrait retraité pour la même commune', async () => {
    const r92 = FILOSOFI_ROUAGES_RESOURCES.find((r) => r.dep === '92')!;
    const out = await run([resolved(cc, fixture), resolved(r92, mirrorFile('filosofi', r92.file))]);
    expect(find(out.observations!, 'filosofi_niveau_vie_median', 'commune', '92050', 2023)?.source_id).toBe(
      cc.id,
    );
    // 92051: masked in the official fixture, published in the extract → the published value is kept.
    const neuilly = find(out.observations!, 'filosofi_taux_pauvrete', 'commune', '92051', 2023)!;
    expect(neuilly.value).toBe(rouages('92').c['92051']![1]);
  });

  const header = 'GEO;GEO_OBJECT;FILOSOFI_MEASURE;TIME_PERIOD;OBS_VALUE;OBS_STATUS;CONF_STATUS\n';
  it.each([
    [
      'texte dans une valeur',
      `${header}92050;COM;MED_SL;2023;abc;A;F\n`,
      /ligne 2, colonne « OBS_VALUE » : nombre attendu/,
    ],
    [
      'ligne en double',
      `${header}92050;COM;MED_SL;2023;1;A;F\n92050;COM;MED_SL;2023;1;A;F\n`,
      /ligne 3, colonne « GEO » : COM 92050 en double/,
    ],
    ['disposition inconnue', 'GEO;MESURE;VALEUR\n92050;MED_SL;1\n', /en-tête attendu introuvable/],
  ])('%s → erreur qui nomme fichier, ligne et colonne', async (_l, content, message) => {
    const p = write('cc.csv', content);
    await expect(run([resolved(cc, p)])).rejects.toThrowError(message);
    await expect(run([resolved(cc, p)])).rejects.toBeInstanceOf(InputError);
  });
});

describe('Filosofi 2021 — fichiers communaux FILO2021 (fixtures synthétiques)', () => {
  const disp = FILOSOFI_OFFICIAL.disp2021;
  const pauvres = FILOSOFI_OFFICIAL.pauvres2021;
  const inputs = () => [
    resolved(disp, join(FIXTURES, 'FILO2021_DISP_COM_synthetique.csv')),
    resolved(pauvres, join(FIXTURES, 'FILO2021_DISP_PAUVRES_COM_synthetique.csv')),
  ];

  it('médiane, D9/D1 (virgule décimale) et taux de pauvreté 2021, sans rupture de série', async () => {
    const out = await run(inputs());
    expect(find(out.observations!, 'filosofi_niveau_vie_median', 'commune', '92050', 2021)?.value).toBe(
      22310,
    );
    expect(find(out.observations!, 'filosofi_rapport_interdecile', 'commune', '92050', 2021)?.value).toBe(
      4.1,
    );
    const tp = find(out.observations!, 'filosofi_taux_pauvrete', 'commune', '92050', 2021)!;
    expect(tp.value).toBe(20.9);
    expect(tp.flags).toEqual([]);
  });

  it('« s » et « nd » → masqués avec leur raison, jamais 0 ; arrondissement écarté', async () => {
    const out = await run(inputs());
    const s = find(out.observations!, 'filosofi_taux_pauvrete', 'commune', '92047', 2021)!;
    expect(s.value).toBeNull();
    expect(s.flags).toContain('masked');
    expect(s.note).toMatch(/secret statistique \(s\)/);
    const nd = find(out.observations!, 'filosofi_niveau_vie_median', 'commune', '89002', 2021)!;
    expect(nd.value).toBeNull();
    expect(nd.note).toMatch(/non disponible \(nd\)/);
    expect(out.observations!.some((o) => o.code === '75101' || o.code === '75056')).toBe(false);
    expect(Object.keys(out.stats[disp.id]!.rejected)[0]).toMatch(/arrondissement municipal/);
  });

  it.each([
    [
      'texte dans une valeur',
      'CODGEO;Q221;RD21\n92050;22310;beaucoup\n',
      /ligne 2, colonne « RD21 » : nombre attendu/,
    ],
    [
      'code en double',
      'CODGEO;Q221;RD21\n92050;22310;4,1\n92050;22310;4,1\n',
      /ligne 3, colonne « CODGEO » : commune 92050 en double/,
    ],
    ['disposition inconnue', 'CODGEO;NBMEN21\n92050;40000\n', /disposition inconnue/],
  ])('%s → erreur qui nomme fichier, ligne et colonne', async (_l, content, message) => {
    const p = write('FILO2021_DISP_COM.csv', content);
    await expect(run([resolved(disp, p)])).rejects.toThrowError(message);
  });
});

describe('REVN — lecteur de classeur (classeurs synthétiques écrits avec exceljs)', () => {
  const res = REVN_RESOURCES.find((r) => r.filosofiYear === 2020)!;
  const CODES = ['CODGEO', 'LIBGEO', 'DISP_Q2', 'TP60', 'DISP_D1D9', 'NOTE_FILO', 'A'];
  async function workbook(
    name: string,
    rows: readonly (readonly unknown[])[],
    opts: { sheet?: string; codes?: readonly string[]; geo?: number } = {},
  ): Promise<string> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(opts.sheet ?? 'COM_2023');
    ws.addRow(['Fiche Revenus']);
    ws.addRow(['France métropolitaine - Communes contenant au moins un QPV']);
    ws.addRow([
      `Mise en ligne le 17/12/2024     Découpage géographique communal au 01/01/${opts.geo ?? 2023}`,
    ]);
    ws.addRow(['© Insee']);
    ws.addRow([
      'Code géographique',
      'Libellé',
      'Médiane',
      'Taux de pauvreté',
      'D9/D1',
      'Note',
      'Allocataires',
    ]);
    ws.addRow([...(opts.codes ?? CODES)]);
    for (const r of rows) ws.addRow([...r]);
    wb.addWorksheet('Documentation').addRow(['x']);
    const p = join(dir, name);
    await wb.xlsx.writeFile(p);
    return p;
  }

  it('valeurs lues, cellule vide masquée avec la raison NOTE_FILO, CODGEO multi-communes écarté', async () => {
    const p = await workbook('ok.xlsx', [
      ['92050', 'Nanterre', 21230, 20.4, 4.1, 0, 23405],
      ['92036', 'Gennevilliers', 17980, 27.1, 3.4, 1, 11955],
      ['92047', 'Marnes-la-Coquette', 46000, null, null, 3, 100],
      ['9200492036', 'Asnières-sur-Seine, Gennevilliers', 22640, 19.3, 4.7, 0, 29150],
    ]);
    const out = await run([resolved(res, p)]);
    expect(find(out.observations!, 'filosofi_niveau_vie_median', 'commune', '92050', 2020)?.value).toBe(
      21230,
    );
    expect(find(out.observations!, 'filosofi_rapport_interdecile', 'commune', '92050', 2020)?.value).toBe(
      4.1,
    );
    const masked = find(out.observations!, 'filosofi_taux_pauvrete', 'commune', '92047', 2020)!;
    expect(masked.value).toBeNull();
    expect(masked.flags).toContain('masked');
    expect(masked.note).toMatch(/NOTE_FILO 3 : non diffusé : seuil de diffusion/);
    expect(find(out.observations!, 'filosofi_taux_pauvrete', 'commune', '92036', 2020)?.note).toMatch(
      /précaution d’interprétation/,
    );
    expect(out.observations!.some((o) => o.code.length >= 10)).toBe(false);
    expect(out.stats[res.id]!.rejected).toEqual({
      'CODGEO regroupant plusieurs communes (QPV à cheval) : pas une commune': 1,
    });
  });

  it('commune fusionnée depuis : l’ancienne commune est écartée, la commune absorbante porte une note', async () => {
    const p = await workbook('fusion.xlsx', [
      ['93066', 'Saint-Denis', 18000, 36.5, 4.5, 0, 1],
      ['93059', 'Pierrefitte-sur-Seine', 17000, 33.1, 4.2, 0, 1],
    ]);
    const out = await run([resolved(res, p)]);
    expect(out.observations!.some((o) => o.code === '93059')).toBe(false);
    expect(find(out.observations!, 'filosofi_taux_pauvrete', 'commune', '93066', 2020)?.note).toMatch(
      /avant la fusion avec 93059/,
    );
    expect(Object.keys(out.stats[res.id]!.rejected)[0]).toMatch(/commune modifiée depuis/);
  });

  it.each([
    [
      'texte dans une valeur',
      [['92050', 'Nanterre', 'vingt mille', 20.4, 4.1, 0, 1]],
      {},
      /ligne 7, colonne « DISP_Q2 » : nombre attendu, trouvé « vingt mille »/,
    ],
    [
      'code en double',
      [
        ['92050', 'Nanterre', 21230, 20.4, 4.1, 0, 1],
        ['92050', 'Nanterre', 21230, 20.4, 4.1, 0, 1],
      ],
      {},
      /ligne 8, colonne « CODGEO » : commune 92050 en double/,
    ],
    [
      'disposition inconnue (codes absents en ligne 6)',
      [['92050', 'Nanterre', 21230, 20.4, 4.1, 0, 1]],
      { codes: ['CODGEO', 'LIBGEO', 'MEDIANE', 'TAUX', 'RAPPORT', 'NOTE', 'A'] },
      /ligne 6 : disposition inconnue.*DISP_Q2, TP60, DISP_D1D9/,
    ],
    ['feuille COM absente', [], { sheet: 'QPV' }, /feuille des communes .* introuvable/],
    [
      'millésime qui ne correspond pas',
      [['92050', 'Nanterre', 21230, 20.4, 4.1, 0, 1]],
      { geo: 2022 },
      /ligne 3 : géographie au 01\/01\/2022 : ce classeur ne correspond pas à Filosofi 2020/,
    ],
  ] as const)('%s → erreur qui nomme fichier, ligne et colonne', async (label, rows, opts, message) => {
    const p = await workbook(`bad-${label.replace(/\W+/g, '_')}.xlsx`, rows, opts);
    await expect(run([resolved(res, p)])).rejects.toThrowError(message);
    await expect(run([resolved(res, p)])).rejects.toBeInstanceOf(InputError);
  });
});

describe('Filosofi — choix entre fichiers', () => {
  const v = (over: Partial<FiloValue>): FiloValue => ({
    indicator: 'filosofi_taux_pauvrete',
    level: 'france',
    code: 'FM',
    year: 2023,
    parsed: { value: 15.9 },
    flags: ['derived'],
    sourceId: 'a',
    priority: 1,
    ...over,
  });

  it('la même valeur répétée dans deux extraits est gardée une fois ; deux valeurs différentes → erreur', () => {
    expect(chooseValues([v({}), v({ sourceId: 'b' })])).toHaveLength(1);
    expect(() => chooseValues([v({}), v({ sourceId: 'b', parsed: { value: 16 } })])).toThrowError(
      /15\.9 dans a/,
    );
  });

  it('une valeur publiée l’emporte sur une valeur masquée d’un autre fichier', () => {
    const rows = chooseValues([
      v({ priority: 0, parsed: { value: null, mask: 'secret' }, sourceId: 'off' }),
      v({ priority: 1, sourceId: 'der' }),
    ]);
    expect(rows[0]!.value).toBe(15.9);
    expect(rows[0]!.source_id).toBe('der');
  });
});
