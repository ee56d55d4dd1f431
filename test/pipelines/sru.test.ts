import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db.js';
import { HAUTS_DE_SEINE } from '../../pipelines/checks.js';
import { FULL_MIRROR, obs, openTestDb, readMirrorCsv, readMirrorJson } from '../helpers.js';

type RouagesSru = {
  c: Record<
    string,
    {
      lls: number | null;
      taux: number | null;
      cible: number;
      deficitaire: boolean | null;
      carencee: boolean;
      exemptee: boolean;
      prelevement: number;
    }
  >;
};

let db: Db;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => db.close());

describe('SRU — extrait rouages du 92 (inventaire au 1er janvier 2025)', () => {
  const raw = readMirrorJson<RouagesSru>('sru', 'derived_rouages_92-sru.json').c;

  it.each(['92048', '92050', '92002', '92004'])(
    '%s : logements sociaux, taux, cible et statuts égaux au fichier',
    async (code) => {
      const r = raw[code]!;
      expect((await obs(db, 'sru_lls', 'commune', code, 2025))?.value).toBe(r.lls);
      const taux = await obs(db, 'sru_taux', 'commune', code, 2025);
      expect(taux?.value).toBe(r.taux);
      expect(taux?.flags).toContain('derived');
      expect((await obs(db, 'sru_taux_cible', 'commune', code, 2025))?.value).toBe(r.cible);
      expect((await obs(db, 'sru_deficitaire', 'commune', code, 2025))?.value).toBe(r.deficitaire ? 1 : 0);
      expect((await obs(db, 'sru_carencee', 'commune', code, 2025))?.value).toBe(r.carencee ? 1 : 0);
      expect((await obs(db, 'sru_prelevement', 'commune', code, 2025))?.value).toBe(r.prelevement);
    },
  );

  it('déduit les résidences principales du taux et calcule les logements manquants (arrondi supérieur, jamais négatif)', async () => {
    for (const code of ['92002', '92004', '92048', '92050']) {
      const r = raw[code]!;
      const rp = Math.round(r.lls! / (r.taux! / 100));
      const expected = Math.max(0, Math.ceil((r.cible / 100) * rp - r.lls! - 1e-9));
      const rpObs = await obs(db, 'sru_residences_principales', 'commune', code, 2025);
      expect(rpObs?.value).toBe(rp);
      expect(rpObs?.flags).toContain('estimated');
      expect((await obs(db, 'sru_logements_manquants', 'commune', code, 2025))?.value).toBe(expected);
    }
    // Antony (24,88 % < 25 %) is short of a few dozen dwellings; Nanterre (56,82 %) of none.
    expect((await obs(db, 'sru_logements_manquants', 'commune', '92002', 2025))?.value).toBeGreaterThan(0);
    expect((await obs(db, 'sru_logements_manquants', 'commune', '92050', 2025))?.value).toBe(0);
  });

  it('Neuilly-sur-Seine : valeurs absentes de la source gardées manquantes avec leur raison, carence conservée', async () => {
    expect(raw['92051']!.lls).toBeNull();
    const lls = await obs(db, 'sru_lls', 'commune', '92051', 2025);
    expect(lls?.value).toBeNull();
    expect(lls?.flags).toContain('masked');
    expect(lls?.note).toMatch(/non renseigné/);
    expect((await obs(db, 'sru_carencee', 'commune', '92051', 2025))?.value).toBe(1);
    expect((await obs(db, 'sru_deficitaire', 'commune', '92051', 2025))?.value).toBeNull();
  });

  it('les 36 communes du 92 sont chargées', async () => {
    const rows = await db.all<{ code: string }>(
      `SELECT code FROM observations WHERE indicator = 'sru_taux_cible' AND level = 'commune' AND year = 2025 AND code LIKE '92%' ORDER BY code`,
    );
    expect(rows.map((r) => r.code)).toEqual(HAUTS_DE_SEINE);
  });

  it('agrégat départemental = somme des communes (logements sociaux, logements manquants) et taux = Σ LLS / Σ RP', async () => {
    const communes = await db.all<{
      indicator: string;
      value: number | null;
      numerator: number | null;
      denominator: number | null;
    }>(
      `SELECT o.indicator, o.value, o.numerator, o.denominator FROM observations o JOIN territories t ON t.level = 'commune' AND t.code = o.code
       WHERE o.level = 'commune' AND t.departement = '92' AND o.year = 2025`,
    );
    const sum = (ind: string) =>
      communes.filter((c) => c.indicator === ind).reduce((a, c) => a + (c.value ?? 0), 0);
    expect((await obs(db, 'sru_lls', 'departement', '92', 2025))?.value).toBe(sum('sru_lls'));
    expect((await obs(db, 'sru_logements_manquants', 'departement', '92', 2025))?.value).toBe(
      sum('sru_logements_manquants'),
    );
    expect((await obs(db, 'sru_carencee', 'departement', '92', 2025))?.value).toBe(sum('sru_carencee'));
    const rates = communes.filter(
      (c) => c.indicator === 'sru_taux' && c.numerator !== null && c.denominator !== null,
    );
    const num = rates.reduce((a, c) => a + c.numerator!, 0);
    const den = rates.reduce((a, c) => a + c.denominator!, 0);
    const dep = await obs(db, 'sru_taux', 'departement', '92', 2025);
    expect(dep?.value).toBeCloseTo((100 * num) / den, 8); // rounded to 9 decimals (deterministic sums)
    expect(dep?.flags).toContain('partial'); // Neuilly has no rate in this file
  });

  it('pas d’agrégat France : le miroir ne couvre que 10 départements', async () => {
    expect(await obs(db, 'sru_lls', 'france', 'FR', 2025)).toBeUndefined();
    expect(await obs(db, 'sru_lls', 'region', '11', 2025)).toBeDefined();
  });
});

