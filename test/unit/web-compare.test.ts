import { describe, expect, it } from 'vitest';
import { INDICATORS } from '../../core/registry.js';
import { extremes, isIntensive, rowMarks } from '../../web/src/features/compare/extremes.js';
import { parseRankingsState, rankingsQuery } from '../../web/src/features/rankings/state.js';
import { aggregationText, genericYear } from '../../web/src/features/sources/MethodologyPage.js';
import { sourceText } from '../../web/src/model/sources.js';
import { formatRef, parseRef } from '../../web/src/territories.js';

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
    const all = INDICATORS.map((d) => ({
      ...d,
      unit_symbol: '',
      unit_label: '',
      years: [],
      levels: [],
      rankable: true,
    }));
    for (const ind of all) {
      const t = aggregationText(ind as never, all as never);
      expect(t.length).toBeGreaterThan(30);
      expect(t).not.toMatch(/undefined|\?/);
    }
    const taux = all.find((d) => d.id === 'sru_taux')!;
    expect(aggregationText(taux as never, all as never)).toMatch(/jamais une moyenne/);
    expect(genericYear('au 1er janvier {year}, en vigueur en {year+3}')).toBe(
      'au 1er janvier N, en vigueur en N+3',
    );
  });
});

describe('marques entre territoires de niveaux différents', () => {
  it('ne classe un effectif qu’entre territoires de même niveau ; un taux toujours', () => {
    const lls = INDICATORS.find((d) => d.id === 'sru_lls')!;
    const taux = INDICATORS.find((d) => d.id === 'sru_taux')!;
    expect(isIntensive(lls)).toBe(false);
    expect(isIntensive(taux)).toBe(true);
    expect(rowMarks([5797, 213685], lls, false)).toEqual([null, null]);
    expect(rowMarks([5797, 21730], lls, true)).toEqual(['worst', 'best']);
    expect(rowMarks([28.18, 30.13], taux, false)).toEqual(['worst', 'best']);
  });
});
