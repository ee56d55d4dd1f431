import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db.js';
import { FULL_MIRROR, obs, openTestDb, readMirrorCsv } from '../helpers.js';

let db: Db;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => db.close());

describe('Populations légales 2023', () => {
  const rows = readMirrorCsv('insee', 'donnees_communes_poplegales_2023.csv', ';');

  it.each(['92050', '92036', '92051', '92048', '13001', '89387'])(
    '%s : PMUN égal au fichier',
    async (code) => {
      const r = rows.find((x) => x.COM === code)!;
      expect((await obs(db, 'population', 'commune', code, 2023))?.value).toBe(Number(r.PMUN));
    },
  );

  it('Paris, Lyon, Marseille = somme de leurs arrondissements', async () => {
    const sum = (re: RegExp) => rows.filter((r) => re.test(r.COM!)).reduce((a, r) => a + Number(r.PMUN), 0);
    expect((await obs(db, 'population', 'commune', '75056', 2023))?.value).toBe(sum(/^751\d\d$/));
    expect((await obs(db, 'population', 'commune', '69123', 2023))?.value).toBe(sum(/^6938\d$/));
    expect((await obs(db, 'population', 'commune', '13055', 2023))?.value).toBe(sum(/^132\d\d$/));
  });

  it('Hauts-de-Seine : 36 communes, total = somme des lignes du fichier ; France hors Mayotte signalée partielle', async () => {
    const dep = rows.filter((r) => r.DEP === '92');
    expect(dep).toHaveLength(36);
    const total = dep.reduce((a, r) => a + Number(r.PMUN), 0);
    expect((await obs(db, 'population', 'departement', '92', 2023))?.value).toBe(total);
    const france = rows.reduce((a, r) => a + Number(r.PMUN), 0);
    const fr = await obs(db, 'population', 'france', 'FR', 2023);
    expect(fr?.value).toBe(france);
    // Mayotte is not in this file: the France total says so.
    expect(fr?.flags).toContain('partial');
    expect(fr?.note).toMatch(/976/);
  });
});

describe('Géographie COG 2025', () => {
  it('EPT : Vallée Sud-Grand Paris a 11 communes, GPSO 8, POLD 11, Boucle Nord de Seine 7 dont Argenteuil', async () => {
    const counts = await db.all<{ ept: string; n: number }>(
      `SELECT ept, count(*) AS n FROM territories WHERE level = 'commune' AND ept IS NOT NULL GROUP BY ept`,
    );
    const n = Object.fromEntries(counts.map((c) => [c.ept, c.n]));
    expect(n['200057966']).toBe(11);
    expect(n['200057974']).toBe(8);
    expect(n['200057982']).toBe(11);
    expect(n['200057990']).toBe(7);
    const arg = await db.all<{ ept: string }>(
      `SELECT ept FROM territories WHERE level = 'commune' AND code = '95018'`,
    );
    expect(arg[0]?.ept).toBe('200057990');
  });

  it('une commune qui a changé de code depuis 2018 se retrouve par la table de passage', async () => {
    const rows = await db.all<{ alias: string; code: string }>(
      `SELECT alias, code FROM territory_aliases WHERE level = 'commune' AND alias IN ('91182', '93059', '78524') ORDER BY alias`,
    );
    expect(rows).toEqual([
      { alias: '78524', code: '78158' },
      { alias: '91182', code: '91228' },
      { alias: '93059', code: '93066' },
    ]);
  });

  it.runIf(FULL_MIRROR)(
    'Île-de-France : 1 266 communes, et la couche cartographique en a autant',
    async () => {
      const n = await db.all<{ n: number }>(
        `SELECT count(*) AS n FROM territories WHERE level = 'commune' AND region = '11'`,
      );
      expect(n[0]?.n).toBe(1266);
      const layer = await db.all<{ features: number }>(
        `SELECT features FROM geo_layers WHERE id = 'communes-idf'`,
      );
      expect(layer[0]?.features).toBe(1266);
    },
  );
});
