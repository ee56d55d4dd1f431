/**
 * The DRIHL socle workbook reader (network mode) on small workbooks written here with exceljs, with
 * the labels documented in `sne/PROVENANCE.md` § 0 (no official workbook is in the mirror): columns in
 * another order than documented, « - » cells, a proportion column, Paris's residual commune row; then
 * a renamed column, a missing sheet, a label of another vintage and a non-numeric cell (clear errors);
 * then the official address served over a fake fetch, and the whole `sne` module: a socle vintage
 * replaces the published figure of the same year.
 */
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db.js';
import { loadTerritoryIndex } from '../../pipelines/build.js';
import { InputError } from '../../pipelines/lib/errors.js';
import { emptyStats, type ObservationRow, type TerritoryIndex } from '../../pipelines/lib/pipeline.js';
import { resolveResource, type ResolvedResource } from '../../pipelines/lib/resources.js';
import { SNE_CURATED, snePipeline, socleWorkbook } from '../../pipelines/sne/index.js';
import { socleObservations } from '../../pipelines/sne/observations.js';
import { readSocleWorkbook } from '../../pipelines/sne/socle.js';
import { openTestDb } from '../helpers.js';

let db: Db;
let index: TerritoryIndex;
beforeAll(async () => {
  db = await openTestDb();
  index = await loadTerritoryIndex(db);
});
afterAll(() => db.close());

const dir = mkdtempSync(join(tmpdir(), 'obs-socle-'));

/** Documented labels, in another order than the provenance lists them (the reader goes by label). */
const HEADER = [
  'Niveau géographique',
  'Nom',
  'Code',
  'Code dep',
  'Nombre total de demandes ciblant le territoire',
  'Nombre d’attributions en 2023',
  'Nombre de demandes ciblant le territoire en choix 1 au 31/12/2023',
  'Nombre de demandes pour une attribution',
  'Délai médian d’attribution (en mois)',
  'Part des ménages ayant déposé leur demande il y a au moins 5 ans',
  'Nombre de demandes pour une attribution - T1',
  'Nombre de demandes pour une attribution - T3',
];
type Cell = string | number;
/** niveau, nom, code, dep, total, attributions, demandes, ratio, délai, part (proportion), T1, T3 */
const ROWS: Cell[][] = [
  ['Région', 'Île-de-France', '11', '', 1_500_000, 65_000, 900_000, 13.8, 30.2, 0.215, 28, 9.1],
  ['Département', 'Paris', '75', '', 350_000, 9_000, 200_000, 22.2, 34.5, 0.26, 37, 15],
  ['Département', 'Hauts-de-Seine', 92, '', 250_000, 10_500, 130_000, 12.4, 31.2, 0.231, 24, 9.4],
  // Paris's own commune row holds only the demands without an arrondissement.
  ['Commune', 'Paris', '75056', '75', 70_000, 0, 70_000, '-', '-', 0.3, '-', '-'],
  ['Commune', 'Paris 1er Arrondissement', '75101', '75', 4_000, 30, 2_400, 80, 35, 0.31, 170, 50],
  ['Commune', 'Meudon', 92048, '92', 9_000, 260, 2_300, 8.8, 27.1, 0.2, 16.5, 7.2],
  ['Commune', 'Nanterre', '92050', '92', 40_000, 800, 13_000, 16.3, 43, 0.22, 36, 9],
  ['Commune', 'Asnières-sur-Seine', '92004', '92', 12_000, '-', 4_000, '-', '-', 0.25, '-', '-'],
  ['Commune', 'Neuilly-sur-Seine', '92051', '92', '9 100', 170, '2 426', '14,3', '36,411', 0.275, '-', 7.6],
];
const COL = Object.fromEntries(
  ['niveau', 'nom', 'code', 'dep', 'total', 'att', 'dem', 'ratio', 'delai', 'part', 't1', 't3'].map(
    (k, i) => [k, i],
  ),
) as Record<string, number>;

async function writeWorkbook(
  path: string,
  opts: { sheet?: string; header?: string[]; rows?: Cell[][] } = {},
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Notes').addRow(['Source : Infocentre SNE, traitements DRIHL/SOEE']);
  const ws = wb.addWorksheet(opts.sheet ?? 'Ensemble');
  ws.addRow(['Socle de données demandes et attributions de logements sociaux — 2023']);
  ws.addRow([]);
  ws.addRow(opts.header ?? HEADER);
  for (const r of opts.rows ?? ROWS) ws.addRow(r);
  ws.addRow(['Source : DRIHL Île-de-France']);
  await wb.xlsx.writeFile(path);
}

