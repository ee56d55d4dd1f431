import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../core/db.js';
import { indicator } from '../../core/registry.js';
import { DDL } from '../../core/schema.js';
import { computeDerived } from '../../pipelines/derived.js';
import { obs, openTestDb, readMirrorJson } from '../helpers.js';

type Caf = { annees: number[]; c: Record<string, [(number[] | null)[], number]> };
type Parc = { millesimes: number[]; c: Record<string, (number[] | null)[]> };

let db: Db;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => db.close());

function rsa(dep: string, code: string, year: number): number {
  const f = readMirrorJson<Caf>('caf', `derived_rouages_${dep}-caf_s_ben_com_f_2020-2024.json`);
  return f.c[code]![0][f.annees.indexOf(year)]![2]!;
}
function menages(dep: string, code: string): number {
  const f = readMirrorJson<Parc>('insee', `derived_rouages_${dep}-parc_rp2023_rp2012.json`);
  return f.c[code]![f.millesimes.indexOf(2023)]![1]!;
}

describe('Foyers RSA pour 100 ménages (CAF ÷ recensement)', () => {
  it.each([
    ['92', '92050', 2023],
    ['92', '92036', 2024],
    ['92', '92051', 2024],
    ['13', '13001', 2024],
    ['89', '89387', 2022],
  ])(
    '%s %s décembre %i = foyers RSA ÷ ménages 2023 × 100, calculé depuis les fichiers bruts',
    async (dep, code, year) => {
      const expected = (100 * rsa(dep, code, year)) / menages(dep, code);
      const o = await obs(db, 'caf_rsa_pour_100_menages', 'commune', code, year);
      expect(o?.value).toBeCloseTo(expected, 5);
      expect(o?.numerator).toBe(rsa(dep, code, year));
      expect(o?.denominator).toBe(menages(dep, code));
      expect(o?.flags).toContain('rounded');
      expect(o?.note).toBe('dénominateur : année 2023');
    },
  );

  it('Hauts-de-Seine : Σ foyers RSA ÷ Σ ménages des 36 communes, signalé somme d’arrondis', async () => {
    const f = readMirrorJson<Caf>('caf', 'derived_rouages_92-caf_s_ben_com_f_2020-2024.json');
    const codes = Object.keys(f.c);
    expect(codes).toHaveLength(36);
    const num = codes.reduce((a, c) => a + rsa('92', c, 2024), 0);
    const den = codes.reduce((a, c) => a + menages('92', c), 0);
    const dep = await obs(db, 'caf_rsa_pour_100_menages', 'departement', '92', 2024);
    expect(dep?.value).toBeCloseTo((100 * num) / den, 6);
    expect(dep?.flags).toContain('sum_of_rounded');
  });

  it('plus de foyers RSA que de ménages : valeur gardée mais signalée « à vérifier » avec son explication', async () => {
    const rows = await db.all<{
      value: number;
      flags: string[];
      note: string;
      numerator: number;
      denominator: number;
    }>(
      `SELECT value, flags, note, numerator, denominator FROM observations
       WHERE indicator = 'caf_rsa_pour_100_menages' AND level = 'commune' AND value IS NOT NULL`,
    );
    const high = rows.filter((r) => r.numerator > r.denominator);
    expect(high.length).toBeGreaterThan(0);
    for (const r of high) {
      expect(r.flags).toContain('suspect');
      expect(r.note).toMatch(/plus de foyers RSA que de ménages/);
    }
    expect(rows.filter((r) => r.numerator <= r.denominator).every((r) => !r.flags.includes('suspect'))).toBe(
      true,
    );
  });

  it('pas de valeur quand le recensement est à plus de 3 ans : masquée avec sa raison', async () => {
    const rows = await db.all<{ n: number }>(
      `SELECT count(*) AS n FROM observations WHERE indicator = 'caf_rsa_pour_100_menages' AND level = 'commune' AND value IS NULL AND note IS NULL`,
    );
    expect(rows[0]!.n).toBe(0);
    // a commune outside the départements covered by the census extracts has no denominator
    const lyon = await obs(db, 'caf_rsa_pour_100_menages', 'commune', '69123', 2024);
    expect(lyon).toBeUndefined();
  });
});

describe('dénominateur de l’année la plus proche, à égalité la plus récente (pipelines/derived.ts)', () => {
  const def = indicator('caf_rsa_pour_100_menages');
  const gap = def.derive!.max_year_gap;

  /** A fresh database holding only these numerator and denominator rows for one commune. */
  async function derive(num: Array<[number, number]>, den: Array<[number, number]>) {
    const mem = await openDb(':memory:');
    for (const sql of DDL) await mem.run(sql);
    const insert = (id: string, year: number, value: number) =>
      mem.run(
        `INSERT INTO observations (indicator, level, code, year, value, source_id, flags, aggregated)
         VALUES ($id, 'commune', '92050', $year, $value, 'synthetique', [], false)`,
        { id, year, value },
      );
    for (const [year, value] of num) await insert(def.numerator!, year, value);
    for (const [year, value] of den) await insert(def.denominator!, year, value);
    await computeDerived(mem);
    const rows = await mem.all<{
      year: number;
      value: number | null;
      denominator: number | null;
      note: string;
    }>(`SELECT year, value, denominator, note FROM observations WHERE indicator = $id ORDER BY year`, {
      id: def.id,
    });
    mem.close();
    return rows;
  }

  it('à égale distance (2019 et 2021 pour 2020), le dénominateur de l’année la plus récente', async () => {
    const [row] = await derive(
      [[2020, 50]],
      [
        [2019, 1000],
        [2021, 2000],
      ],
    );
    expect(row).toMatchObject({ year: 2020, denominator: 2000, note: 'dénominateur : année 2021' });
    expect(row!.value).toBeCloseTo((100 * 50) / 2000, 6);
  });

  it('l’année la plus proche l’emporte sur la plus récente ; au-delà de l’écart permis, masqué', async () => {
    const rows = await derive(
      [
        [2020, 50],
        [2030, 50],
      ],
      [
        [2019, 1000],
        [2022, 2000],
      ],
    );
    expect(rows[0]).toMatchObject({ year: 2020, denominator: 1000, note: 'dénominateur : année 2019' });
    expect(2030 - 2022).toBeGreaterThan(gap);
    expect(rows[1]).toMatchObject({ year: 2030, value: null });
    expect(rows[1]!.note).toMatch(/dénominateur absent/);
  });
});
