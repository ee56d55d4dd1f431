import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db.js';
import { ROOT } from '../../core/paths.js';
import { indicator } from '../../core/registry.js';
import { loadTerritoryIndex } from '../../pipelines/build.js';
import {
  CAF_RESOURCES,
  CAF_ROUAGES_RESOURCES,
  CafAccumulator,
  cafPipeline,
  readRouagesCafJson,
} from '../../pipelines/caf/index.js';
import { HAUTS_DE_SEINE } from '../../pipelines/checks.js';
import { InputError } from '../../pipelines/lib/errors.js';
import {
  emptyStats,
  type ObservationRow,
  type PipelineContext,
  type TerritoryIndex,
} from '../../pipelines/lib/pipeline.js';
import type { Resource, ResolvedResource } from '../../pipelines/lib/resources.js';
import { FULL_MIRROR, mirrorFile, obs, openTestDb, readMirrorJson } from '../helpers.js';

/** Value order of the rouages.fr arrays, as documented in caf/PROVENANCE.md (§1). */
const ORDER = [
  'caf_foyers_allocataires', // indfoy_ndur
  'caf_personnes_couvertes', // indnbp_ndur
  'caf_foyers_rsa', // indfoy_rsa
  'caf_foyers_prime_activite', // indfoy_ppa
  'caf_foyers_aide_logement', // indfoy_ndural
  'caf_foyers_af', // indfoy_af
  'caf_foyers_paje', // indfoy_ndurpaje
];

type RouagesCaf = { maj: string; annees: number[]; c: Record<string, [(number[] | null)[], 0 | 1]> };
const rouages = (dep: string) =>
  readMirrorJson<RouagesCaf>('caf', `derived_rouages_${dep}-caf_s_ben_com_f_2020-2024.json`);

let db: Db;
let territories: TerritoryIndex;
beforeAll(async () => {
  db = await openTestDb();
  territories = await loadTerritoryIndex(db);
});
afterAll(() => db.close());

