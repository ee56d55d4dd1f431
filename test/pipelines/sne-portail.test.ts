/**
 * SNE portal Excel reports: workbooks written here with exceljs (no real report exists in the mirror),
 * read by the reader and by the whole `sne` module; values compared with what the test wrote.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db.js';
import { loadTerritoryIndex } from '../../pipelines/build.js';
import { CURATED_FILE } from '../../pipelines/lib/curated.js';
import { InputError } from '../../pipelines/lib/errors.js';
import { emptyStats, type ObservationRow, type TerritoryIndex } from '../../pipelines/lib/pipeline.js';
import { resolveResource, type ResolvedResource } from '../../pipelines/lib/resources.js';
import { discoverSneReports, snePipeline } from '../../pipelines/sne/index.js';
import { readSneWorkbook } from '../../pipelines/sne/portail.js';
import { openTestDb } from '../helpers.js';

let db: Db;
let index: TerritoryIndex;
beforeAll(async () => {
  db = await openTestDb();
  index = await loadTerritoryIndex(db);
});
afterAll(() => db.close());

const dir = mkdtempSync(join(tmpdir(), 'obs-sne-'));

/** Commune sheet: title rows, header on row 3, a French-formatted string, a masked cell, a total row. */
const COMMUNES: [string | number, string, number | string, number | string, number][] = [
  ['92050', 'Nanterre', 9012, 812, 30.5],
  [92002, 'Antony', '3 104', 251, 28],
  ['92004', 'Asnières-sur-Seine', 's', 305, 33.2],
];
const DEPARTEMENTS: [string, number, number, number][] = [
  ['92', 2022, 79500, 8100],
  ['92', 2023, 81200, 7900],
  ['93', 2023, 99100, 6900],
];

async function goodWorkbook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const notes = wb.addWorksheet('Notes');
  notes.addRow(['Source : SNE, infocentre. Communes d’au moins 10 demandes.']);
  const ws = wb.addWorksheet('Communes');
  ws.addRow(['Demandes de logement social en cours au 31/12/2023 et attributions en 2023 — Hauts-de-Seine']);
  ws.addRow([]);
  ws.addRow([
    'Code commune',
    'Commune',
    'Demandes en cours au 31/12',
    'Attributions dans l’année',
    'Ancienneté médiane des demandes en cours (en mois)',
  ]);
  for (const r of COMMUNES) ws.addRow(r);
  ws.addRow(['', 'Total', 13116, 1368, 31]);
  const dep = wb.addWorksheet('Départements');
  dep.addRow(['Code département', 'Année', 'Nombre de demandes en cours', 'Demandes satisfaites']);
  for (const r of DEPARTEMENTS) dep.addRow(r);
  await wb.xlsx.writeFile(path);
}

