import type { IndicatorDef } from '../registry.js';

export const POPULATION_INDICATORS: IndicatorDef[] = [
  {
    id: 'population',
    label: 'Population municipale',
    short_label: 'Population',
    unit: 'habitants',
    theme: 'population',
    family: 'insee',
    definition:
      'Population municipale des populations légales (millésime {year}, en vigueur au 1er janvier {year+3}). Paris, Lyon et Marseille : somme des arrondissements.',
    reference: 'populations légales millésime {year}',
    caveats: [
      'Les populations légales d’un millésime reposent sur les enquêtes de recensement des 5 années centrées.',
    ],
    aggregation: 'sum',
    decimals: 0,
    polarity: 'neutral',
    open: true,
  },
];
