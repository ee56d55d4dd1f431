import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db.js';
import { indicator } from '../../core/registry.js';
import { HAUTS_DE_SEINE } from '../../pipelines/checks.js';
import type { ObservationRow, PipelineOutput } from '../../pipelines/lib/pipeline.js';
import type { ResolvedResource } from '../../pipelines/lib/resources.js';
import {
  RPLS_DEPARTEMENTS_DERIVED,
  RPLS_EXTRACT,
  RPLS_WORKBOOKS,
  parseEnglishNumber,
  rplsPipeline,
} from '../../pipelines/rpls/index.js';
import { mirrorFile, obs, openTestDb, readMirrorCsv } from '../helpers.js';
import { fakeIndex, resolvedAt, tempDir } from './synthetic.js';

const EXTRACT = 'export_parc_logements_sociaux_jan_2024.csv';
const DERIVED = 'derived_RPLS_departements_2022_en.csv';
const COUNTS = [
  ['rpls_parc_social', 'nb_ls'],
  ['rpls_loues', 'nb_loues'],
  ['rpls_vacants', 'nb_vacants'],
] as const;

describe('RPLS — extrait 2024 du miroir chargé dans la base', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db.close());
  const rows = readMirrorCsv('rpls', EXTRACT, ',');
  const row = (code: string) => rows.find((r) => r.DEPCOM_ARM === code)!;

  it.each(['92050', '92036', '92051', '13001', '89387'])(
    '%s : parc social, logements loués et vacants au 1er janvier 2024 égaux à la ligne du fichier',
    async (code) => {
      const r = row(code);
      for (const [ind, col] of COUNTS) {
        expect(r[col]).toMatch(/^\d+$/);
        const o = await obs(db, ind, 'commune', code, 2024);
        expect(o?.value, `${ind} ${code}`).toBe(Number(r[col]));
        expect(o?.flags).not.toContain('derived');
        expect(o?.source_id).toBe('rpls-communes-2024-extrait');
      }
    },
  );

  it('Paris 75056 = somme des 20 arrondissements lus dans le fichier', async () => {
    const arr = rows.filter((r) => /^751\d\d$/.test(r.DEPCOM_ARM!));
    expect(arr).toHaveLength(20);
    for (const [ind, col] of COUNTS) {
      const o = await obs(db, ind, 'commune', '75056', 2024);
      expect(o?.value).toBe(arr.reduce((a, r) => a + Number(r[col]), 0));
      expect(o?.note).toMatch(/somme des 20 arrondissements/);
    }
    // Arrondissement codes themselves are not territories of the observatory.
    expect(await obs(db, 'rpls_parc_social', 'commune', '75101', 2024)).toBeUndefined();
  });

  it('Hauts-de-Seine : 36 communes, totaux départementaux = somme des lignes 92 du fichier', async () => {
    const dep = rows.filter((r) => r.DEPCOM_ARM!.startsWith('92'));
    expect(dep.map((r) => r.DEPCOM_ARM).sort()).toEqual(HAUTS_DE_SEINE);
    for (const [ind, col] of COUNTS) {
      const total = dep.reduce((a, r) => a + Number(r[col]), 0);
      const o = await obs(db, ind, 'departement', '92', 2024);
      expect(o?.value, ind).toBe(total);
      expect(o?.flags).not.toContain('partial');
    }
    // The provenance note's check: 207 502 social dwellings in the 92.
    expect((await obs(db, 'rpls_parc_social', 'departement', '92', 2024))?.value).toBe(207502);
  });

  it('une cellule vide reste une valeur manquante avec sa raison, jamais 0, et le total est signalé partiel', async () => {
    const known = new Set(
      (await db.all<{ code: string }>(`SELECT code FROM territories WHERE level = 'commune'`)).map(
        (r) => r.code,
      ),
    );
    const empty = rows.find((r) => r.nb_loues === '' && known.has(r.DEPCOM_ARM!))!;
    expect(empty).toBeDefined();
    const o = await obs(db, 'rpls_loues', 'commune', empty.DEPCOM_ARM!, 2024);
    expect(o?.value).toBeNull();
    expect(o?.flags).toContain('masked');
    expect(o?.note).toMatch(/cellule vide/);
    // The same row's nb_ls is filled and loaded.
    expect((await obs(db, 'rpls_parc_social', 'commune', empty.DEPCOM_ARM!, 2024))?.value).toBe(
      Number(empty.nb_ls),
    );
    const dep = await db.all<{ departement: string }>(
      `SELECT departement FROM territories WHERE level = 'commune' AND code = $code`,
      { code: empty.DEPCOM_ARM! },
    );
    const agg = await obs(db, 'rpls_loues', 'departement', dep[0]!.departement, 2024);
    expect(agg?.flags).toContain('partial');
  });

  it('la source est décrite comme un extrait de 10 colonnes, sans drapeau « retraité »', async () => {
    const src = await db.all<{ kind: string; notes: string; vintage: string; rows_read: number }>(
      `SELECT kind, notes, vintage, rows_read FROM sources WHERE id = 'rpls-communes-2024-extrait'`,
    );
    expect(src[0]?.kind).toBe('official');
    expect(src[0]?.notes).toMatch(/10 premières colonnes/);
    expect(src[0]?.vintage).toBe('parc au 1er janvier 2024');
    expect(src[0]?.rows_read).toBe(rows.length);
  });

  it('sans le classeur officiel, aucun taux ni loyer communal n’est inventé', async () => {
    const n = await db.all<{ n: number }>(
      `SELECT count(*) AS n FROM observations WHERE indicator IN ('rpls_taux_vacance', 'rpls_taux_mobilite', 'rpls_part_plai')`,
    );
    expect(Number(n[0]!.n)).toBe(0);
    for (const id of ['rpls_taux_vacance', 'rpls_taux_mobilite', 'rpls_loyer_moyen_m2'])
      expect(indicator(id).aggregation).toBe('producer');
    expect(indicator('rpls_part_plai').aggregation).toBe('ratio');
  });
});

