/**
 * The SRU path (GET /api/territories/commune/:code/sru) on three communes computed by hand here from
 * the raw mirror rows: Boulogne-Billancourt (déficitaire, far from 25 %), Paris (within 2 points:
 * 100 % of the missing dwellings), Graveson (exempted for 2026–2028). The rule: article L302-8 CCH
 * after the 3DS law — 33 % of the missing dwellings, 50 % within 4 points, 100 % within 2 points.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db.js';
import type { Store } from '../../server/store.js';
import { readMirrorCsv, readMirrorJson } from '../helpers.js';
import { closeApiFixture, openApiFixture, type App } from './fixture.js';
import { request } from './request.js';

let store: Store;
let db: Db;
let app: App;
beforeAll(async () => ({ store, db, app } = await openApiFixture()));
afterAll(() => closeApiFixture(store, db));
const get = (path: string) => request(app, path);

type Rouages = {
  c: Record<string, { lls: number | null; taux: number | null; cible: number; exemptee: boolean }>;
};
const rouages = (dep: string, code: string) =>
  readMirrorJson<Rouages>('sru', `derived_rouages_${dep}-sru.json`).c[code]!;
const national = (code: string) =>
  readMirrorCsv('sru', 'donnees-sru-data-gouv-2025-v2.csv', ';', 'cp1252').find(
    (r) => r.Code_INSEE_commune === code,
  )!;
/** `social_units_N` / `Total_unit_N` of the historical series are the inventory at 1 January N−1. */
const history = (code: string, inventoryYear: number) => {
  const row = readMirrorCsv('sru', 'derived_Total_social_housing_2004_2022.csv', ',').find(
    (r) => r.cod === code,
  )!;
  return {
    lls: Number(row[`social_units_${inventoryYear + 1}`]),
    rp: Number(row[`Total_unit_${inventoryYear + 1}`]),
  };
};

// The arithmetic, written out once more from the law and the files (independently of the server).
const rpFromRate = (lls: number, taux: number) => ({
  value: Math.round((lls * 100) / taux),
  low: Math.ceil((lls * 100) / (taux + 0.005)),
  high: Math.floor((lls * 100) / (taux - 0.005)),
});
const missing = (target: number, rp: number, lls: number) =>
  Math.max(0, Math.ceil((target / 100) * rp - lls - 1e-9));
const share = (rate: number, target: number) => (target - rate <= 2 ? 1 : target - rate <= 4 ? 0.5 : 0.33);
const objective = (s: number, m: number) => Math.ceil(s * m - 1e-9);