describe('CAF — extraits rouages.fr de Cafdata s_ben_com_f (décembre 2020–2024)', () => {
  const files = { '92': rouages('92'), '13': rouages('13'), '89': rouages('89') };

  it.each([
    ['92', '92050'],
    ['92', '92036'],
    ['92', '92051'],
    ['13', '13001'],
    ['89', '89387'],
  ] as const)(
    '%s/%s : les 7 effectifs de chaque année égaux au fichier, signalés arrondis et retraités',
    async (dep, code) => {
      const f = files[dep];
      const [series] = f.c[code]!;
      for (const [i, year] of f.annees.entries()) {
        for (const [j, id] of ORDER.entries()) {
          const raw = series[i]![j]!;
          expect(raw).toBeGreaterThan(0);
          const o = await obs(db, id, 'commune', code, year);
          expect(o?.value, `${id} ${code} ${year}`).toBe(raw);
          expect(o?.flags).toContain('rounded');
          expect(o?.flags).toContain('derived');
          expect(o?.flags).not.toContain('masked');
        }
      }
    },
  );

  it('Nanterre : décembre 2024 lu dans l’ordre documenté (foyers, personnes, RSA…)', async () => {
    const dec2024 = files['92'].c['92050']![0][files['92'].annees.indexOf(2024)]!;
    expect((await obs(db, 'caf_foyers_rsa', 'commune', '92050', 2024))?.value).toBe(dec2024[2]);
    expect((await obs(db, 'caf_foyers_aide_logement', 'commune', '92050', 2024))?.value).toBe(dec2024[4]);
  });

  it('un 0 de l’extrait (0 ou case vide) est chargé masqué avec sa raison, jamais 0 (89049 et tous les 0 du 89)', async () => {
    const f = files['89'];
    expect(f.c['89049']![0].every((y) => y !== null && y.every((v) => v === 0))).toBe(true);
    const zero = await obs(db, 'caf_foyers_rsa', 'commune', '89049', 2024);
    expect(zero?.value).toBeNull();
    expect(zero?.flags).toContain('masked');
    expect(zero?.flags).not.toContain('rounded');
    expect(zero?.note).toMatch(/vaut 0 ou une case vide/);
    // Every 0 of the 89 file: none is stored as a number.
    const zeros: { indicator: string; code: string; year: number }[] = [];
    for (const [code, [series]] of Object.entries(f.c))
      series.forEach((vals, i) =>
        vals?.forEach((v, j) => {
          if (v === 0) zeros.push({ indicator: ORDER[j]!, code, year: f.annees[i]! });
        }),
      );
    expect(zeros.length).toBeGreaterThan(FULL_MIRROR ? 1000 : 50);
    const rows = await db.all<{ n: number; nvalue: number; nmasked: number }>(
      `SELECT count(*)::INTEGER AS n, count(o.value)::INTEGER AS nvalue,
              count(*) FILTER (WHERE list_contains(o.flags, 'masked'))::INTEGER AS nmasked
       FROM observations o JOIN (SELECT unnest($keys::JSON::VARCHAR[]) AS k) z
         ON o.indicator || '|' || o.code || '|' || o.year = z.k
       WHERE o.level = 'commune'`,
      { keys: JSON.stringify(zeros.map((z) => `${z.indicator}|${z.code}|${z.year}`)) },
    );
    expect(rows[0]).toEqual({ n: zeros.length, nvalue: 0, nmasked: zeros.length });
  });

  it('une année null (89191 Gland, 2023) est masquée', async () => {
    const f = files['89'];
    expect(f.c['89191']![0][f.annees.indexOf(2023)]).toBeNull();
    const o = await obs(db, 'caf_foyers_allocataires', 'commune', '89191', 2023);
    expect(o?.value).toBeNull();
    expect(o?.flags).toContain('masked');
    expect(o?.note).toMatch(/null/);
  });

  it('Paris (drapeau PLM) : valeur du fichier, note « somme des arrondissements », somme d’arrondis', async () => {
    const f = rouages('75');
    expect(f.c['75056']![1]).toBe(1);
    const o = await obs(db, 'caf_foyers_rsa', 'commune', '75056', 2024);
    expect(o?.value).toBe(f.c['75056']![0][f.annees.indexOf(2024)]![2]);
    expect(o?.note).toMatch(/somme des arrondissements/);
    expect(o?.flags).toContain('sum_of_rounded');
  });

  it('les 36 communes du 92 sont chargées pour chaque année', async () => {
    for (const year of files['92'].annees) {
      const rows = await db.all<{ code: string }>(
        `SELECT code FROM observations WHERE indicator = 'caf_foyers_rsa' AND level = 'commune'
         AND year = $year AND code LIKE '92%' AND value IS NOT NULL ORDER BY code`,
        { year },
      );
      expect(rows.map((r) => r.code)).toEqual(HAUTS_DE_SEINE);
    }
  });

  it('agrégat du 92 = somme des 36 communes du fichier, signalé « somme d’arrondis » (pas un chiffre départemental exact)', async () => {
    const f = files['92'];
    expect(Object.keys(f.c)).toHaveLength(36);
    for (const [i, year] of f.annees.entries()) {
      for (const [j, id] of ORDER.entries()) {
        const sum = Object.values(f.c).reduce((a, [series]) => a + series[i]![j]!, 0);
        const dep = await obs(db, id, 'departement', '92', year);
        expect(dep?.value, `${id} ${year}`).toBe(sum);
        expect(dep?.flags).toContain('sum_of_rounded');
        expect(dep?.flags).not.toContain('partial');
      }
    }
  });

  it('EPT et région : agrégats signalés somme d’arrondis ; pas de valeur France (10 départements seulement)', async () => {
    const ept = await db.all<{ flags: string[] }>(
      `SELECT flags FROM observations WHERE indicator = 'caf_foyers_rsa' AND level = 'ept' AND year = 2024`,
    );
    expect(ept.length).toBeGreaterThan(0);
    for (const r of ept) expect(r.flags).toContain('sum_of_rounded');
    expect(await obs(db, 'caf_foyers_rsa', 'france', 'FR', 2024)).toBeUndefined();
  });
});

