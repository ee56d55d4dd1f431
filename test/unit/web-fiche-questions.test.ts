/** Questions for candidates, derived from a commune's gaps; never from masked values. */
import { describe, expect, it } from 'vitest';
import { generateQuestions, questionsText } from '../../web/src/features/questions/generate.js';
import { DEP, EPT, SOURCES, fiche, ind, obs } from './web-fiche-fixtures.js';

const nf = (n: number, d = 0) =>
  new Intl.NumberFormat('fr-FR', { minimumFractionDigits: d, maximumFractionDigits: d }).format(n);

describe('questions aux candidats', () => {
  it('commune déficitaire et carencée : question de carence et nombre de logements par an', () => {
    const q = generateQuestions({
      fiche: fiche([
        ind('sru_taux', obs(12.4, 2025)),
        ind('sru_taux_cible', obs(25, 2025)),
        ind('sru_logements_manquants', obs(1250, 2025)),
        ind('sru_carencee', obs(1, 2025)),
      ]),
      sources: SOURCES,
    });
    const ids = q.map((x) => x.id);
    expect(ids).toContain('sru-carence');
    const m = q.find((x) => x.id === 'sru-manquants')!;
    expect(m.text).toContain(`Il manque ${nf(1250)} logements sociaux`);
    expect(m.text).toContain(`environ ${nf(Math.ceil(1250 / 6))} par an`);
    expect(m.basis).toContain('inventaire SRU au 1er janvier 2025');
    expect(m.basis).toContain('Ministère du Logement, inventaire SRU');
    // the closing question on unpublished figures is always there
    expect(ids.at(-1)).toBe('donnees');
  });

  it('commune au-dessus de son objectif : question de maintien, pas de déficit', () => {
    const q = generateQuestions({
      fiche: fiche([
        ind('sru_taux', obs(28.18, 2025)),
        ind('sru_taux_cible', obs(25, 2025)),
        ind('sru_logements_manquants', obs(0, 2025)),
        ind('sru_carencee', obs(0, 2025)),
      ]),
      sources: SOURCES,
    });
    expect(q.map((x) => x.id)).toEqual(['sru-maintien', 'donnees']);
  });

  it('valeurs masquées : aucune question ne s’appuie dessus', () => {
    const q = generateQuestions({
      fiche: fiche([
        ind('sru_taux', obs(null, 2025)),
        ind('sru_logements_manquants', obs(null, 2025)),
        ind('sru_carencee', obs(null, 2025)),
        ind('caf_rsa_pour_100_menages', obs(null, 2024), { unit: 'pour_100', theme: 'precarite' }),
      ]),
      sources: SOURCES,
    });
    expect(q.map((x) => x.id)).toEqual(['donnees']);
  });

  it('RSA et pauvreté comparés au département de la même année seulement', () => {
    const f = fiche(
      [
        ind('caf_rsa_pour_100_menages', obs(9.4, 2024, { source_id: 'caf' }), {
          unit: 'pour_100',
          unit_symbol: 'pour 100 ménages',
          theme: 'precarite',
          label: 'Foyers allocataires du RSA pour 100 ménages',
        }),
        ind('filosofi_taux_pauvrete', obs(19.5, 2021), {
          unit: 'pct',
          theme: 'revenus',
          label: 'Taux de pauvreté',
        }),
      ],
      [
        {
          territory: DEP,
          values: { caf_rsa_pour_100_menages: obs(5.1, 2024), filosofi_taux_pauvrete: obs(12.3, 2020) },
        },
      ],
    );
    const q = generateQuestions({ fiche: f, sources: SOURCES });
    const rsa = q.find((x) => x.id === 'rsa')!;
    expect(rsa.basis).toContain(`${nf(9.4, 1)} pour 100 ménages`);
    expect(rsa.basis).toContain(`contre ${nf(5.1, 1)} pour 100 ménages dans le département Testie (99)`);
    expect(rsa.basis).toContain('Cnaf');
    expect(rsa.text).toMatch(/rapporté au nombre de ménages est plus élevé que dans le département/);
    expect(rsa.text).not.toMatch(/% des ménages/);
    const pauvrete = q.find((x) => x.id === 'pauvrete')!;
    expect(pauvrete.basis).not.toContain(nf(12.3, 1));
  });

  it('pas de questions aux candidats municipaux hors commune ; texte numéroté', () => {
    expect(
      generateQuestions({ fiche: fiche([ind('sru_taux', obs(20, 2025))], [], EPT), sources: SOURCES }),
    ).toEqual([]);
    const text = questionsText('Villetest', [
      { text: 'Première ?', basis: 'chiffre A (2025)' },
      { text: 'Deuxième ?', basis: null },
    ]);
    expect(text.split('\n')).toEqual([
      'Questions aux candidats aux élections municipales — Villetest (mandat 2026-2032)',
      '',
      '1. Première ?',
      '   Chiffre : chiffre A (2025).',
      '2. Deuxième ?',
    ]);
  });
});