describe('GET /api/territories/commune/:code/sru', () => {
  it('Boulogne-Billancourt (15,95 %) : objectifs 2023–2025 et 2026–2028, rythme d’ici 2032, recalculés des fichiers bruts', async () => {
    const { status, body } = await get('/api/territories/commune/92012/sru');
    expect(status).toBe(200);
    const d = body.data;
    expect(d.situation).toBe('deficitaire');
    expect(d.law).toMatch(/L302-8.*2022-217/);

    // 2026–2028: inventory at 1 January 2025 (rouages extract of the official 2026 file).
    const r25 = rouages('92', '92012');
    const rp25 = rpFromRate(r25.lls!, r25.taux!);
    const m25 = {
      value: missing(r25.cible, rp25.value, r25.lls!),
      low: missing(r25.cible, rp25.low, r25.lls!),
      high: missing(r25.cible, rp25.high, r25.lls!),
    };
    const s25 = share(r25.taux!, r25.cible);
    expect(s25).toBe(0.33);
    const p2 = d.periods.find((p: { start: number }) => p.start === 2026);
    expect(p2).toMatchObject({ end: 2028, phase: 'en_cours', status: 'objectif', share: 0.33 });
    expect(p2.basis).toMatchObject({
      year: 2025,
      legal_year: 2025,
      lls: r25.lls,
      target: r25.cible,
      rate: r25.taux,
    });
    expect(p2.basis.missing).toEqual(m25);
    expect(p2.objective).toEqual({
      value: objective(s25, m25.value),
      low: objective(s25, m25.low),
      high: objective(s25, m25.high),
    });
    expect(p2.source).toMatch(/L302-8/);

    // 2023–2025: the legal basis (1 January 2022) is not in the mirror; 1 January 2021 is used, said so.
    const h21 = history('92012', 2021);
    const target2325 = Number(national('92012').Taux_cible_commune_2023_2025!.replace('%', ''));
    const m21 = missing(target2325, h21.rp, h21.lls);
    const p1 = d.periods.find((p: { start: number }) => p.start === 2023);
    expect(p1.basis).toMatchObject({ year: 2021, legal_year: 2022, lls: h21.lls });
    expect(p1.basis.note).toMatch(/base approchée.*2022.*2021/);
    expect(p1.objective.value).toBe(objective(share((100 * h21.lls) / h21.rp, target2325), m21));
    // What the inventories show so far: 1 January 2024 (national file) → 1 January 2025.
    const lls24 = Number(national('92012')['Nombre_lls_ Inventaire_au_01_01_2024']);
    expect(p1.observed).toEqual({
      from_year: 2024,
      to_year: 2025,
      change: r25.lls! - lls24,
      per_year: r25.lls! - lls24,
    });

    // Pace to 25 % by 1 January 2032 (7 inventories after 2025), résidences principales constant.
    expect(d.paces.required_by_2032).toMatchObject({
      years: 7,
      from_year: 2025,
      value: Math.ceil(m25.value / 7),
      low: Math.ceil(m25.low / 7),
      high: Math.ceil(m25.high / 7),
    });
    expect(d.paces.legal_current.value).toBe(Math.ceil(p2.objective.value / 3));
    // 2029–2031: a projection, never presented as notified.
    const p3 = d.periods.find((p: { start: number }) => p.start === 2029);
    expect(p3.status).toBe('projection');
    expect(d.assumptions.join(' ')).toMatch(/fait foi/);
  });

  it('Paris (23,21 %, à moins de 2 points de 25 %) : 100 % des logements manquants ; Aix-en-Provence (22,03 %) : 50 %', async () => {
    for (const [dep, code, expected] of [
      ['75', '75056', 1],
      ['13', '13001', 0.5],
    ] as const) {
      const r = rouages(dep, code);
      const rp = rpFromRate(r.lls!, r.taux!);
      const m = missing(r.cible, rp.value, r.lls!);
      expect(share(r.taux!, r.cible)).toBe(expected);
      const { body } = await get(`/api/territories/commune/${code}/sru`);
      const p2 = body.data.periods.find((p: { start: number }) => p.start === 2026);
      expect(p2.share, code).toBe(expected);
      expect(p2.objective.value, code).toBe(objective(expected, m));
      // The missing dwellings of the path equal those the build stored for the same inventory.
      const [stored] = await db.all<{ value: number }>(
        `SELECT value FROM observations WHERE indicator = 'sru_logements_manquants' AND level = 'commune'
         AND code = $code AND year = 2025`,
        { code },
      );
      expect(p2.basis.missing.value, code).toBe(stored!.value);
    }
  });

  it('Graveson (exemptée pour 2026–2028) : pas d’objectif ni de rythme à tenir ; commune hors inventaire : 404', async () => {
    expect(rouages('13', '13045').exemptee).toBe(true);
    const { body } = await get('/api/territories/commune/13045/sru');
    expect(body.data.situation).toBe('exemptee');
    const p2 = body.data.periods.find((p: { start: number }) => p.start === 2026);
    expect(p2).toMatchObject({ status: 'exemptee', objective: null });
    expect(p2.note).toMatch(/exemptée/);
    expect(body.data.paces.required_by_2032).toBeNull();
    expect(body.data.latest.missing).toBeNull();
    expect((await get('/api/territories/commune/01001/sru')).status).toBe(404);
    const csv = await get('/api/territories/commune/92012/sru.csv');
    expect(csv.body.split('\r\n').filter(Boolean)).toHaveLength(4);
  });
});