describe('CAF — registre', () => {
  it('foyers RSA pour 100 ménages : déclaré (rapport, numérateur RSA, dénominateur ménages), calculé hors de la famille CAF', async () => {
    const def = indicator('caf_rsa_pour_100_menages');
    expect(def.label).toBe('Foyers allocataires du RSA pour 100 ménages');
    expect(def.unit).toBe('pour_100');
    expect(def.aggregation).toBe('ratio');
    expect(def.numerator).toBe('caf_foyers_rsa');
    expect(def.denominator).toBe('menages');
    expect(def.caveats.join(' ')).toMatch(/foyer allocataire n’est pas un ménage/);
    expect(def.derive).toBeDefined(); // computed by pipelines/derived.ts (see test/pipelines/derived.test.ts)
  });

  it('chaque effectif CAF : somme, référence « droits de décembre {year} »', () => {
    for (const id of ORDER) {
      expect(indicator(id).aggregation).toBe('sum');
      expect(indicator(id).reference).toBe('droits de décembre {year}');
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Network formats, on small synthetic fixtures

const FIXTURES = join(ROOT, 'test', 'fixtures', 'caf');
const dir = mkdtempSync(join(tmpdir(), 'obs-caf-'));

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
  return cafPipeline.run(ctx, new Map(inputs.map((r) => [r.id, r])));
}
const find = (rows: ObservationRow[], ind: string, code: string, year: number) =>
  rows.find((r) => r.indicator === ind && r.code === code && r.year === year);

describe('CAF — export CSV Cafdata s_ben_com_f (fixture synthétique)', () => {
  const fixture = join(FIXTURES, 's_ben_com_f_synthetique.csv');
  const raw = parse(readFileSync(fixture, 'utf8'), { delimiter: ';', columns: true, bom: true }) as Record<
    string,
    string
  >[];
  const row = (dt: string, code: string) => raw.find((r) => r.dtreffre === dt && r.numcomdo === code)!;

  it('décembre seulement ; effectifs égaux au fichier, arrondis, sans drapeau « retraité »', async () => {
    const out = await run([resolved(CAF_RESOURCES.sBenComF, fixture)]);
    const o = find(out.observations!, 'caf_foyers_allocataires', '92050', 2024)!;
    expect(o.value).toBe(Number(row('202412', '92050').indfoy_ndur));
    expect(o.flags).toContain('rounded');
    expect(o.flags).not.toContain('derived');
    expect(find(out.observations!, 'caf_foyers_paje', '92050', 2023)?.value).toBe(
      Number(row('202312', '92050').indfoy_ndurpaje),
    );
    const st = out.stats[CAF_RESOURCES.sBenComF.id]!;
    expect(st.rejected['mois autre que décembre (non retenu)']).toBe(1);
    expect(st.rejected['code commune inconnu du COG 2025 (99999)']).toBe(1);
    expect(out.observations!.some((r) => r.year === 2024 && r.value === 22800)).toBe(false);
  });

  it('Paris publié par arrondissement : somme des arrondissements, signalée somme d’arrondis', async () => {
    const out = await run([resolved(CAF_RESOURCES.sBenComF, fixture)]);
    const o = find(out.observations!, 'caf_foyers_rsa', '75056', 2024)!;
    expect(o.value).toBe(
      Number(row('202412', '75101').indfoy_rsa) + Number(row('202412', '75102').indfoy_rsa),
    );
    expect(o.flags).toEqual(expect.arrayContaining(['rounded', 'sum_of_rounded']));
    expect(o.note).toMatch(/somme des 2 arrondissements/);
  });

  it('cases vides, « s », « nd » → masquées avec leur raison ; un 0 du fichier officiel reste 0', async () => {
    const out = await run([resolved(CAF_RESOURCES.sBenComF, fixture)]);
    const blank = find(out.observations!, 'caf_foyers_rsa', '89049', 2024)!;
    expect(blank.value).toBeNull();
    expect(blank.flags).toContain('masked');
    expect(blank.note).toMatch(/cellule vide/);
    const s = find(out.observations!, 'caf_foyers_allocataires', '89049', 2023)!;
    expect(s.value).toBeNull();
    expect(s.note).toMatch(/secret statistique/);
    expect(find(out.observations!, 'caf_personnes_couvertes', '89049', 2023)?.note).toMatch(/non disponible/);
    expect(find(out.observations!, 'caf_foyers_rsa', '89049', 2023)?.value).toBe(0);
  });

  it('le fichier officiel l’emporte sur l’extrait retraité ; l’extrait reste utilisé ailleurs', async () => {
    const r92 = CAF_ROUAGES_RESOURCES.find((r) => r.id === 'caf-rouages-92')!;
    const out = await run([
      resolved(CAF_RESOURCES.sBenComF, fixture),
      resolved(r92, mirrorFile('caf', r92.file)),
    ]);
    const o = find(out.observations!, 'caf_foyers_allocataires', '92050', 2024)!;
    expect(o.value).toBe(Number(row('202412', '92050').indfoy_ndur));
    expect(o.value).not.toBe(rouages('92').c['92050']![0][4]![0]);
    expect(o.source_id).toBe(CAF_RESOURCES.sBenComF.id);
    const other = find(out.observations!, 'caf_foyers_allocataires', '92036', 2024)!;
    expect(other.source_id).toBe('caf-rouages-92');
    expect(other.value).toBe(rouages('92').c['92036']![0][4]![0]);
  });

  const header = 'dtreffre;numcomdo;indfoy_ndur;indfoy_rsa\n';
  it.each([
    [
      'texte dans un effectif',
      `${header}202412;92050;abc;5\n`,
      /ligne 2, colonne « indfoy_ndur » : nombre attendu/,
    ],
    [
      'effectif décimal',
      `${header}202412;92050;12,5;5\n`,
      /ligne 2, colonne « indfoy_ndur » : effectif entier/,
    ],
    [
      'code en double',
      `${header}202412;92050;10;5\n202412;92050;10;5\n`,
      /ligne 3, colonne « numcomdo » : commune 92050 en double/,
    ],
    [
      'date illisible',
      `${header}déc-24;92050;10;5\n`,
      /ligne 2, colonne « dtreffre » : date de référence AAAAMM/,
    ],
    ['disposition inconnue', 'date;commune;total\n202412;92050;10\n', /en-tête attendu introuvable/],
    [
      'aucune colonne de comptage',
      'dtreffre;numcomdo;autre\n202412;92050;10\n',
      /aucune colonne de comptage connue/,
    ],
  ])('%s → erreur qui nomme fichier, ligne et colonne', async (_label, content, message) => {
    const p = write('s_ben_com_f.csv', content);
    await expect(run([resolved(CAF_RESOURCES.sBenComF, p)])).rejects.toThrowError(message);
    await expect(run([resolved(CAF_RESOURCES.sBenComF, p)])).rejects.toBeInstanceOf(InputError);
  });
});

describe('CAF — export CSV Cafdata rsa_s_type_com_f (fixture synthétique, repli pour les foyers RSA)', () => {
  const fixture = join(FIXTURES, 'rsa_s_type_com_f_synthetique.csv');
  const raw = parse(readFileSync(fixture, 'utf8'), { delimiter: ';', columns: true }) as Record<
    string,
    string
  >[];

  it('RSA majoré + non majoré sommés (décembre seulement), somme d’arrondis ; une part vide masque le total', async () => {
    const out = await run([resolved(CAF_RESOURCES.rsaType, fixture)]);
    const expected = raw
      .filter((r) => r.numcomdo === '92036' && r.dtreffre === '202412')
      .reduce((a, r) => a + Number(r.indfoy_rsa), 0);
    const o = find(out.observations!, 'caf_foyers_rsa', '92036', 2024)!;
    expect(o.value).toBe(expected);
    expect(o.flags).toEqual(expect.arrayContaining(['rounded', 'sum_of_rounded']));
    const partial = find(out.observations!, 'caf_foyers_rsa', '92047', 2024)!;
    expect(partial.value).toBeNull();
    expect(partial.flags).toContain('masked');
    expect(partial.note).toMatch(/somme incomplète/);
    expect(out.stats[CAF_RESOURCES.rsaType.id]!.rejected['mois autre que décembre (non retenu)']).toBe(1);
  });

  it('l’extrait s_ben_com_f (un seul arrondi) passe avant la somme des types', async () => {
    const r92 = CAF_ROUAGES_RESOURCES.find((r) => r.id === 'caf-rouages-92')!;
    const out = await run([
      resolved(CAF_RESOURCES.rsaType, fixture),
      resolved(r92, mirrorFile('caf', r92.file)),
    ]);
    expect(find(out.observations!, 'caf_foyers_rsa', '92036', 2024)?.source_id).toBe('caf-rouages-92');
  });
});

describe('CAF — extrait rouages.fr mal formé', () => {
  const res = CAF_ROUAGES_RESOURCES[0]!;
  const read = (json: unknown) =>
    readRouagesCafJson(JSON.stringify(json), res, { territories }, emptyStats(), new CafAccumulator());

  it('texte dans un effectif → erreur qui nomme le fichier et la case', () => {
    expect(() =>
      read({ maj: 'x', annees: [2024], c: { '92050': [[[1, 2, 'abc', 4, 5, 6, 7]], 0] } }),
    ).toThrowError(/derived_rouages_75-caf_s_ben_com_f_2020-2024\.json, colonne « c\.92050\.0\.0\.2 »/);
  });

  it('nombre d’années différent de « annees » → erreur', () => {
    expect(() =>
      read({ maj: 'x', annees: [2023, 2024], c: { '92050': [[[1, 2, 3, 4, 5, 6, 7]], 0] } }),
    ).toThrowError(/1 années au lieu de 2/);
  });

  it('structure inconnue → erreur', () => {
    expect(() => read({ communes: {} })).toThrowError(InputError);
  });

  it('une commune présente dans deux extraits du même rang : valeurs différentes → erreur (pas de choix silencieux), identiques → une seule ligne', () => {
    const acc = new CafAccumulator();
    const json = (n: number) =>
      JSON.stringify({ maj: 'x', annees: [2024], c: { '92050': [[[n, 5, 5, 5, 5, 5, 5]], 0] } });
    readRouagesCafJson(json(5), CAF_ROUAGES_RESOURCES[4]!, { territories }, emptyStats(), acc);
    readRouagesCafJson(json(10), CAF_ROUAGES_RESOURCES[5]!, { territories }, emptyStats(), acc);
    expect(() => acc.observations({})).toThrowError(/deux valeurs de même rang/);
    const same = new CafAccumulator();
    readRouagesCafJson(json(5), CAF_ROUAGES_RESOURCES[4]!, { territories }, emptyStats(), same);
    readRouagesCafJson(json(5), CAF_ROUAGES_RESOURCES[5]!, { territories }, emptyStats(), same);
    const rows = same.observations({}).filter((o) => o.code === '92050' && o.year === 2024);
    expect(new Set(rows.map((o) => o.indicator)).size).toBe(rows.length);
  });
});
