/**
 * Argument cards: the right figures and sentences for hand-made fiches (déficitaire, masked, partial,
 * different years) and for fiches served by the API on the test database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../server/store.js';
import { openTestApp, type App } from '../api/fixture.js';
import { copyText, generateArguments } from '../../web/src/features/arguments/generate.js';
import type { FicheLike, SourceLike } from '../../web/src/model/fiche.js';
import { DEP, EPT, FLAG_MEANINGS, FR, SOURCES, fiche, ind, obs } from './web-fiche-fixtures.js';

const nf = (n: number, d = 0) =>
  new Intl.NumberFormat('fr-FR', { minimumFractionDigits: d, maximumFractionDigits: d }).format(n);
const input = (f: FicheLike, sources: Record<string, SourceLike> = SOURCES) => ({
  fiche: f,
  sources,
  flags: FLAG_MEANINGS,
  origin: 'https://obs.example',
});

describe('cartes d’arguments (fiches construites à la main)', () => {
  const deficitaire = fiche(
    [
      ind('sru_taux', obs(20.37, 2025)),
      ind('sru_taux_cible', obs(25, 2025)),
      ind('sru_logements_manquants', obs(432, 2025, { flags: ['estimated'] })),
      ind('sru_deficitaire', obs(1, 2025)),
      ind('sru_carencee', obs(0, 2025)),
    ],
    [
      { territory: EPT, values: { sru_taux: obs(33.72, 2025) } },
      {
        territory: DEP,
        values: { sru_taux: obs(30.13, 2025, { flags: ['partial'], n_units: 35, n_units_expected: 36 }) },
      },
      { territory: FR, values: {} },
    ],
  );

  it('une commune déficitaire a la carte « logements manquants » avec le rythme annuel du mandat', () => {
    const cards = generateArguments(input(deficitaire));
    const c = cards.find((x) => x.id === 'sru-manquants')!;
    expect(c).toBeDefined();
    expect(c.figure).toMatchObject({ value: 432, year: 2025 });
    const perYear = Math.ceil(432 / 6);
    expect(perYear).toBe(72);
    expect(c.text).toContain(`il manque ${nf(432)} logements sociaux`);
    expect(c.text).toContain(`${nf(perYear)} logements sociaux de plus par an pendant 6 ans`);
    expect(c.text).toContain('2026-2032');
    expect(c.text).toMatch(/hypothèse : nombre de résidences principales constant/);
    expect(c.caveats.join(' ')).toContain(FLAG_MEANINGS.estimated!.badge);
    expect(c.permalink).toBe('https://obs.example/commune/99001#argument-sru-manquants');
  });

  it('le taux SRU est situé par rapport à l’objectif de la même année, comparé à l’EPT et au département', () => {
    const c = generateArguments(input(deficitaire)).find((x) => x.id === 'sru-taux')!;
    expect(c.text).toContain(
      `À Villetest, ${nf(20.37, 2)} % des résidences principales sont des logements sociaux`,
    );
    expect(c.text).toContain('(inventaire SRU au 1er janvier 2025)');
    expect(c.text).toContain(`en dessous de l’objectif légal de ${nf(25)} %`);
    expect(c.text).toContain(`${nf(33.72, 2)} % dans l’EPT Territoire Test`);
    expect(c.text).toContain(
      `${nf(30.13, 2)} % dans le département Testie (99) (calculé sur une partie des communes)`,
    );
    expect(c.source).toBe('Ministère du Logement, inventaire SRU au 1er janvier 2025');
    const text = copyText(c);
    expect(text).toContain(c.text);
    expect(text).toContain('Source : Ministère du Logement, inventaire SRU au 1er janvier 2025.');
    expect(text).toContain(c.permalink);
  });

  it('une valeur masquée ne produit aucune affirmation', () => {
    const masked = fiche([
      ind('sru_taux', obs(null, 2025)),
      ind('sru_taux_cible', obs(25, 2025)),
      ind('sru_logements_manquants', obs(null, 2025)),
      ind('sru_carencee', obs(null, 2025)),
      ind('caf_rsa_test', obs(null, 2024), { theme: 'precarite', unit: 'pour_100' }),
    ]);
    const cards = generateArguments(input(masked));
    expect(cards).toEqual([]);
    // a value present but flagged masked or suspect is not claimed either
    const flagged = fiche([
      ind('sru_taux', obs(12, 2025, { flags: ['masked'] })),
      ind('sru_logements_manquants', obs(150, 2025, { flags: ['suspect'] })),
    ]);
    expect(generateArguments(input(flagged))).toEqual([]);
  });

  it('ni chiffre incohérent, sans objet ou sur trop peu de cas, ni « prélèvement majoré » sur un prélèvement nul', () => {
    for (const flag of ['incoherent', 'not_applicable', 'small_count']) {
      const f = fiche([
        ind('sru_taux', obs(12, 2025, { flags: [flag] })),
        ind('sru_logements_manquants', obs(150, 2025, { flags: [flag] })),
        ind('sru_carencee', obs(1, 2025, { flags: [flag] })),
      ]);
      expect(generateArguments(input(f)), flag).toEqual([]);
    }
    const carence = (levy: number, flags: string[] = []) =>
      generateArguments(
        input(fiche([ind('sru_carencee', obs(1, 2025)), ind('sru_prelevement', obs(levy, 2025, { flags }))])),
      ).find((c) => c.id === 'sru-carence')!;
    expect(carence(0).text).not.toMatch(/majoré|Prélèvement SRU net/);
    expect(carence(125000, ['incoherent']).text).not.toMatch(/majoré|Prélèvement SRU net/);
    expect(carence(125000).text).toContain('le prélèvement de la commune est majoré');
    expect(carence(125000).text).toContain(`Prélèvement SRU net : ${nf(125000, 2)} €`);
  });

  it('un chiffre ancien le dit dans ses précautions', () => {
    const f = fiche([ind('caf_rsa_test', obs(8.2, 2014), { theme: 'precarite', unit: 'pour_100' })]);
    const c = generateArguments(input(f))[0]!;
    expect(c.caveats).toContain('chiffre de 2014');
  });

  it('pas de comparaison entre années différentes', () => {
    const f = fiche(
      [ind('sru_taux', obs(6.58, 2022)), ind('sru_taux_cible', obs(25, 2025))],
      [{ territory: DEP, values: { sru_taux: obs(30.13, 2025) } }],
    );
    const c = generateArguments(input(f)).find((x) => x.id === 'sru-taux')!;
    expect(c.text).not.toMatch(/en dessous|au-dessus|au niveau/);
    expect(c.text).not.toContain('30,13');
    expect(c.comparison).toBeNull();
    expect(c.caveats.join(' ')).toMatch(/pas de comparaison/);
    // a generic rate: the département's value of another year is not quoted
    const rsa = fiche(
      [
        ind('rsa_test', obs(8.2, 2024), {
          unit: 'pour_100',
          unit_symbol: 'pour 100 ménages',
          label: 'Foyers au RSA pour 100 ménages',
        }),
      ],
      [
        { territory: DEP, values: { rsa_test: obs(5.1, 2023) } },
        { territory: FR, values: { rsa_test: obs(6.0, 2024) } },
      ],
    );
    const r = generateArguments(input(rsa))[0]!;
    expect(r.text).toContain(`on compte ${nf(8.2, 1)} foyers au RSA pour 100 ménages`);
    expect(r.text).toContain(`contre ${nf(6, 1)} pour 100 ménages en France la même année`);
    expect(r.text).not.toContain(nf(5.1, 1));
  });

  it('au niveau EPT : somme des déficits, nombre de communes déficitaires et carencées', () => {
    const f = fiche(
      [
        ind('sru_taux', obs(21.78, 2025)),
        ind('sru_logements_manquants', obs(5806, 2025)),
        ind('sru_deficitaire', obs(3, 2025)),
        ind('sru_carencee', obs(2, 2025)),
      ],
      [{ territory: DEP, values: { sru_taux: obs(30.13, 2025) } }],
      EPT,
    );
    const cards = generateArguments(input(f));
    const m = cards.find((c) => c.id === 'sru-manquants')!;
    expect(m.text).toContain(`Dans l’EPT Territoire Test, il manque ${nf(5806)} logements sociaux`);
    expect(m.text).toContain(`des ${nf(3)} communes déficitaires`);
    expect(m.text).toContain(`${nf(Math.ceil(5806 / 6))} logements sociaux de plus par an`);
    expect(cards.find((c) => c.id === 'sru-carence')!.text).toContain(
      '2 communes sont sous arrêté de carence',
    );
    expect(cards.length).toBeLessThanOrEqual(6);
  });

  it('EPT à cheval sur deux départements : pas de comparaison avec « son » département', () => {
    const gosb = { ...EPT, extra: { departements: ['91', '94'] } };
    const f = fiche(
      [ind('sru_taux', obs(38.58, 2025))],
      [
        { territory: DEP, values: { sru_taux: obs(28.68, 2025) } },
        {
          territory: { level: 'region', code: '11', name: 'Île-de-France' },
          values: { sru_taux: obs(29.51, 2025) },
        },
      ],
      gosb,
    );
    const c = generateArguments(input(f)).find((x) => x.id === 'sru-taux')!;
    expect(c.text).not.toContain('Testie');
    expect(c.text).toContain(`${nf(29.51, 2)} % en région Île-de-France`);
  });

  it('au plus six cartes', () => {
    const many = fiche([
      ind('sru_taux', obs(20, 2025)),
      ind('sru_taux_cible', obs(25, 2025)),
      ind('sru_logements_manquants', obs(100, 2025)),
      ind('sru_carencee', obs(1, 2025)),
      ...['a', 'b', 'c', 'd', 'e'].map((k) => ind(`taux_${k}`, obs(10, 2024))),
    ]);
    expect(generateArguments(input(many))).toHaveLength(6);
  });
});

describe('cartes d’arguments sur les fiches de l’API', () => {
  let store: Store;
  let app: App;
  beforeAll(async () => {
    ({ store, app } = await openTestApp());
  });
  afterAll(() => store.close());

  async function apiFiche(level: string, code: string) {
    const body = (await (await app.request(`/api/territories/${level}/${code}`)).json()) as {
      data: FicheLike;
      meta: { sources: Record<string, SourceLike> };
    };
    return body;
  }

  it('chaque commune déficitaire du 92 a sa carte « logements manquants » au chiffre de l’API', async () => {
    const list = (await (
      await app.request('/api/values?indicator=sru_logements_manquants&level=commune&within=departement:92')
    ).json()) as { data: { code: string; value: number | null; flags: string[] }[] };
    const positive = list.data.filter((r) => r.value !== null && r.value > 0);
    expect(positive.length).toBeGreaterThan(0);
    for (const r of positive.slice(0, 5)) {
      const body = await apiFiche('commune', r.code);
      const card = generateArguments({
        fiche: body.data,
        sources: body.meta.sources,
        flags: FLAG_MEANINGS,
        origin: 'https://obs.example',
      }).find((c) => c.id === 'sru-manquants');
      expect(card, r.code).toBeDefined();
      expect(card!.figure.value).toBe(r.value);
      expect(card!.text).toContain(`${nf(Math.ceil(r.value! / 6))} logements sociaux de plus par an`);
    }
    // the masked ones get none, or one that states the earlier year it falls back to
    for (const r of list.data.filter((x) => x.value === null).slice(0, 3)) {
      const body = await apiFiche('commune', r.code);
      const cards = generateArguments({
        fiche: body.data,
        sources: body.meta.sources,
        flags: FLAG_MEANINGS,
        origin: '',
      });
      const card = cards.find((c) => c.id === 'sru-manquants');
      if (card) {
        const m = /valeur (\d{4}) non disponible.*chiffre (\d{4}), le plus récent publié/.exec(
          card.caveats.join(' '),
        );
        expect(m, r.code).not.toBeNull();
        expect(card.figure.year).toBe(Number(m![2]));
        expect(Number(m![2])).toBeLessThan(Number(m![1]));
      }
    }
  });
});