async function workbook(path: string, sheet: string, rows: (string | number | null)[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(path);
}

const get = (obs: ObservationRow[], indicator: string, level: string, code: string, year: number) =>
  obs.find((o) => o.indicator === indicator && o.level === level && o.code === code && o.year === year);

describe('rapport Excel du portail SNE', () => {
  it('lit communes et départements, l’année du titre ou de la colonne, valeurs masquées et totaux', async () => {
    const path = join(dir, 'rapport.xlsx');
    await goodWorkbook(path);
    const st = emptyStats();
    const { observations } = await readSneWorkbook(path, 'rapport.xlsx', 'sne-portail-rapport', index, st);
    for (const [code, , demandes, attributions, anciennete] of COMMUNES) {
      const c = String(code).padStart(5, '0');
      const d = get(observations, 'sne_demandes_en_cours', 'commune', c, 2023)!;
      if (demandes === 's') {
        expect(d.value).toBeNull();
        expect(d.flags).toContain('masked');
        expect(d.note).toMatch(/secret statistique/);
      } else
        expect(d.value).toBe(typeof demandes === 'number' ? demandes : Number(demandes.replace(/\s/g, '')));
      expect(get(observations, 'sne_attributions', 'commune', c, 2023)?.value).toBe(attributions);
      expect(get(observations, 'sne_anciennete_mediane_mois', 'commune', c, 2023)?.value).toBe(anciennete);
    }
    for (const [code, year, demandes, attributions] of DEPARTEMENTS) {
      expect(get(observations, 'sne_demandes_en_cours', 'departement', code, year)?.value).toBe(demandes);
      expect(get(observations, 'sne_attributions', 'departement', code, year)?.value).toBe(attributions);
    }
    expect(observations.every((o) => o.source_id === 'sne-portail-rapport')).toBe(true);
    expect(observations).toHaveLength(COMMUNES.length * 3 + DEPARTEMENTS.length * 2);
    expect(st.rows_read).toBe(COMMUNES.length + 1 + DEPARTEMENTS.length);
    expect(st.rows_kept).toBe(COMMUNES.length + DEPARTEMENTS.length);
    expect(Object.keys(st.rejected).join()).toMatch(/sans code de territoire/);
    expect(st.notes?.join()).toMatch(/2022, 2023/);
  });

  it('mise en page inconnue : erreur qui nomme le fichier, la feuille, la ligne et les libellés attendus', async () => {
    const path = join(dir, 'inconnu.xlsx');
    await workbook(path, 'Feuil1', [
      ['Statistiques 2023'],
      ['Territoire', 'Nb de dossiers', 'Attribués'],
      ['Nanterre', 9012, 812],
    ]);
    const err = await readSneWorkbook(path, 'inconnu.xlsx', 'x', index, emptyStats()).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    const msg = (err as Error).message;
    expect(msg).toMatch(
      /^inconnu\.xlsx, feuille « Feuil1 », ligne 1 : mise en page du rapport SNE non reconnue/,
    );
    expect(msg).toMatch(/« Code commune \/ Code INSEE »/);
    expect(msg).toMatch(/« Demandes en cours \(au 31\/12\) »/);
    expect(msg).toMatch(/« Ancienneté médiane \(en mois\) »/);
  });

  it('la ligne la plus proche d’un en-tête est citée (code reconnu, aucune mesure)', async () => {
    const path = join(dir, 'proche.xlsx');
    await workbook(path, 'Données', [['Titre'], ['Code commune', 'Nb de dossiers'], ['92050', 9012]]);
    await expect(readSneWorkbook(path, 'proche.xlsx', 'x', index, emptyStats())).rejects.toThrowError(
      /^proche\.xlsx, feuille « Données », ligne 2 : .*la ligne 2 contient « Code commune », « Nb de dossiers »/,
    );
  });

  it('refuse « demandes actives » sans date (définition ANCOLS possible) et une ancienneté en années', async () => {
    const a = join(dir, 'actives.xlsx');
    await workbook(a, '2023', [
      ['Code département', 'Demandes actives', 'Attributions'],
      ['92', 120000, 8000],
    ]);
    await expect(readSneWorkbook(a, 'actives.xlsx', 'x', index, emptyStats())).rejects.toThrowError(
      /^actives\.xlsx, feuille « 2023 », ligne 1, colonne « B — Demandes actives » : .*ANCOLS/,
    );
    const b = join(dir, 'annees.xlsx');
    await workbook(b, '2023', [
      ['Code département', 'Demandes en cours', 'Ancienneté moyenne (années)'],
      ['92', 80000, 2.5],
    ]);
    await expect(readSneWorkbook(b, 'annees.xlsx', 'x', index, emptyStats())).rejects.toThrowError(
      /colonne « C — Ancienneté moyenne \(années\) » : .*pas le mois/,
    );
  });

  it('année introuvable, texte non numérique : erreurs localisées', async () => {
    const a = join(dir, 'sans-annee.xlsx');
    await workbook(a, 'Données', [
      ['Code département', 'Demandes en cours'],
      ['92', 80000],
    ]);
    await expect(readSneWorkbook(a, 'sans-annee.xlsx', 'x', index, emptyStats())).rejects.toThrowError(
      /^sans-annee\.xlsx, feuille « Données », ligne 1 : année introuvable/,
    );
    const b = join(dir, 'texte.xlsx');
    await workbook(b, 'Année 2023', [
      ['Code département', 'Demandes en cours'],
      ['92', 'beaucoup'],
    ]);
    await expect(readSneWorkbook(b, 'texte.xlsx', 'x', index, emptyStats())).rejects.toThrowError(
      /^texte\.xlsx, feuille « Année 2023 », ligne 2, colonne « B — Demandes en cours » : nombre attendu/,
    );
  });
});

describe('module sne : chiffres publiés + rapports trouvés dans le miroir', () => {
  async function runWith(files: Record<string, (p: string) => Promise<void>>) {
    const mirror = mkdtempSync(join(tmpdir(), 'obs-sne-mirror-'));
    mkdirSync(join(mirror, 'sne'));
    for (const [name, write] of Object.entries(files)) await write(join(mirror, 'sne', name));
    const resources = [...snePipeline.resources, ...discoverSneReports(mirror)];
    const inputs = new Map<string, ResolvedResource>();
    for (const r of resources) {
      const resolved = await resolveResource(r, { mirror, cacheDir: join(mirror, 'cache') });
      if (resolved) inputs.set(resolved.id, resolved);
    }
    const ctx = { resolve: async () => null, territories: index, log: () => undefined };
    return { resources, inputs, out: await snePipeline.run(ctx, inputs) };
  }

  it('découvre sne/*.xlsx, lit le rapport, calcule demandes ÷ attributions et garde les chiffres publiés', async () => {
    const { resources, inputs, out } = await runWith({ 'Rapport SNE 92.xlsx': goodWorkbook });
    expect(resources.map((r) => r.id)).toEqual(['sne-chiffres-publies', 'sne-portail-rapport-sne-92']);
    expect(inputs.get('sne-chiffres-publies')?.origin).toBe('repository');
    expect(inputs.get('sne-chiffres-publies')?.file).toBe(CURATED_FILE);
    const obs = out.observations!;
    for (const [code, year, demandes, attributions] of DEPARTEMENTS) {
      const t = get(obs, 'sne_tension', 'departement', code, year)!;
      expect(t.value).toBeCloseTo(demandes / attributions, 12);
      expect(t.numerator).toBe(demandes);
      expect(t.denominator).toBe(attributions);
    }
    const masked = get(obs, 'sne_tension', 'commune', '92004', 2023)!;
    expect(masked.value).toBeNull();
    expect(masked.note).toMatch(/masquées/);
    expect(get(obs, 'sne_tension', 'commune', '92050', 2023)?.value).toBeCloseTo(9012 / 812, 12);
    expect(obs.some((o) => o.indicator === 'ccf92_personnes_recherche_logement')).toBe(true);
    expect(obs.some((o) => o.indicator.startsWith('comed92_'))).toBe(false); // other family
    expect(out.sources?.every((s) => s.family === 'sne' && s.kind === 'curated')).toBe(true);
    expect(out.stats['sne-portail-rapport-sne-92']?.rows_kept).toBe(COMMUNES.length + DEPARTEMENTS.length);
  });

  it('deux rapports pour le même territoire et la même année : erreur', async () => {
    await expect(runWith({ 'a.xlsx': goodWorkbook, 'b.xlsx': goodWorkbook })).rejects.toThrowError(
      /^b\.xlsx, feuille « Communes », ligne 4, colonne « C — Demandes en cours au 31\/12 » : .*déjà lu \(a\.xlsx/,
    );
  });

  it('sans miroir ni dossier sne/, aucun rapport n’est cherché', () => {
    expect(discoverSneReports(undefined)).toEqual([]);
    expect(discoverSneReports(mkdtempSync(join(tmpdir(), 'obs-vide-')))).toEqual([]);
  });
});