describe('RPLS — fichier départemental retraité (loyer moyen)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db.close());
  // The header has two empty names: read positionally, independently of the pipeline's reader.
  const records = parse(readFileSync(mirrorFile('rpls', DERIVED), 'utf8'), { delimiter: ',' }) as string[][];
  const header = records[0]!;
  const raw = records.slice(1);
  const rentIdx = header.findIndex((h) => h.startsWith('Average rent'));
  const rentOf = (code: string) => Number(raw.find((r) => r[0] === code)![rentIdx]);

  it.each([
    ['92', 'departement', '92'],
    ['13', 'departement', '13'],
    ['89', 'departement', '89'],
    ['F', 'france', 'FR'],
  ])(
    'ligne %s : loyer moyen égal au fichier, daté du 1er janvier 2023 (pas 2022), du côté « après » la rupture de 2023',
    async (c, level, code) => {
      const o = await obs(db, 'rpls_loyer_moyen_m2', level, code, 2023);
      expect(o?.value).toBe(rentOf(c));
      expect(o?.flags).toContain('derived');
      expect(o?.flags).toContain('series_break');
      expect(o?.note).toMatch(/1er janvier 2023/);
      expect(await obs(db, 'rpls_loyer_moyen_m2', level, code, 2022)).toBeUndefined();
    },
  );

  it('les lignes P et M sont écartées et comptées ; la date vérifiée est dans la source et le registre', async () => {
    const src = await db.all<{
      rows_read: number;
      rows_kept: number;
      rows_rejected: number;
      vintage: string;
    }>(
      `SELECT rows_read, rows_kept, rows_rejected, vintage FROM sources WHERE id = 'rpls-departements-derive'`,
    );
    expect(src[0]).toMatchObject({ rows_read: raw.length, rows_kept: raw.length - 2, rows_rejected: 2 });
    expect(src[0]?.vintage).toMatch(/1er janvier 2023/);
    expect(indicator('rpls_loyer_moyen_m2').caveats.join(' ')).toMatch(
      /au 1er janvier 2023 malgré le « 2022 »/,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Synthetic inputs: every bad-input case the pipeline handles.

const NAMES = [
  'DEPCOM_ARM',
  'REG',
  'DEP',
  'LIBCOM',
  'nb_loues',
  'nb_vacants',
  'nb_ls',
  'nb_ls_plai',
  'nb_ls2023',
  'nb_ls2023',
  'nb_ls2022',
  'tx_vac',
  'tx_vac_2023',
  'tx_vac_3_2023',
  'tx_mob',
  'tx_mob_2023',
  'loymoy',
  'loymoy_2023',
  'loymoy_2022',
];
type Cell = string | number | null | { formula: string; result: number };
const DATA: Cell[][] = [
  [
    '75101',
    11,
    75,
    'Paris 1er',
    1097,
    17,
    1145,
    100,
    1140,
    1141,
    1130,
    1.5,
    1.4,
    0.5,
    4.2,
    4.4,
    7.81,
    7.7,
    7.6,
  ],
  ['75102', 11, 75, 'Paris 2e', 658, 16, 704, 60, 700, 701, 690, 2.2, 2.0, 0.9, 5.0, 5.1, 8.02, 7.9, 7.8],
  [
    '92050',
    11,
    92,
    'Nanterre',
    19469,
    516,
    21264,
    2100,
    21000,
    21001,
    20800,
    2.6,
    2.4,
    1.1,
    6.1,
    6.3,
    6.95,
    6.8,
    6.7,
  ],
  [
    '92036',
    11,
    92,
    'Gennevilliers',
    10896,
    204,
    11882,
    1500,
    11800,
    11801,
    11700,
    's',
    null,
    0.7,
    5.5,
    5.6,
    6.5,
    6.4,
    6.3,
  ],
  [
    89387,
    27,
    89,
    'Sens',
    900,
    30,
    { formula: '1000+1', result: 1001 },
    80,
    990,
    991,
    980,
    3.2,
    3.0,
    1.2,
    8.0,
    8.1,
    5.9,
    5.8,
    5.7,
  ],
  [
    'Source : SDES, RPLS au 1er janvier 2024 (fichier synthétique)',
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
  ],
];

async function writeWorkbook(
  path: string,
  opts: { sheet?: string; headerRow?: number; names?: string[]; data?: Cell[][] } = {},
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('INFORMATIONS').getCell(1, 1).value = 'Résultats RPLS — classeur synthétique de test';
  const ws = wb.addWorksheet(opts.sheet ?? 'COMMUNES');
  ws.getCell(1, 1).value = 'Localisation';
  ws.getCell(1, 5).value = 'Parc locatif social au 1er janvier';
  ws.getCell(2, 9).value = 'Évolution du parc';
  ws.getCell(3, 12).value = 'Vacance et mobilité';
  ws.getCell(4, 17).value = 'Loyers (€/m²)';
  const headerRow = opts.headerRow ?? 6;
  (opts.names ?? NAMES).forEach((n, i) => (ws.getCell(headerRow, i + 1).value = n));
  (opts.data ?? DATA).forEach((r, j) =>
    r.forEach((v, i) => {
      if (v !== null) ws.getCell(7 + j, i + 1).value = v;
    }),
  );
  await wb.xlsx.writeFile(path);
}

const ctx = { territories: fakeIndex(), log: () => {}, resolve: async () => null };

async function run(inputs: ResolvedResource[]): Promise<PipelineOutput> {
  return rplsPipeline.run(ctx, new Map(inputs.map((r) => [r.id, r])));
}

function find(
  out: PipelineOutput,
  indicatorId: string,
  code: string,
  year: number,
): ObservationRow | undefined {
  return out.observations!.find(
    (o) => o.indicator === indicatorId && o.code === code && o.year === year && o.level === 'commune',
  );
}

const HEADER =
  'DEPCOM_ARM,LIBCOM_DEP,LIBCOM,nb_loues,nb_vacants,nb_vides,nb_asso,nb_occup_finan,nb_occup_temp,nb_ls';
const csv = (...lines: string[]) => `\ufeff${[HEADER, ...lines].join('\r\n')}\r\n`;

describe('RPLS — classeur officiel synthétique (feuille COMMUNES, noms en ligne 6)', () => {
  const dir = tempDir('rpls-wb-');
  const wb2024 = RPLS_WORKBOOKS.find((r) => r.id === 'rpls-resultats-2024')!;
  let out: PipelineOutput;
  beforeAll(async () => {
    const wb = resolvedAt(dir, wb2024);
    await writeWorkbook(wb.path);
    // The 10-column extract gives another 2024 value for Nanterre: the workbook must win.
    const ex = resolvedAt(
      dir,
      RPLS_EXTRACT,
      csv(
        '92050,Nanterre (92),Nanterre,1,1,0,0,0,0,99999',
        '92051,Neuilly (92),Neuilly,1249,8,3,3,85,0,1348',
      ),
    );
    out = await run([wb, ex]);
  });

  it('colonnes de l’année du classeur : parc, taux, loyer et part PLAI de Nanterre égaux aux cellules', () => {
    const nan = DATA[2]!;
    expect(find(out, 'rpls_parc_social', '92050', 2024)).toMatchObject({
      value: nan[6],
      source_id: 'rpls-resultats-2024',
    });
    expect(find(out, 'rpls_loues', '92050', 2024)?.value).toBe(nan[4]);
    expect(find(out, 'rpls_vacants', '92050', 2024)?.value).toBe(nan[5]);
    expect(find(out, 'rpls_plai', '92050', 2024)?.value).toBe(nan[7]);
    expect(find(out, 'rpls_taux_vacance', '92050', 2024)?.value).toBe(nan[11]);
    expect(find(out, 'rpls_taux_mobilite', '92050', 2024)?.value).toBe(nan[14]);
    expect(find(out, 'rpls_loyer_moyen_m2', '92050', 2024)?.value).toBe(nan[16]);
    const plai = find(out, 'rpls_part_plai', '92050', 2024)!;
    expect(plai.value).toBeCloseTo((100 * 2100) / 21264, 12);
    expect(plai).toMatchObject({ numerator: 2100, denominator: 21264 });
    // A commune present only in the extract keeps the extract's value.
    expect(find(out, 'rpls_parc_social', '92051', 2024)).toMatchObject({
      value: 1348,
      source_id: 'rpls-communes-2024-extrait',
    });
  });

  it('Paris : effectifs sommés sur les arrondissements, taux non recalculés (manquants avec raison)', () => {
    expect(find(out, 'rpls_parc_social', '75056', 2024)?.value).toBe(1145 + 704);
    expect(find(out, 'rpls_parc_social', '75056', 2024)?.note).toMatch(/somme des 2 arrondissements/);
    const tx = find(out, 'rpls_taux_vacance', '75056', 2024)!;
    expect(tx.value).toBeNull();
    expect(tx.flags).toContain('masked');
    expect(tx.note).toMatch(/arrondissements municipaux.*non recalculable/);
    expect(find(out, 'rpls_loyer_moyen_m2', '75056', 2024)?.value).toBeNull();
    const plai = find(out, 'rpls_part_plai', '75056', 2024)!;
    expect(plai).toMatchObject({ numerator: 160, denominator: 1849 });
    expect(plai.value).toBeCloseTo((100 * 160) / 1849, 12);
  });

  it('cellule « s » et cellule vide : valeurs manquantes avec leur raison, jamais 0', () => {
    const s = find(out, 'rpls_taux_vacance', '92036', 2024)!;
    expect(s.value).toBeNull();
    expect(s.flags).toContain('masked');
    expect(s.note).toMatch(/secret statistique/);
    const empty = find(out, 'rpls_taux_vacance', '92036', 2023)!;
    expect(empty.value).toBeNull();
    expect(empty.note).toMatch(/cellule vide/);
  });

  it('séries longues : années antérieures lues, colonne en double écartée avec une note, tx_vac_3 non confondu', () => {
    expect(find(out, 'rpls_parc_social', '92050', 2022)?.value).toBe(20800);
    expect(find(out, 'rpls_parc_social', '92050', 2023)).toBeUndefined();
    expect(out.stats['rpls-resultats-2024']!.notes!.join(' ')).toMatch(/nb_ls2023/);
    expect(find(out, 'rpls_taux_vacance', '92050', 2023)?.value).toBe(2.4);
    expect(find(out, 'rpls_taux_mobilite', '92050', 2023)?.value).toBe(6.3);
    expect(find(out, 'rpls_loyer_moyen_m2', '92050', 2022)?.value).toBe(6.7);
  });

  it('rupture de série du loyer en 2023 signalée sur les valeurs de 2023 seulement', () => {
    expect(find(out, 'rpls_loyer_moyen_m2', '92050', 2023)?.flags).toContain('series_break');
    expect(find(out, 'rpls_loyer_moyen_m2', '92050', 2024)?.flags).not.toContain('series_break');
    expect(find(out, 'rpls_parc_social', '92050', 2023)?.flags ?? []).not.toContain('series_break');
  });

  it('code numérique et formule : 89387 lu, résultat de la formule retenu ; ligne de note écartée et comptée', () => {
    expect(find(out, 'rpls_parc_social', '89387', 2024)?.value).toBe(1001);
    const st = out.stats['rpls-resultats-2024']!;
    expect(st.rows_kept).toBe(5);
    expect(Object.values(st.rejected)).toEqual([1]);
  });

  it('mise en page inconnue : feuille COMMUNES absente → erreur claire', async () => {
    const r = resolvedAt(tempDir('rpls-wb-bad-'), wb2024);
    await writeWorkbook(r.path, { sheet: 'Communes 2024' });
    await expect(run([r])).rejects.toThrowError(
      /resultats_rpls_2024_v4\.xlsx : feuille « COMMUNES » \(mise en page du classeur RPLS\) introuvable \(feuilles trouvées : INFORMATIONS, Communes 2024\)/,
    );
  });

  it('mise en page inconnue : noms techniques absents de la ligne 6 → erreur qui nomme la ligne', async () => {
    const r = resolvedAt(tempDir('rpls-wb-bad-'), wb2024);
    await writeWorkbook(r.path, { headerRow: 5 });
    await expect(run([r])).rejects.toThrowError(
      /\(feuille COMMUNES\), ligne 6 : noms techniques attendus en ligne 6 introuvables \(depcom_arm, nb_ls\)/,
    );
  });

  it('texte dans un effectif du classeur → erreur qui nomme feuille, ligne et colonne', async () => {
    const r = resolvedAt(tempDir('rpls-wb-bad-'), wb2024);
    const data = DATA.map((row) => [...row]);
    data[2]![6] = 'environ 21 000';
    await writeWorkbook(r.path, { data });
    await expect(run([r])).rejects.toThrowError(
      /\(feuille COMMUNES\), ligne 9, colonne « nb_ls » : nombre attendu, trouvé « environ 21 000 »/,
    );
  });

  it('commune en double dans le classeur → erreur', async () => {
    const r = resolvedAt(tempDir('rpls-wb-bad-'), wb2024);
    await writeWorkbook(r.path, { data: [DATA[2]!, DATA[2]!] });
    await expect(run([r])).rejects.toThrowError(/ligne 8, colonne « DEPCOM_ARM » : commune 92050 en double/);
  });

  it('taux tous compris entre 0 et 1 sur une colonne entière → fractions refusées', async () => {
    const r = resolvedAt(tempDir('rpls-wb-bad-'), wb2024);
    const data = Array.from({ length: 60 }, (_v, i) => {
      const row = [...DATA[2]!];
      row[0] = `920${String(i).padStart(2, '0')}`;
      row[11] = 0.026;
      return row;
    });
    await writeWorkbook(r.path, { data });
    await expect(run([r])).rejects.toThrowError(/colonne « tx_vac » : les \d+ taux .* fractions/);
  });
});

describe('RPLS — extrait CSV synthétique : cas d’entrée invalides', () => {
  const run1 = (content: string) => run([resolvedAt(tempDir('rpls-csv-'), RPLS_EXTRACT, content)]);

  it('cellule vide et « n.d. » : valeurs manquantes documentées ; arrondissement manquant → Paris manquant', async () => {
    const out = await run1(
      csv(
        '92050,Nanterre (92),Nanterre,,n.d.,0,0,0,0,21264',
        '75101,Paris (75),Paris,,17,10,9,12,0,1145',
        '75102,Paris (75),Paris,658,16,9,13,8,0,704',
        '92999,Ancienne (92),Ancienne,5,1,0,0,0,0,7',
      ),
    );
    const loues = find(out, 'rpls_loues', '92050', 2024)!;
    expect(loues.value).toBeNull();
    expect(loues.note).toMatch(/cellule vide/);
    expect(find(out, 'rpls_vacants', '92050', 2024)?.note).toMatch(/non disponible \(n\.d\.\)/);
    const paris = find(out, 'rpls_loues', '75056', 2024)!;
    expect(paris.value).toBeNull();
    expect(paris.flags).toContain('masked');
    expect(paris.note).toMatch(/valeur absente pour 75101/);
    expect(find(out, 'rpls_vacants', '75056', 2024)?.value).toBe(33);
    // Old code 92999 merged into 92050 (fake crosswalk): counts summed, a masked part masks the sum.
    expect(find(out, 'rpls_parc_social', '92050', 2024)?.value).toBe(21264 + 7);
    expect(find(out, 'rpls_loues', '92050', 2024)?.value).toBeNull();
  });

  it('commune en double → erreur qui nomme la ligne et la colonne', async () => {
    await expect(
      run1(csv('92050,Nanterre (92),Nanterre,1,1,0,0,0,0,2', '92050,Nanterre (92),Nanterre,1,1,0,0,0,0,2')),
    ).rejects.toThrowError(
      /export_parc_logements_sociaux_jan_2024\.csv, ligne 3, colonne « DEPCOM_ARM » : commune 92050 en double \(déjà ligne 2\)/,
    );
  });

  it('texte ou décimal dans un effectif → erreur qui nomme la ligne et la colonne', async () => {
    await expect(run1(csv('92050,Nanterre (92),Nanterre,1,1,0,0,0,0,beaucoup'))).rejects.toThrowError(
      /ligne 2, colonne « nb_ls » : nombre attendu, trouvé « beaucoup »/,
    );
    await expect(run1(csv('92050,Nanterre (92),Nanterre,1,2.5,0,0,0,0,3'))).rejects.toThrowError(
      /ligne 2, colonne « nb_vacants » : effectif entier attendu/,
    );
  });

  it('Paris sous son code et par arrondissement → erreur (double compte)', async () => {
    await expect(
      run1(csv('75056,Paris,Paris,1,1,0,0,0,0,2', '75101,Paris (75),Paris,1,1,0,0,0,0,2')),
    ).rejects.toThrowError(/commune 75056 présente à la fois sous son code et par arrondissement/);
  });

  it('code inconnu du COG 2025 : ligne écartée et comptée', async () => {
    const out = await run1(
      csv('92050,Nanterre (92),Nanterre,1,1,0,0,0,0,2', '99999,Nulle part,X,1,1,0,0,0,0,2'),
    );
    expect(out.stats[RPLS_EXTRACT.id]!.rejected).toEqual({ 'code commune inconnu du COG 2025 (99999)': 1 });
  });
});

describe('RPLS — fichier départemental retraité synthétique', () => {
  const head =
    ',,"Number of social housing units by 10,000 residents",Share of single-family social housing (in %),Share of multi-family social housing (in %),Average rent by square meter (in )';
  const run1 = (...lines: string[]) =>
    run([resolvedAt(tempDir('rpls-dep-'), RPLS_DEPARTEMENTS_DERIVED, [head, ...lines].join('\n') + '\n')]);

  it('« 1,263 » (milliers à l’anglaise) et « 7.55 » lus ; P et M écartés et comptés', async () => {
    expect(parseEnglishNumber('1,263', { file: 'f' }).value).toBe(1263);
    expect(parseEnglishNumber('8.60', { file: 'f' }).value).toBe(8.6);
    const out = await run1(
      '92,Hauts-de-Seine,"1,263",0.9,99.1,7.55',
      'P,France métropolitaine hors Île-de-France,700,19.8,80.2,5.89',
      'M,France métropolitaine,781,15.3,84.7,6.27',
      'F,France,782,15.2,84.8,6.27',
      '13,Bouches-du-Rhône,"1,001",5.0,95.0,',
    );
    const o = out.observations!;
    expect(o.find((x) => x.code === '92')).toMatchObject({ level: 'departement', value: 7.55, year: 2023 });
    expect(o.find((x) => x.code === 'FR')).toMatchObject({ level: 'france', value: 6.27 });
    expect(o.find((x) => x.code === '13')).toMatchObject({ value: null });
    expect(o.find((x) => x.code === '13')!.flags.sort()).toEqual(['derived', 'masked', 'series_break']);
    expect(o).toHaveLength(3);
    const st = out.stats[RPLS_DEPARTEMENTS_DERIVED.id]!;
    expect(Object.values(st.rejected)).toEqual([2]);
    expect(st.rows_kept).toBe(3);
  });

  it('séparateur ambigu « 1,26 », texte, ou département en double → erreur', async () => {
    await expect(run1('92,Hauts-de-Seine,"1,26",0.9,99.1,7.55')).rejects.toThrowError(
      /ligne 2, colonne « Number of social housing units by 10,000 residents » : nombre au format anglais attendu/,
    );
    await expect(run1('92,Hauts-de-Seine,1263,0.9,99.1,n/a')).rejects.toThrowError(
      /ligne 2, colonne « Average rent by square meter \(in \) » : nombre attendu, trouvé « n\/a »/,
    );
    await expect(
      run1('92,Hauts-de-Seine,1263,0.9,99.1,7.55', '92,Hauts-de-Seine,1263,0.9,99.1,7.55'),
    ).rejects.toThrowError(/ligne 3, colonne « code \(1re colonne\) » : territoire 92 en double/);
  });
});