const num = (c: Cell): number | null =>
  c === '-' ? null : typeof c === 'number' ? c : Number(c.replace(/\s/g, '').replace(',', '.'));
const get = (obs: ObservationRow[], indicator: string, level: string, code: string, year = 2023) =>
  obs.find((o) => o.indicator === indicator && o.level === level && o.code === code && o.year === year);

describe('classeur officiel du socle DRIHL : lecture par libellés', () => {
  it('lit chaque ligne dans des colonnes dans le désordre ; « - » reste manquant ; part convertie en %', async () => {
    const path = join(dir, 'socle_demandes_attributions_2023.xlsx');
    await writeWorkbook(path);
    const st = emptyStats();
    const table = await readSocleWorkbook(path, 'socle_demandes_attributions_2023.xlsx', 2023, st);
    expect(table.file).toBe('socle_demandes_attributions_2023.xlsx, feuille « Ensemble »');
    expect(table.rows).toHaveLength(ROWS.length);
    expect(st.rows_read).toBe(ROWS.length + 1);
    expect(Object.keys(st.rejected)).toEqual(['ligne sans code de territoire (titre, total ou note)']);
    for (const r of ROWS) {
      const row = table.rows.find((x) => x.code === String(r[COL.code!]))!;
      expect(row.cells.demandes.value).toBe(num(r[COL.dem!]!));
      expect(row.cells.attributions.value).toBe(num(r[COL.att!]!));
      expect(row.cells.tension.value).toBe(num(r[COL.ratio!]!));
      expect(row.cells.delai.value).toBe(num(r[COL.delai!]!));
      expect(row.cells.anc5.value).toBeCloseTo(100 * num(r[COL.part!]!)!, 9);
      expect(row.cells.t1.value).toBe(num(r[COL.t1!]!));
      expect(row.cells.t3.value).toBe(num(r[COL.t3!]!));
    }
    // the total of all choices (duplicates across communes) is never read
    expect(table.rows.some((x) => x.cells.demandes.value === 1_500_000)).toBe(false);

    const obs = socleObservations(table, 'drihl-socle-2023', index, st, { flags: [], extract: false });
    const asnieres = get(obs, 'sne_attributions', 'commune', '92004')!;
    expect(asnieres.value).toBeNull();
    expect(asnieres.flags).toContain('masked');
    expect(asnieres.note).toMatch(/moins de 10/);
    expect(get(obs, 'sne_demandes_par_attribution', 'commune', '92004')?.value).toBeNull();
    expect(get(obs, 'sne_demandes_choix1', 'commune', '92004')?.value).toBe(4000);
    const meudon = get(obs, 'sne_demandes_par_attribution', 'commune', '92048')!;
    expect([meudon.value, meudon.numerator, meudon.denominator]).toEqual([8.8, 2300, 260]);
    // Paris: the département row, never the residual commune row nor the arrondissements added to it
    expect(get(obs, 'sne_demandes_choix1', 'commune', '75056')?.value).toBe(200_000);
    expect(get(obs, 'sne_attributions', 'commune', '75056')?.value).toBe(9_000);
    expect(get(obs, 'sne_delai_median_mois', 'commune', '75056')?.value).toBe(34.5);
    expect(obs.some((o) => o.code.startsWith('751'))).toBe(false);
    expect(st.notes?.join(' ')).toMatch(/70000 demandes sans arrondissement précisé/);
    expect(get(obs, 'sne_demandes_choix1', 'departement', '92')?.value).toBe(130_000);
    expect(get(obs, 'sne_demandes_choix1', 'region', '11')?.value).toBe(900_000);
    // EPT and EPCI: only those whose every commune is in the table — here the EPT Paris (one commune)
    const groups = obs.filter((o) => o.level === 'ept' || o.level === 'epci');
    expect(new Set(groups.map((o) => `${o.level} ${o.code}`))).toEqual(new Set(['ept 217500016']));
    expect(get(obs, 'sne_demandes_choix1', 'ept', '217500016')?.value).toBe(200_000);
    expect(get(obs, 'sne_demandes_par_attribution', 'ept', '217500016')?.value).toBeCloseTo(
      200_000 / 9_000,
      12,
    );
    expect(get(obs, 'sne_delai_median_mois', 'ept', '217500016')).toBeUndefined();
  });

  it('colonne renommée : erreur qui nomme le fichier, la feuille, la ligne et le libellé attendu', async () => {
    const path = join(dir, 'renomme.xlsx');
    const header = HEADER.map((h) => (h.startsWith('Délai') ? 'Délai médian (mois)' : h));
    await writeWorkbook(path, { header });
    const err = await readSocleWorkbook(path, 'renomme.xlsx', 2023, emptyStats()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(
      /^renomme\.xlsx, feuille « Ensemble », ligne 3 : mise en page du socle DRIHL non reconnue : colonne introuvable « Délai médian d’attribution \(en mois\) » \(libellés trouvés : .*« Délai médian \(mois\) »/,
    );
  });

  it('feuille absente, millésime d’un autre classeur, cellule non numérique : erreurs localisées', async () => {
    const a = join(dir, 'feuille.xlsx');
    await writeWorkbook(a, { sheet: 'Données' });
    await expect(readSocleWorkbook(a, 'feuille.xlsx', 2023, emptyStats())).rejects.toThrowError(
      /^feuille\.xlsx : feuille « Ensemble » introuvable \(feuilles du classeur : « Notes », « Données »\)/,
    );
    const b = join(dir, 'millesime.xlsx');
    await writeWorkbook(b, { header: HEADER.map((h) => h.replace('31/12/2023', '31/12/2022')) });
    await expect(readSocleWorkbook(b, 'millesime.xlsx', 2023, emptyStats())).rejects.toThrowError(
      /^millesime\.xlsx, feuille « Ensemble », ligne 3, colonne « Nombre de demandes ciblant le territoire en choix 1 au 31\/12\/2022 » : millésime 2022 dans le libellé, 2023 attendu/,
    );
    const c = join(dir, 'texte.xlsx');
    const rows = ROWS.map((r) => [...r]);
    rows[5]![COL.att!] = 'n.c.';
    await writeWorkbook(c, { rows });
    await expect(readSocleWorkbook(c, 'texte.xlsx', 2023, emptyStats())).rejects.toThrowError(
      /^texte\.xlsx, feuille « Ensemble », ligne 9, colonne « Nombre d’attributions en 2023 » : valeur attendue, trouvé « n\.c\. »/,
    );
  });
});

describe('mode réseau : classeur téléchargé à son adresse officielle, lu par le module sne', () => {
  it('le millésime 2023 du socle remplace les chiffres publiés 2023 de la même série, avec une note', async () => {
    const path = join(dir, 'officiel.xlsx');
    await writeWorkbook(path);
    const body = await readFile(path);
    const res = socleWorkbook(2023);
    const asked: string[] = [];
    const fetchImpl = (async (url: string) => {
      asked.push(url);
      return new Response(body, {
        status: 200,
        headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      });
    }) as unknown as typeof fetch;
    const cacheDir = mkdtempSync(join(tmpdir(), 'obs-socle-cache-'));
    const resolved = await resolveResource(res, { cacheDir, fetchImpl, retries: 1 });
    expect(asked).toEqual([
      'https://www.drihl.ile-de-france.developpement-durable.gouv.fr/IMG/xlsx/socle_demandes_attributions_2023.xlsx',
    ]);
    expect(resolved?.origin).toBe('network');
    const curated = await resolveResource(SNE_CURATED, { cacheDir });
    const inputs = new Map<string, ResolvedResource>([
      [curated!.id, curated!],
      [resolved!.id, resolved!],
    ]);
    const out = await snePipeline.run(
      { resolve: async () => null, territories: index, log: () => undefined },
      inputs,
    );
    const obs = out.observations!;
    const att = obs.filter(
      (o) => o.indicator === 'sne_attributions' && o.level === 'departement' && o.code === '92',
    );
    expect(att).toHaveLength(1);
    expect(att[0]!.value).toBe(10_500);
    expect(att[0]!.flags).not.toContain('curated');
    expect(att[0]!.source_id).toBe('drihl-socle-2023');
    expect(get(obs, 'sne_demandes_par_attribution', 'departement', '92')?.value).toBe(12.4);
    expect(out.stats['drihl-attributions-92-2023']?.notes?.join(' ')).toMatch(
      /sne_attributions departement 92 2023 : chiffre publié 10498, socle 10500/,
    );
    // the DRIHL's share of priority households has no socle equivalent: still its own published series
    expect(get(obs, 'drihl_attributions_prioritaires', 'departement', '92')?.value).toBe(3157);
  });
});
