/**
 * Issue 10: the official national SRU file read as published, the history file re-dated and cleaned,
 * contradictions flagged, intervals for deduced values, one date at a time in totals. Every expected
 * figure is recomputed here from the raw mirror rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db.js';
import { PARTIAL_AFTER_MERGER, deduceRp, missingDwellings } from '../../pipelines/sru/index.js';
import { perimeterMismatch, type Point } from '../../server/services/changes.js';
import { FULL_MIRROR, obs, openTestDb, readMirrorCsv, readMirrorJson } from '../helpers.js';

let db: Db;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(() => db.close());

const NATIONAL = 'donnees-sru-data-gouv-2025-v2.csv';
const LLS = 'Nombre_lls_ Inventaire_au_01_01_2024';
const TAUX = 'Taux_SRU_au_01_01_2024';
const pct = (t: string) => Number(t.replace('%', '').replace(',', '.'));

describe('fichier officiel national 2025 v2 : chaque défaut du producteur devient un état documenté', () => {
  const rows = readMirrorCsv('sru', NATIONAL, ';', 'cp1252');
  const byText = (col: string, text: string) => rows.filter((r) => r[col] === text);

  it.runIf(FULL_MIRROR)(
    '2 196 communes lues, dans 101 départements ; taux publiés pour ≈ 2 080 communes de tous les départements',
    async () => {
      expect(rows.length).toBe(2196);
      const numeric = rows.filter((r) => /^\d+(,\d+)?%$/.test(r[TAUX]!) && pct(r[TAUX]!) <= 100);
      const ours = await db.all<{ n: number; deps: number }>(
        `SELECT count(*)::INT AS n, count(DISTINCT t.departement)::INT AS deps FROM observations o
       JOIN territories t ON t.level = 'commune' AND t.code = o.code
       WHERE o.indicator = 'sru_taux' AND o.level = 'commune' AND o.year = 2024 AND o.value IS NOT NULL`,
      );
      // Every numeric rate is loaded, except the placeholders set aside (counted below) — plus « 38;62% ».
      const placeholders = await db.all<{ n: number }>(
        `SELECT count(*)::INT AS n FROM observations WHERE indicator = 'sru_taux' AND level = 'commune' AND year = 2024
       AND list_contains(flags, 'incoherent') AND raw NOT LIKE '%;%' AND NOT (raw LIKE '2126%' OR raw LIKE '124,24%')`,
      );
      expect(ours[0]!.n).toBe(numeric.length - placeholders[0]!.n + 1);
      expect(ours[0]!.n).toBeGreaterThan(2000);
      expect(ours[0]!.n).toBeLessThan(2100);
      const kept = numeric.filter((r) => !(r.Code_Departement === '45' && r[TAUX] === '20,00%'));
      expect(ours[0]!.deps).toBe(new Set(kept.map((r) => r.Code_Departement)).size);
      expect(ours[0]!.deps).toBeGreaterThan(85);
    },
  );

  it('« >25% » (82 lignes, Roubaix) : taux manquant « au-dessus de 25 % (non inventoriée) », non déficitaire, jamais 0 %', async () => {
    const above = byText(TAUX, '>25%');
    expect(above.length).toBe(82);
    for (const r of above.slice(0, 10)) {
      const t = await obs(db, 'sru_taux', 'commune', r.Code_INSEE_commune!, 2024);
      expect(t?.value, r.Nom_commune).toBeNull();
      expect(t?.flags).toContain('not_inventoried');
      expect(t?.flags).not.toContain('masked');
      expect(t?.raw).toBe('>25%');
      expect(t?.note).toMatch(/au-dessus de 25 % \(non inventoriée\)/);
      expect((await obs(db, 'sru_deficitaire', 'commune', r.Code_INSEE_commune!, 2024))?.value).toBe(0);
      const manq = await obs(db, 'sru_logements_manquants', 'commune', r.Code_INSEE_commune!, 2024);
      expect(manq?.value).toBe(0);
    }
    const zero = await db.all<{ n: number }>(
      `SELECT count(*)::INT AS n FROM observations WHERE indicator = 'sru_taux' AND level = 'commune'
       AND code IN ('59512', '59350', '59599', '59009', '59183') AND value = 0`,
    );
    expect(zero[0]!.n).toBe(0); // Roubaix, Lille, Tourcoing, Villeneuve-d'Ascq, Dunkerque: never 0 %
  });

  it('« Pas d’inventaire » (107) et « NC » (Soubise) : logements sociaux manquants avec le mot du producteur', async () => {
    expect(byText(LLS, "Pas d'inventaire").length).toBe(107);
    const r = byText(LLS, "Pas d'inventaire")[0]!;
    const lls = await obs(db, 'sru_lls', 'commune', r.Code_INSEE_commune!, 2024);
    expect(lls?.value).toBeNull();
    expect(lls?.flags).toContain('masked');
    expect(lls?.note).toMatch(/Pas d’inventaire/);
    const nc = byText(LLS, 'NC')[0]!;
    expect(nc.Code_INSEE_commune).toBe('17429');
    expect((await obs(db, 'sru_lls', 'commune', '17429', 2024))?.note).toMatch(/« NC »/);
    expect(nc[TAUX]).toBe('Hors SRU');
    expect((await obs(db, 'sru_taux', 'commune', '17429', 2024))?.note).toMatch(/« Hors SRU »/);
  });

  it('« 38;62% » (Évin-Malmaison) lu 38,62 % avec une note ; Gap « 2126,00% » et Pointe-à-Pitre écartés, texte gardé', async () => {
    expect(rows.find((r) => r.Code_INSEE_commune === '62321')![TAUX]).toBe('38;62%');
    const evin = await obs(db, 'sru_taux', 'commune', '62321', 2024);
    expect(evin?.value).toBe(38.62);
    expect(evin?.flags).toContain('corrected');
    expect(evin?.raw).toBe('38;62%');
    for (const code of ['05061', '97120']) {
      const r = rows.find((x) => x.Code_INSEE_commune === code)!;
      expect(pct(r[TAUX]!)).toBeGreaterThan(100);
      const t = await obs(db, 'sru_taux', 'commune', code, 2024);
      expect(t?.value).toBeNull();
      expect(t?.flags).toContain('incoherent');
      expect(t?.raw).toBe(r[TAUX]);
      // nothing deduced from it
      expect((await obs(db, 'sru_residences_principales', 'commune', code, 2024))?.value).toBeNull();
    }
    const src = await db.all<{ notes: string }>(
      `SELECT notes FROM sources WHERE id = 'sru-officiel-2025-v2'`,
    );
    expect(src[0]!.notes).toMatch(/Valeurs incohérentes écartées \(\d+\) : ligne \d+, GAP, 2126,00%/);
  });

  it('taux « 20,00% » recopiés du taux cible dans 13 communes d’Orléans Métropole : écartés, jamais cités', async () => {
    const orleans = rows.filter((r) => r.Code_Departement === '45' && r[TAUX] === '20,00%');
    expect(orleans.length).toBe(13);
    const o = await obs(db, 'sru_taux', 'commune', '45234', 2024);
    expect(o?.value).toBeNull();
    expect(o?.flags).toContain('incoherent');
    expect(o?.note).toMatch(/identique au taux cible pour 13 communes/);
  });

  it('prélèvement « 56 188,45 € » (narrow spaces, cp1252) ; carencée à 0 € signalée incohérente (Boulogne-Billancourt)', async () => {
    const boulogne = rows.find((r) => r.Code_INSEE_commune === '92012')!;
    expect(boulogne['Commune_carencée']).toBe('1');
    expect(boulogne['Prélèvement_net_2025_dont_majoration']).toBe('0,00 €');
    const lev = await obs(db, 'sru_prelevement', 'commune', '92012', 2024);
    expect(lev?.value).toBe(0);
    expect(lev?.flags).toContain('incoherent');
    expect(lev?.note).toMatch(/carencée mais prélèvement net nul/);
    const carencees0 = rows.filter(
      (r) => r['Commune_carencée'] === '1' && r['Prélèvement_net_2025_dont_majoration'] === '0,00 €',
    );
    const flagged = await db.all<{ n: number }>(
      `SELECT count(*)::INT AS n FROM observations WHERE indicator = 'sru_prelevement' AND level = 'commune'
       AND year = 2024 AND list_contains(flags, 'incoherent')`,
    );
    expect(flagged[0]!.n).toBe(carencees0.length);
  });

  it('statut déficitaire contredit par le taux (Mont-de-Marsan, 20,80 % pour une cible de 20 %) : signalé', async () => {
    const r = rows.find((x) => x.Code_INSEE_commune === '40192')!;
    expect(r.commune_deficitaire).toBe('1');
    expect(pct(r[TAUX]!)).toBeGreaterThan(pct(r.Taux_cible_commune_2023_2025!));
    const d = await obs(db, 'sru_deficitaire', 'commune', '40192', 2024);
    expect(d?.value).toBe(1);
    expect(d?.flags).toContain('incoherent');
  });

  it('Hauts-de-Seine au 1er janvier 2024 : 36 communes, Neuilly comprise (5,92 %, 1 980 LLS, 191 574,27 €), 16 déficitaires', async () => {
    const hds = rows.filter((r) => r.Code_Departement === '92');
    expect(hds.length).toBe(36);
    const neuilly = hds.find((r) => r.Code_INSEE_commune === '92051')!;
    expect((await obs(db, 'sru_taux', 'commune', '92051', 2024))?.value).toBe(pct(neuilly[TAUX]!));
    expect((await obs(db, 'sru_lls', 'commune', '92051', 2024))?.value).toBe(Number(neuilly[LLS]));
    expect((await obs(db, 'sru_prelevement', 'commune', '92051', 2024))?.value).toBe(191574.27);
    const def = hds.filter((r) => r.commune_deficitaire === '1').length;
    expect(def).toBe(16);
    const dep = await obs(db, 'sru_deficitaire', 'departement', '92', 2024);
    expect(dep?.value).toBe(def);
    expect(dep?.flags).not.toContain('partial');
    const lls = await obs(db, 'sru_lls', 'departement', '92', 2024);
    expect(lls?.value).toBe(hds.reduce((a, r) => a + Number(r[LLS]), 0));
  });

  it.runIf(FULL_MIRROR)(
    'les communes déficitaires (1 276) et carencées (335) du fichier national sont toutes comptées',
    async () => {
      expect(rows.filter((r) => r.commune_deficitaire === '1').length).toBe(1276);
      expect(rows.filter((r) => r['Commune_carencée'] === '1').length).toBe(335);
      const fr = await db.all<{ indicator: string; value: number }>(
        `SELECT indicator, value FROM observations WHERE level = 'france' AND year = 2024
       AND indicator IN ('sru_deficitaire', 'sru_carencee') ORDER BY indicator`,
      );
      expect(Object.fromEntries(fr.map((r) => [r.indicator, r.value]))).toEqual({
        sru_carencee: 335,
        sru_deficitaire: 1276,
      });
    },
  );
});

describe('valeurs déduites d’un taux arrondi : intervalle, et pas de logements manquants pour une commune exemptée', () => {
  const raw = readMirrorJson<{ c: Record<string, { lls: number; taux: number; cible: number }> }>(
    'sru',
    'derived_rouages_92-sru.json',
  ).c;

  it('Boulogne-Billancourt 2025 : environ 5 333 logements manquants, entre 5 329 et 5 338', async () => {
    const r = raw['92012']!;
    const rp = deduceRp(r.lls, r.taux)!;
    const low = missingDwellings(r.cible, rp.low, r.lls);
    const high = missingDwellings(r.cible, rp.high, r.lls);
    expect([low, high]).toEqual([5329, 5338]);
    const o = await obs(db, 'sru_logements_manquants', 'commune', '92012', 2025);
    expect(o?.value).toBe(missingDwellings(r.cible, rp.value, r.lls));
    expect([o?.low, o?.high]).toEqual([low, high]);
    const rpObs = await obs(db, 'sru_residences_principales', 'commune', '92012', 2025);
    expect([rpObs?.low, rpObs?.high]).toEqual([rp.low, rp.high]);
    // the true rate lies within half a hundredth of the published one for both bounds
    expect((100 * r.lls) / rp.low).toBeLessThanOrEqual(r.taux + 0.005);
    expect((100 * r.lls) / rp.high).toBeGreaterThanOrEqual(r.taux - 0.005);
  });

  it('totaux : somme des intervalles des communes', async () => {
    const communes = await db.all<{ value: number; low: number | null; high: number | null }>(
      `SELECT o.value, o.low, o.high FROM observations o JOIN territories t ON t.level = 'commune' AND t.code = o.code
       WHERE o.indicator = 'sru_logements_manquants' AND o.level = 'commune' AND o.year = 2025 AND t.departement = '92'
         AND o.value IS NOT NULL`,
    );
    const dep = await obs(db, 'sru_logements_manquants', 'departement', '92', 2025);
    expect(dep?.low).toBe(communes.reduce((a, c) => a + (c.low ?? c.value), 0));
    expect(dep?.high).toBe(communes.reduce((a, c) => a + (c.high ?? c.value), 0));
  });

  it('Arnouville (95019), exemptée : aucun logement manquant, et rien d’additionné au Val-d’Oise', async () => {
    const national = readMirrorCsv('sru', NATIONAL, ';', 'cp1252');
    const r = national.find((x) => x.Code_INSEE_commune === '95019')!;
    expect(r['Commune_exemptée_2023_2025']).toBe('1');
    const o = await obs(db, 'sru_logements_manquants', 'commune', '95019', 2024);
    expect(o?.value).toBeNull();
    expect(o?.flags).toContain('not_applicable');
    const exempted = national.filter(
      (x) => x.Code_Departement === '95' && x['Commune_exemptée_2023_2025'] === '1',
    );
    const dep = await obs(db, 'sru_logements_manquants', 'departement', '95', 2024);
    const members = national.filter((x) => x.Code_Departement === '95').length - exempted.length;
    expect(dep?.note).toMatch(new RegExp(`sur ${members}\\b`));
  });
});

describe('série 2004–2022 : dates, faux zéros, communes fusionnées', () => {
  const rows = readMirrorCsv('sru', 'derived_Total_social_housing_2004_2022.csv', ',');
  const row = (code: string) => rows.find((r) => r.cod === code)!;
  const n = (code: string, col: string) => Number(row(code)[col]);

  it('Paris : 255 355 logements sociaux au 1er janvier 2020 et 250 618 au 1er janvier 2019 (chiffres de l’APUR)', async () => {
    expect(n('75056', 'social_units_2021')).toBe(255355);
    expect((await obs(db, 'sru_lls', 'commune', '75056', 2020))?.value).toBe(255355);
    expect((await obs(db, 'sru_lls', 'commune', '75056', 2019))?.value).toBe(250618);
  });

  it('Antony 20,55 % et Asnières 18,52 % au 1er janvier 2012 (chiffres du département des Hauts-de-Seine)', async () => {
    expect((await obs(db, 'sru_taux', 'commune', '92002', 2012))?.value).toBe(20.55);
    expect((await obs(db, 'sru_taux', 'commune', '92004', 2012))?.value).toBe(18.52);
  });

  it('Roubaix : 0 logement social dans la série = non inventoriée, jamais 0 %', async () => {
    expect(n('59512', 'social_units_2021')).toBe(0);
    expect(n('59512', 'Total_unit_2021')).toBeGreaterThan(0);
    const t = await obs(db, 'sru_taux', 'commune', '59512', 2020);
    expect(t?.value).toBeNull();
    expect(t?.flags).toContain('not_inventoried');
    expect((await obs(db, 'sru_lls', 'commune', '59512', 2020))?.value).toBeNull();
  });

  it('Annecy : avant la fusion (2016), la commune et ses 5 anciennes communes ; après (2017), sa ligne seule (pas +6 165)', async () => {
    const former = ['74011', '74093', '74182', '74217', '74268'];
    const before = ['74010', ...former].reduce((a, c) => a + n(c, 'social_units_2017'), 0);
    expect((await obs(db, 'sru_lls', 'commune', '74010', 2016))?.value).toBe(before);
    expect((await obs(db, 'sru_lls', 'commune', '74010', 2017))?.value).toBe(n('74010', 'social_units_2018'));
    const frozen = former.reduce((a, c) => a + n(c, 'social_units_2018'), 0);
    expect(frozen).toBe(6165);
  });

  it('Cherbourg-en-Cotentin : 16 516 au 1er janvier 2021, pas 22 387', async () => {
    expect((await obs(db, 'sru_lls', 'commune', '50129', 2021))?.value).toBe(n('50129', 'social_units_2022'));
    expect(n('50129', 'social_units_2022')).toBe(16516);
  });

  it('Dunkerque : jamais les 279 logements figés de Fort-Mardyck', async () => {
    const rowsD = await db.all<{ year: number; value: number | null }>(
      `SELECT year, value FROM observations WHERE indicator = 'sru_lls' AND level = 'commune' AND code = '59183'`,
    );
    expect(rowsD.length).toBeGreaterThan(10);
    expect(rowsD.filter((r) => r.value === 279)).toEqual([]);
  });

  it('changement de source (série → fichier officiel → copie retraitée) : signalé, la courbe est coupée', async () => {
    const t24 = await obs(db, 'sru_lls', 'commune', '92048', 2024);
    expect(t24?.flags).toContain('source_change');
    const t25 = await obs(db, 'sru_lls', 'commune', '92048', 2025);
    expect(t25?.flags).toContain('source_change');
    expect((await obs(db, 'sru_lls', 'commune', '92048', 2021))?.flags).not.toContain('source_change');
  });
});

describe('un total, une date ; une valeur douteuse ne rend pas le total douteux', () => {
  it('92 en 2025 : Neuilly sans taux, le total est partiel et sa note la nomme', async () => {
    const dep = await obs(db, 'sru_taux', 'departement', '92', 2025);
    expect(dep?.flags).toContain('partial');
    expect(dep?.note).toMatch(/Neuilly-sur-Seine \(92051\)/);
  });

  it('La Forêt-le-Roi (228 foyers RSA pour 100 ménages) : signalée, mais l’Essonne et l’Île-de-France ne le sont pas', async () => {
    const c = await obs(db, 'caf_rsa_pour_100_menages', 'commune', '91247');
    expect(c?.flags).toContain('suspect');
    for (const [level, code] of [
      ['departement', '91'],
      ['region', '11'],
    ] as const) {
      const t = await obs(db, 'caf_rsa_pour_100_menages', level, code, c!.year);
      expect(t?.value).not.toBeNull();
      expect(t?.flags).not.toContain('suspect');
      expect(t?.note).toMatch(/La Forêt-le-Roi \(91247\)/);
    }
  });

  it('petits effectifs (moins de 100 ménages ou de 20 foyers RSA) : signalés, et jamais classés', async () => {
    const small = await db.all<{ code: string; numerator: number; denominator: number; flags: string[] }>(
      `SELECT code, numerator, denominator, flags FROM observations WHERE indicator = 'caf_rsa_pour_100_menages'
       AND level = 'commune' AND value IS NOT NULL AND code LIKE '89%' AND year = 2024`,
    );
    for (const r of small)
      expect(r.flags.includes('small_count'), r.code).toBe(r.denominator < 100 || r.numerator < 20);
    expect(small.some((r) => r.flags.includes('small_count'))).toBe(true);
  });
});

describe('commune fusionnée après la date du fichier, ancienne commune absente : valeur partielle', () => {
  it('la liste du pipeline est celle que disent les fichiers (table de passage, fichier national, série historique)', () => {
    const national = new Set(readMirrorCsv('sru', NATIONAL, ';', 'cp1252').map((r) => r.Code_INSEE_commune!));
    const history = readMirrorCsv('sru', 'derived_Total_social_housing_2004_2022.csv', ',');
    const subject = new Set(history.filter((r) => Number(r.social_units_2022) > 0).map((r) => r.cod!));
    // mergers dated after the inventory (1 January 2024): « 32@2025-01-01:93059>93066 »
    const found: Record<string, string[]> = {};
    for (const r of readMirrorCsv('geo', 'crosswalk-communes-cog2018-cog2025.csv', ',')) {
      const dates = [...(r.mouvements ?? '').matchAll(/@(\d{4}-\d\d-\d\d)/g)].map((m) => m[1]!);
      if (r.code_2018 === r.code_2025 || !dates.some((d) => d > '2024-01-01')) continue;
      if (national.has(r.code_2025!) && !national.has(r.code_2018!) && subject.has(r.code_2018!))
        (found[r.code_2025!] ??= []).push(r.code_2018!);
    }
    const listed = Object.fromEntries(
      PARTIAL_AFTER_MERGER.filter((m) => m.resource === 'sru-officiel-2025-v2').map((m) => [
        m.code,
        m.missing.map((x) => x.code),
      ]),
    );
    expect(listed).toEqual(found);
  });

  it('Saint-Denis au 1er janvier 2024 : partielle, Pierrefitte nommée ; la Seine-Saint-Denis et Plaine Commune le disent ; pas d’« évolution » 2024 → 2025', async () => {
    for (const m of PARTIAL_AFTER_MERGER) {
      const lls = await obs(db, 'sru_lls', 'commune', m.code, 2024);
      expect(lls?.flags).toContain('partial');
      for (const x of m.missing) expect(lls?.note).toContain(`${x.name} (${x.code})`);
      // 2024 (former Saint-Denis) → 2025 (the merged commune): not an evolution
      const cur = await obs(db, 'sru_lls', 'commune', m.code, 2025);
      const point = (o: typeof lls): Point => ({
        year: o!.year,
        value: o!.value,
        low: o!.low ?? null,
        high: o!.high ?? null,
        flags: o!.flags,
        note: o!.note,
        source_id: o!.source_id!,
        reference_text: '',
      });
      expect(perimeterMismatch(point(lls), point(cur))).toMatch(/ne couvre pas tout le territoire/);
      const parents = await db.all<{ departement: string; ept: string | null }>(
        `SELECT departement, ept FROM territories WHERE level = 'commune' AND code = $code`,
        { code: m.code },
      );
      for (const [level, code] of [
        ['departement', parents[0]!.departement],
        ['ept', parents[0]!.ept],
      ] as const) {
        if (!code) continue;
        const total = await obs(db, 'sru_lls', level, code, 2024);
        expect(total?.flags, `${level} ${code}`).toContain('partial');
        expect(total?.note, `${level} ${code}`).toContain(`(${m.code})`);
      }
    }
  });
});
