import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db.js';
import { indicator } from '../../core/registry.js';
import { HAUTS_DE_SEINE } from '../../pipelines/checks.js';
import { MENAGES_RESOURCES, runMenages } from '../../pipelines/insee/menages.js';
import type { ObservationRow, SourceStats } from '../../pipelines/lib/pipeline.js';
import type { ResolvedResource } from '../../pipelines/lib/resources.js';
import { FULL_MIRROR, obs, openTestDb, readMirrorJson } from '../helpers.js';
import { fakeIndex, resolvedAt, tempDir } from './synthetic.js';

type Vec = (number | null)[];
interface Parc {
  maj: string;
  millesimes: number[];
  libelles: string[];
  dep: Vec[];
  france: Vec[];
  c: Record<string, Vec[]>;
}
const file = (dep: string) => `derived_rouages_${dep}-parc_rp2023_rp2012.json`;
const raw = (dep: string) => readMirrorJson<Parc>('insee', file(dep));

// Index in the 9-value vectors, as documented in PROVENANCE.md §2.
const IDX = { logements: 0, menages: 1, logements_vacants: 3, locataires_hlm: 6 } as const;

describe('Recensement 2023 et 2012 — ménages et locataires HLM (extraits rouages du miroir)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db.close());

  it.each([
    ['92050', '92'],
    ['92036', '92'],
    ['92051', '92'],
    ['13001', '13'],
    ['89387', '89'],
    ['75056', '75'],
  ])(
    '%s : ménages, locataires HLM, logements et vacants égaux au fichier, pour 2023 et 2012',
    async (code, dep) => {
      const f = raw(dep);
      expect(f.millesimes).toEqual([2023, 2012]);
      for (const [y, year] of f.millesimes.entries()) {
        const vec = f.c[code]![y]!;
        for (const [ind, i] of Object.entries(IDX)) {
          const o = await obs(db, ind, 'commune', code, year);
          expect(o?.value, `${ind} ${code} ${year}`).toBe(vec[i]);
          expect(o?.flags).toEqual(['derived']);
          expect(o?.source_id).toBe(`insee-rp-logement-${dep}`);
        }
      }
    },
  );

  it('Nanterre : part des locataires HLM = locataires ÷ ménages × 100, numérateur et dénominateur conservés', async () => {
    const [v2023, v2012] = raw('92').c['92050']!;
    for (const [year, v] of [
      [2023, v2023!],
      [2012, v2012!],
    ] as const) {
      const o = await obs(db, 'part_locataires_hlm', 'commune', '92050', year);
      expect(o?.value).toBeCloseTo((100 * v[IDX.locataires_hlm]!) / v[IDX.menages]!, 10);
      expect(o?.numerator).toBe(v[IDX.locataires_hlm]);
      expect(o?.denominator).toBe(v[IDX.menages]);
    }
    // The provenance note quotes 44.9 % for 2023.
    expect((await obs(db, 'part_locataires_hlm', 'commune', '92050', 2023))?.value).toBeCloseTo(44.9, 1);
  });

  it('Hauts-de-Seine : les 36 communes, et le total chargé est celui publié dans le fichier (pas la somme des communes)', async () => {
    const f = raw('92');
    expect(Object.keys(f.c).sort()).toEqual(HAUTS_DE_SEINE);
    for (const [y, year] of f.millesimes.entries()) {
      for (const [ind, i] of Object.entries(IDX)) {
        const o = await obs(db, ind, 'departement', '92', year);
        expect(o?.value, `${ind} ${year}`).toBe(f.dep[y]![i]);
        expect(o?.note).toMatch(/publié dans le fichier/);
      }
      const part = await obs(db, 'part_locataires_hlm', 'departement', '92', year);
      expect(part?.numerator).toBe(f.dep[y]![IDX.locataires_hlm]);
      expect(part?.denominator).toBe(f.dep[y]![IDX.menages]);
    }
    // The sum of the communes differs by rounding (754 910.8 vs 754 910.7): the producer value is the one kept.
    const sum = Object.values(f.c).reduce((a, v) => a + v[0]![IDX.menages]!, 0);
    expect(Math.abs(sum - f.dep[0]![IDX.menages]!)).toBeGreaterThan(0.05);
    expect((await obs(db, 'menages', 'departement', '92', 2023))?.value).not.toBeCloseTo(sum, 2);
  });

  it.runIf(FULL_MIRROR)(
    'France : valeurs publiées dans les fichiers ; Île-de-France : somme des communes des 8 départements',
    async () => {
      const f = raw('92');
      expect((await obs(db, 'menages', 'france', 'FR', 2023))?.value).toBe(f.france[0]![IDX.menages]);
      expect((await obs(db, 'locataires_hlm', 'france', 'FR', 2012))?.value).toBe(
        f.france[1]![IDX.locataires_hlm],
      );
      let sum = 0;
      for (const dep of ['75', '77', '78', '91', '92', '93', '94', '95'])
        sum += Object.values(raw(dep).c).reduce((a, v) => a + v[0]![IDX.menages]!, 0);
      const idf = await obs(db, 'menages', 'region', '11', 2023);
      expect(idf?.value).toBeCloseTo(sum, 4);
      expect(idf?.flags).not.toContain('partial');
      // Only 10 départements: no computed aggregate for other régions.
      expect(await obs(db, 'menages', 'region', '84', 2023)).toBeUndefined();
    },
  );

  it('registre : sources d’estimation, avertissements INSEE (< 200, millésimes proches) et extrait retraité', () => {
    const caveats = indicator('menages').caveats.join(' ');
    expect(caveats).toMatch(/inférieures à 200/);
    expect(caveats).toMatch(/5 ans/);
    expect(indicator('part_locataires_hlm')).toMatchObject({
      aggregation: 'ratio',
      numerator: 'locataires_hlm',
      denominator: 'menages',
      scale: 100,
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Synthetic files: every bad-input case handled.

const LABELS = [
  'Logements',
  'Résidences principales',
  'Résidences secondaires et logements occasionnels',
  'Logements vacants',
  'Propriétaires',
  'Locataires du parc privé',
  'Locataires d’un logement social',
  'Locataires d’un meublé',
  'Logés gratuitement',
];
const V = (rp: number, hlm: number): Vec => [rp + 10, rp, 5, 5, rp - hlm, 0, hlm, 0, 0];
const base = (c: Record<string, unknown>, over: Record<string, unknown> = {}) =>
  JSON.stringify({
    maj: '2026-10-09',
    millesimes: [2023, 2012],
    libelles: LABELS,
    dep: [V(1000, 300), V(900, 250)],
    france: [V(31e6, 4.5e6), V(28e6, 4.1e6)],
    c,
    ...over,
  });

function run(files: Record<string, string>): { out: ObservationRow[]; stats: Record<string, SourceStats> } {
  const dir = tempDir('menages-');
  const inputs = new Map<string, ResolvedResource>();
  for (const [dep, text] of Object.entries(files)) {
    const res = MENAGES_RESOURCES.find((r) => r.id === `insee-rp-logement-${dep}`)!;
    inputs.set(res.id, resolvedAt(dir, res, text));
  }
  const stats: Record<string, SourceStats> = {};
  return { out: runMenages({ territories: fakeIndex() }, inputs, stats), stats };
}
const pick = (out: ObservationRow[], ind: string, level: string, code: string, year: number) =>
  out.find((o) => o.indicator === ind && o.level === level && o.code === code && o.year === year);

describe('Recensement — fichiers synthétiques', () => {
  it('millésime null et valeur null : valeurs manquantes avec leur raison, part non calculée', () => {
    const hole: Vec = V(500, 100);
    hole[IDX.locataires_hlm] = null;
    const { out } = run({ '92': base({ '92050': [hole, null], '92036': [V(150, 20), V(140, 10)] }) });
    const hlm = pick(out, 'locataires_hlm', 'commune', '92050', 2023)!;
    expect(hlm).toMatchObject({ value: null, note: 'valeur absente du fichier (null)' });
    expect(hlm.flags).toEqual(['derived', 'masked']);
    expect(pick(out, 'menages', 'commune', '92050', 2023)?.value).toBe(500);
    const part = pick(out, 'part_locataires_hlm', 'commune', '92050', 2023)!;
    expect(part.value).toBeNull();
    expect(part.note).toMatch(/non calculable : locataires HLM/);
    const y2012 = pick(out, 'menages', 'commune', '92050', 2012)!;
    expect(y2012.value).toBeNull();
    expect(y2012.note).toMatch(/millésime absent/);
    // Small estimates keep their value with INSEE's warning.
    expect(pick(out, 'menages', 'commune', '92036', 2023)).toMatchObject({ value: 150 });
    expect(pick(out, 'menages', 'commune', '92036', 2023)?.note).toMatch(/inférieure à 200/);
  });

  it('arrondissements : sommés en 75056 ; total département et France publiés chargés tels quels', () => {
    const { out } = run({
      '75': base({ '75101': [V(100, 10), V(90, 9)], '75102': [V(200, 30), V(180, 20)] }),
    });
    const paris = pick(out, 'menages', 'commune', '75056', 2023)!;
    expect(paris.value).toBe(300);
    expect(paris.note).toMatch(/somme des codes 75101, 75102/);
    expect(pick(out, 'part_locataires_hlm', 'commune', '75056', 2023)).toMatchObject({
      numerator: 40,
      denominator: 300,
    });
    expect(pick(out, 'menages', 'departement', '75', 2023)?.value).toBe(1000);
    expect(pick(out, 'menages', 'france', 'FR', 2012)?.value).toBe(28e6);
  });

  it('libellé inattendu à l’indice lu → erreur qui nomme le fichier et le champ', () => {
    const labels = [...LABELS];
    labels[6] = 'Locataires du parc privé';
    expect(() => run({ '92': base({ '92050': [V(1, 1), V(1, 1)] }, { libelles: labels }) })).toThrowError(
      /derived_rouages_92-parc_rp2023_rp2012\.json, colonne « libelles\.6 » : libellé « Locataires d’un logement social » attendu/,
    );
  });

  it('texte (« n.d. ») ou vecteur trop court → erreur qui nomme la commune', () => {
    const bad = V(1, 1) as unknown[];
    bad[1] = 'n.d.';
    expect(() => run({ '92': base({ '92050': [bad, V(1, 1)] }) })).toThrowError(
      /colonne « c\.92050\.0\.1 » : valeur inattendue/,
    );
    expect(() => run({ '92': base({ '92050': [[1, 2, 3], V(1, 1)] }) })).toThrowError(
      /colonne « c\.92050\.0 » : valeur inattendue/,
    );
    expect(() => run({ '92': base({ '92050': [V(1, 1)] }) })).toThrowError(
      /colonne « c\.92050 » : 2 millésimes attendus, 1 trouvés/,
    );
  });

  it('Paris sous son code et par arrondissement → erreur (double compte) ; code inconnu ou hors département → écarté et compté', () => {
    expect(() =>
      run({ '75': base({ '75056': [V(1, 1), V(1, 1)], '75101': [V(1, 1), V(1, 1)] }) }),
    ).toThrowError(
      /colonne « c\.75101 » : commune 75056 présente à la fois sous son code et par arrondissement/,
    );
    const { stats } = run({
      '92': base({ '92050': [V(1, 1), V(1, 1)], '99999': [V(1, 1), V(1, 1)], '13001': [V(1, 1), V(1, 1)] }),
    });
    expect(stats['insee-rp-logement-92']!.rejected).toEqual({
      'code commune inconnu du COG 2025 (99999)': 1,
      'commune 13001 hors du département 92 du fichier': 1,
    });
  });

  it('JSON illisible → erreur qui nomme le fichier', () => {
    expect(() => run({ '92': '{"maj":' })).toThrowError(
      /derived_rouages_92-parc_rp2023_rp2012\.json, ligne 1 : JSON illisible, fichier tronqué/,
    );
  });
});