describe('SRU — fichier officiel national 2025 v2 (inventaire au 1er janvier 2024)', () => {
  const rows = readMirrorCsv('sru', 'donnees-sru-data-gouv-2025-v2.csv', ';', 'cp1252');
  const row = (code: string) => rows.find((r) => r.Code_INSEE_commune === code)!;

  it('Argenteuil : « 35,28% » et 15 102 logements, sans drapeau « retraité »', async () => {
    const r = row('95018');
    expect(r['Taux_SRU_au_01_01_2024']).toBe('35,28%');
    const taux = await obs(db, 'sru_taux', 'commune', '95018', 2024);
    expect(taux?.value).toBe(35.28);
    expect(taux?.flags).not.toContain('derived');
    expect((await obs(db, 'sru_lls', 'commune', '95018', 2024))?.value).toBe(
      Number(r['Nombre_lls_ Inventaire_au_01_01_2024']),
    );
  });

  it('Nesles-la-Vallée : prélèvement « 56 188,45 € » (cp1252) lu 56188.45, carencée et déficitaire', async () => {
    expect(row('95446')['Prélèvement_net_2025_dont_majoration']).toMatch(/^56 188,45/);
    expect((await obs(db, 'sru_prelevement', 'commune', '95446', 2024))?.value).toBe(56188.45);
    expect((await obs(db, 'sru_carencee', 'commune', '95446', 2024))?.value).toBe(1);
    expect((await obs(db, 'sru_deficitaire', 'commune', '95446', 2024))?.value).toBe(1);
  });
});

describe('SRU — série 2004–2022 (extrait retraité, repli)', () => {
  const rows = readMirrorCsv('sru', 'derived_Total_social_housing_2004_2022.csv', ',');

  it.each(['92048', '92050', '92051'])(
    '%s : colonne « _2022 » = inventaire au 1er janvier 2021 (une année plus tôt), taux recalculé',
    async (code) => {
      const r = rows.find((x) => x.cod === code)!;
      const lls = Number(r.social_units_2022);
      const rp = Number(r.Total_unit_2022);
      expect((await obs(db, 'sru_lls', 'commune', code, 2021))?.value).toBe(lls);
      expect((await obs(db, 'sru_residences_principales', 'commune', code, 2021))?.value).toBe(rp);
      const taux = await obs(db, 'sru_taux', 'commune', code, 2021);
      expect(taux?.value).toBeCloseTo(Math.round((lls / rp) * 10000) / 100, 10);
      expect(taux?.flags).toContain('derived');
      // No 2022 from this file: the column named 2022 is the inventory at 1 January 2021.
      expect(await obs(db, 'sru_lls', 'commune', code, 2022)).toBeUndefined();
    },
  );

  it('écarte les résidences principales corrompues de 2007 (égales aux logements sociaux)', async () => {
    const known = new Set(
      (await db.all<{ code: string }>(`SELECT code FROM territories WHERE level = 'commune'`)).map(
        (r) => r.code,
      ),
    );
    const bad = rows.filter(
      (r) =>
        r.Total_unit_2007 === r.social_units_2007 && Number(r.social_units_2007) > 0 && known.has(r.cod!),
    );
    expect(bad.length).toBeGreaterThan(FULL_MIRROR ? 100 : 30);
    // Column 2007 = inventory at 1 January 2006.
    const rp = await obs(db, 'sru_residences_principales', 'commune', bad[0]!.cod!, 2006);
    expect(rp?.value).toBeNull();
    expect(rp?.note).toMatch(/corrompues/);
    expect((await obs(db, 'sru_taux', 'commune', bad[0]!.cod!, 2006))?.value).toBeNull();
  });

  it('Neuilly-sur-Seine : taux 2025 absent de l’extrait, taux 2024 lu dans le fichier national', async () => {
    const national = readMirrorCsv('sru', 'donnees-sru-data-gouv-2025-v2.csv', ';', 'cp1252');
    const r = national.find((x) => x.Code_INSEE_commune === '92051')!;
    const rows = await db.all<{ year: number; value: number }>(
      `SELECT year, value FROM observations WHERE indicator = 'sru_taux' AND level = 'commune' AND code = '92051' AND value IS NOT NULL ORDER BY year DESC LIMIT 1`,
    );
    expect(rows[0]?.year).toBe(2024);
    expect(rows[0]?.value).toBe(Number(r['Taux_SRU_au_01_01_2024']!.replace('%', '').replace(',', '.')));
  });
});
