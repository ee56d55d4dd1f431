import type { IndicatorDef } from '../registry.js';

const BREAK_2023 = {
  year: 2023,
  label:
    'Filosofi 2023 (« Filosofi 2 », refondu après la fin de la taxe d’habitation) ne se compare pas aux millésimes 2021 et antérieurs ; l’INSEE n’a pas publié de millésime 2022.',
};

const FILOSOFI_CAVEATS = [
  'Taux, médianes et rapports ne s’additionnent pas : aux niveaux département et France métropolitaine, seule la valeur publiée par l’INSEE est donnée, jamais une moyenne des communes ; pas de valeur EPT ou région calculée.',
  'Filosofi 2023 n’est pas comparable aux millésimes 2021 et antérieurs (rupture de série) ; il n’existe pas de millésime 2022.',
  'Millésimes 2017 à 2020 : lus dans les bases INSEE des quartiers prioritaires (REVN), qui ne couvrent que les communes contenant au moins un QPV.',
];

export const FILOSOFI_INDICATORS: IndicatorDef[] = [
  {
    id: 'filosofi_taux_pauvrete',
    label: 'Taux de pauvreté (seuil de 60 % du niveau de vie médian)',
    short_label: 'Taux de pauvreté',
    unit: 'pct',
    theme: 'revenus',
    family: 'filosofi',
    definition:
      'Part des personnes dont le niveau de vie (revenu disponible du ménage par unité de consommation) est inférieur à 60 % du niveau de vie médian de France métropolitaine, revenus {year} (Filosofi).',
    reference: 'Filosofi {year} (revenus {year})',
    caveats: [
      ...FILOSOFI_CAVEATS,
      'Non publié (secret statistique) pour les communes trop petites : la valeur est alors masquée, jamais 0.',
    ],
    aggregation: 'producer',
    decimals: 1,
    polarity: 'higher_worse',
    series_breaks: [BREAK_2023],
    open: true,
  },
  {
    id: 'filosofi_niveau_vie_median',
    label: 'Niveau de vie médian',
    short_label: 'Niveau de vie médian',
    unit: 'euros_an',
    theme: 'revenus',
    family: 'filosofi',
    definition:
      'Médiane du revenu disponible par unité de consommation (niveau de vie) des personnes, en euros par an, revenus {year} (Filosofi).',
    reference: 'Filosofi {year} (revenus {year})',
    caveats: FILOSOFI_CAVEATS,
    aggregation: 'producer',
    decimals: 0,
    polarity: 'higher_better',
    series_breaks: [BREAK_2023],
    open: true,
  },
  {
    id: 'filosofi_rapport_interdecile',
    label: 'Rapport interdécile du niveau de vie (D9/D1)',
    short_label: 'Rapport interdécile D9/D1',
    unit: 'ratio',
    theme: 'revenus',
    family: 'filosofi',
    definition:
      'Rapport entre le 9e décile (niveau de vie au-dessus duquel se situent les 10 % les plus aisés) et le 1er décile (en dessous duquel se situent les 10 % les plus modestes) du niveau de vie, revenus {year} (Filosofi).',
    reference: 'Filosofi {year} (revenus {year})',
    reading:
      'les 10 % les plus aisés ont un niveau de vie au moins {value} fois plus élevé que les 10 % les plus modestes',
    caveats: [
      ...FILOSOFI_CAVEATS,
      'Filosofi 2023 ne publie pas ce rapport à l’échelle communale (seulement département, région, France).',
    ],
    aggregation: 'producer',
    decimals: 1,
    polarity: 'higher_worse',
    series_breaks: [BREAK_2023],
    open: true,
  },
];
