import { describe, expect, it } from 'vitest';
import { INDICATORS } from '../../core/registry.js';
import { extremes, isIntensive, noMarkReason, rowMarks } from '../../web/src/features/compare/extremes.js';
import { parseRankingsState, rankingsQuery } from '../../web/src/features/rankings/state.js';
import { aggregationText, genericYear } from '../../web/src/features/sources/MethodologyPage.js';
import { sourceText } from '../../web/src/model/sources.js';
import { formatRef, parseRef } from '../../web/src/territories.js';
import type { IndicatorInfo } from '../../web/src/api.js';
import { describe as describeIndicator } from '../../server/services/indicators.js';

describe('meilleure et moins bonne valeur', () => {
  it('suit le sens de l’indicateur, ex æquo compris', () => {
    expect(extremes([10, 30, 20], 'higher_better')).toEqual(['worst', 'best', null]);
    expect(extremes([10, 30, 30], 'higher_worse')).toEqual(['best', 'worst', 'worst']);
  });
  it('ne marque rien pour un indicateur neutre, une seule valeur ou des valeurs égales', () => {
    expect(extremes([1, 2, 3], 'neutral')).toEqual([null, null, null]);
    expect(extremes([null, 2, undefined], 'higher_better')).toEqual([null, null, null]);
    expect(extremes([5, 5], 'higher_worse')).toEqual([null, null]);
  });
  it('ne marque jamais une valeur manquante', () => {
    expect(extremes([null, 0, 4], 'higher_worse')).toEqual([null, 'best', 'worst']);
  });
  it('chaque indicateur du registre a un sens connu', () => {
    for (const d of INDICATORS) expect(['higher_better', 'higher_worse', 'neutral']).toContain(d.polarity);
  });
});

describe('références de territoires dans les adresses', () => {
  it('lit « 92048 », « commune:92048 », « ept:200057966 » et refuse le reste', () => {
    expect(parseRef('92048')).toEqual({ level: 'commune', code: '92048' });
    expect(parseRef('commune:92048')).toEqual({ level: 'commune', code: '92048' });
    expect(parseRef('ept:200057966')).toEqual({ level: 'ept', code: '200057966' });
    expect(parseRef('pays:FR')).toBeNull();
    expect(parseRef('92048;drop')).toBeNull();
    expect(formatRef({ level: 'commune', code: '92048' })).toBe('92048');
    expect(formatRef({ level: 'ept', code: '200057966' })).toBe('ept:200057966');
  });
});

describe('adresse des classements', () => {
  it('restaure l’état et garde les adresses courtes', () => {
    const s = parseRankingsState(
      new URLSearchParams('indicateur=sru_taux&dans=departement:92&filtre=sru_carencee:1&tri=nom-asc&n=1000'),
    );
    expect(s).toMatchObject({
      indicator: 'sru_taux',
      within: 'departement:92',
      filter: 'sru_carencee:1',
      sort: 'nom',
      dir: 'asc',
      limit: 1000,
    });
    const q = rankingsQuery(s);
    const back = parseRankingsState(
      new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => e[1] !== null)),
    );
    expect(back).toEqual(s);
    expect(parseRankingsState(new URLSearchParams('filtre=aucun')).filter).toBeNull();
    expect(parseRankingsState(new URLSearchParams('dans=nulle-part&n=-3')).within).toBe('region:11');
  });
});

describe('textes de source et de méthode', () => {
  it('regroupe les fichiers d’un même producteur', () => {
    const t = sourceText([
      { producer: 'DHUP', family: 'sru', title: 'Inventaire SRU, communes du 92 (extrait)', vintage: '2025' },
      { producer: 'DHUP', family: 'sru', title: 'Inventaire SRU, communes du 93 (extrait)', vintage: '2025' },
      { producer: 'INSEE', family: 'insee', title: 'Populations légales 2023', vintage: '2023' },
    ]);
    expect(t).toBe(
      'Source : Ministère du Logement, inventaire SRU — 2025 ; Insee, populations légales — 2023. Traitement : Observatoire précarité & logement.',
    );
    expect(sourceText({})).toMatch(/aucune valeur/);
  });

  it('explique chaque règle d’agrégation du registre en français, sans jargon de code', () => {
    // The registry as /api/indicators serves it (no years loaded: the text must not depend on them).
    const all: IndicatorInfo[] = INDICATORS.map((d) => describeIndicator(d.id, {}));
    for (const ind of all) {
      const t = aggregationText(ind, all);
      expect(t.length).toBeGreaterThan(30);
      expect(t).not.toMatch(/undefined|\?/);
    }
    const taux = all.find((d) => d.id === 'sru_taux')!;
    expect(aggregationText(taux, all)).toMatch(/jamais une moyenne/);
    expect(genericYear('au 1er janvier {year}, en vigueur en {year+3}')).toBe(
      'au 1er janvier N, en vigueur en N+3',
    );
  });
});

describe('marques ▲ ▼ de la comparaison', () => {
  const lls = INDICATORS.find((d) => d.id === 'sru_lls')!;
  const taux = INDICATORS.find((d) => d.id === 'sru_taux')!;
  const rsa = INDICATORS.find((d) => d.unit === 'foyers' && d.polarity !== 'neutral')!;
  const c = (value: number | null, year = 2025) => ({ value, year });
  it('ne juge jamais un effectif, même entre territoires de même niveau ; un taux, si', () => {
    expect(isIntensive(lls)).toBe(false);
    expect(isIntensive(taux)).toBe(true);
    expect(rowMarks([c(5797), c(21730)], lls)).toEqual([null, null]);
    // Neuilly's 570 RSA foyers against Nanterre's 3 765: no « la plus favorable »
    expect(rsa).toBeDefined();
    expect(rowMarks([c(570, 2024), c(3765, 2024)], rsa)).toEqual([null, null]);
    expect(noMarkReason([c(570), c(3765)], rsa)).toMatch(/taille des territoires/);
    expect(rowMarks([c(28.18), c(30.13)], taux)).toEqual(['worst', 'best']);
  });
  it('ne classe pas un taux de 2022 avec des taux de 2025', () => {
    expect(rowMarks([c(6.58, 2022), c(28.18), c(30.13)], taux)).toEqual([null, null, null]);
    expect(noMarkReason([c(6.58, 2022), c(28.18)], taux)).toBe('années différentes : pas de classement');
    expect(rowMarks([c(6.58, 2025), c(null, 2022), c(30.13)], taux)).toEqual(['worst', null, 'best']);
  });
});
