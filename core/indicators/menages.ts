import type { IndicatorDef } from '../registry.js';

const RP_REFERENCE = 'recensement de la population {year}';

const RP_CAVEATS = [
  'Estimations du recensement (enquêtes annuelles des 5 années encadrant l’année de référence), conservées avec leurs décimales : ce ne sont pas des comptages exacts.',
  'L’INSEE déconseille d’utiliser les valeurs inférieures à 200 et de comparer des recensements proches : pour une évolution, comparer des millésimes distants d’au moins 5 ans (ici 2012 et 2023).',
  'Extrait retraité par un tiers (rouages.fr) du jeu Melodi DS_RP_LOGEMENT_PRINC de l’INSEE, disponible pour 10 départements seulement (75, 77, 78, 91, 92, 93, 94, 95, 13, 89). Les totaux départementaux et France sont ceux publiés dans le fichier, pas des sommes de communes.',
];

export const MENAGES_INDICATORS: IndicatorDef[] = [
  {
    id: 'menages',
    label: 'Ménages (résidences principales)',
    short_label: 'Ménages',
    unit: 'menages',
    theme: 'population',
    family: 'insee',
    definition:
      'Nombre de résidences principales au recensement de {year} : un ménage occupe une résidence principale, les deux nombres sont égaux.',
    reference: RP_REFERENCE,
    caveats: RP_CAVEATS,
    aggregation: 'sum',
    decimals: 0,
    polarity: 'neutral',
    open: true,
  },
  {
    id: 'locataires_hlm',
    label: 'Ménages locataires d’un logement social',
    short_label: 'Locataires HLM',
    unit: 'menages',
    theme: 'population',
    family: 'insee',
    definition:
      'Résidences principales occupées par un ménage locataire d’un logement social (HLM loué vide), au recensement de {year}.',
    reference: RP_REFERENCE,
    caveats: [
      ...RP_CAVEATS,
      'Statut déclaré par les ménages : ne se compare pas au parc RPLS ni à l’inventaire SRU (logements vacants, foyers, erreurs de déclaration).',
    ],
    aggregation: 'sum',
    decimals: 0,
    polarity: 'neutral',
    open: true,
  },
  {
    id: 'part_locataires_hlm',
    label: 'Part des ménages locataires d’un logement social',
    short_label: 'Part locataires HLM',
    unit: 'pct',
    theme: 'population',
    family: 'insee',
    definition:
      'Ménages locataires d’un logement social ÷ ensemble des ménages (résidences principales), au recensement de {year}. Aux niveaux supérieurs : somme des locataires ÷ somme des ménages.',
    reference: RP_REFERENCE,
    caveats: [
      ...RP_CAVEATS,
      'Statut déclaré par les ménages : ne se compare pas au taux SRU (dont le dénominateur est celui de la taxe d’habitation et le numérateur l’inventaire préfectoral).',
    ],
    aggregation: 'ratio',
    numerator: 'locataires_hlm',
    denominator: 'menages',
    scale: 100,
    decimals: 1,
    polarity: 'neutral',
    open: true,
  },
  {
    id: 'logements',
    label: 'Logements (recensement)',
    short_label: 'Logements',
    unit: 'logements',
    theme: 'population',
    family: 'insee',
    definition:
      'Ensemble des logements au recensement de {year} : résidences principales, résidences secondaires et logements occasionnels, logements vacants.',
    reference: RP_REFERENCE,
    caveats: RP_CAVEATS,
    aggregation: 'sum',
    decimals: 0,
    polarity: 'neutral',
    open: true,
  },
  {
    id: 'logements_vacants',
    label: 'Logements vacants (recensement)',
    short_label: 'Logements vacants',
    unit: 'logements',
    theme: 'population',
    family: 'insee',
    definition:
      'Logements inoccupés au recensement de {year} (proposés à la vente ou à la location, en attente d’occupation, gardés vacants…), tous propriétaires confondus.',
    reference: RP_REFERENCE,
    caveats: [
      ...RP_CAVEATS,
      'Vacance constatée par l’enquêteur un jour donné, y compris frictionnelle : elle diffère de la vacance fiscale (LOVAC) et de la vacance du parc social (RPLS).',
    ],
    aggregation: 'sum',
    decimals: 0,
    polarity: 'neutral',
    open: true,
  },
];
