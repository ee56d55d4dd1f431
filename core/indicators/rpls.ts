import type { IndicatorDef } from '../registry.js';

const RPLS_REFERENCE = 'parc au 1er janvier {year}';

const RPLS_CAVEATS = [
  'Parc RPLS des bailleurs sociaux : il diffère des logements sociaux de l’inventaire SRU (qui compte aussi les places de foyers et certains logements conventionnés privés) et des ménages se déclarant locataires HLM au recensement.',
  'Paris, Lyon et Marseille sont publiés par arrondissement : la valeur de la commune est la somme des arrondissements.',
];

const PRODUCER_RATE_CAVEAT =
  'Taux publié par le SDES pour chaque commune, jamais recalculé ni moyenné par l’observatoire : il n’est donc affiché qu’aux niveaux où le producteur le publie. Paris, Lyon et Marseille : publié par arrondissement seulement, non disponible pour la commune.';

const WORKBOOK_ONLY_CAVEAT =
  'Lu uniquement dans le classeur officiel « résultats RPLS » du SDES (feuille COMMUNES, séries depuis 2013) : absent de l’extrait de 10 colonnes du miroir hors ligne.';

export const RPLS_INDICATORS: IndicatorDef[] = [
  {
    id: 'rpls_parc_social',
    label: 'Logements locatifs sociaux (parc RPLS)',
    short_label: 'Parc social RPLS',
    unit: 'logements',
    theme: 'logement_social',
    family: 'rpls',
    definition:
      'Ensemble du parc locatif social des bailleurs sociaux au 1er janvier {year} (colonne `nb_ls` du RPLS) : logements des organismes HLM et logements conventionnés des SEM ; les logements non conventionnés des SEM sont exclus.',
    reference: RPLS_REFERENCE,
    caveats: RPLS_CAVEATS,
    aggregation: 'sum',
    decimals: 0,
    polarity: 'higher_better',
    open: true,
  },
  {
    id: 'rpls_loues',
    label: 'Logements sociaux loués',
    short_label: 'Logements sociaux loués',
    unit: 'logements',
    theme: 'logement_social',
    family: 'rpls',
    definition:
      'Logements du parc social proposés à la location et loués au 1er janvier {year} (colonne `nb_loues` du RPLS).',
    reference: RPLS_REFERENCE,
    caveats: [
      ...RPLS_CAVEATS,
      'Cellule vide dans la source pour environ 5 450 communes à très petit parc (extrait 2024) : valeur absente, jamais comptée 0 ; les totaux calculés sans elles sont signalés partiels.',
    ],
    aggregation: 'sum',
    decimals: 0,
    polarity: 'neutral',
    open: true,
  },
  {
    id: 'rpls_vacants',
    label: 'Logements sociaux vacants',
    short_label: 'Logements sociaux vacants',
    unit: 'logements',
    theme: 'logement_social',
    family: 'rpls',
    definition:
      'Logements du parc social proposés à la location mais vacants au 1er janvier {year} (colonne `nb_vacants` du RPLS). Les logements vides non proposés à la location (travaux, démolition, vente) n’en font pas partie.',
    reference: RPLS_REFERENCE,
    caveats: [
      ...RPLS_CAVEATS,
      'Cellule vide dans la source pour environ 5 450 communes à très petit parc (extrait 2024) : valeur absente, jamais comptée 0 ; les totaux calculés sans elles sont signalés partiels.',
    ],
    aggregation: 'sum',
    decimals: 0,
    polarity: 'neutral',
    open: true,
  },
  {
    id: 'rpls_taux_vacance',
    label: 'Taux de vacance du parc social',
    short_label: 'Vacance parc social',
    unit: 'pct',
    theme: 'logement_social',
    family: 'rpls',
    definition:
      'Part des logements sociaux proposés à la location qui sont vacants au 1er janvier {year}, telle que publiée par le SDES (colonne `tx_vac`).',
    reference: RPLS_REFERENCE,
    caveats: [PRODUCER_RATE_CAVEAT, WORKBOOK_ONLY_CAVEAT],
    aggregation: 'producer',
    decimals: 1,
    polarity: 'neutral',
    open: true,
  },
  {
    id: 'rpls_taux_mobilite',
    label: 'Taux de mobilité dans le parc social',
    short_label: 'Mobilité parc social',
    unit: 'pct',
    theme: 'logement_social',
    family: 'rpls',
    definition:
      'Emménagements dans les logements sociaux proposés à la location depuis au moins un an, rapportés à ces logements, au cours de l’année précédant le 1er janvier {year}, tels que publiés par le SDES (colonne `tx_mob`). Un taux bas signale un parc où les locataires restent, donc peu de logements libérés pour les demandeurs.',
    reference: 'parc au 1er janvier {year} (emménagements de l’année précédente)',
    caveats: [PRODUCER_RATE_CAVEAT, WORKBOOK_ONLY_CAVEAT],
    aggregation: 'producer',
    decimals: 1,
    polarity: 'neutral',
    open: true,
  },
  {
    id: 'rpls_loyer_moyen_m2',
    label: 'Loyer moyen du parc social (€/m² de surface habitable)',
    short_label: 'Loyer social moyen',
    unit: 'euros_m2',
    theme: 'logement_social',
    family: 'rpls',
    definition:
      'Loyer principal moyen hors charges par m² de surface habitable des logements sociaux loués au 1er janvier {year}, tel que publié par le SDES (colonne `loymoy`).',
    reference: RPLS_REFERENCE,
    caveats: [
      'Moyenne publiée par le SDES, jamais recalculée ni moyennée par l’observatoire : elle n’est affichée qu’aux niveaux où le producteur la publie. Paris, Lyon et Marseille : publiée par arrondissement seulement, non disponible pour la commune.',
      WORKBOOK_ONLY_CAVEAT,
      'Valeurs départementales et France du miroir hors ligne : copie retraitée d’un tiers (libellés traduits en anglais, source non citée), au 1er janvier 2023 malgré le « 2022 » de son nom (vérifié sur le loyer moyen France publié par le SDES : 6,27 €/m² au 1er janvier 2023).',
      'Loyer hors charges : ne se compare pas à un loyer de marché charges comprises.',
    ],
    aggregation: 'producer',
    decimals: 2,
    polarity: 'higher_worse',
    series_breaks: [
      { year: 2023, label: 'changement de la méthode d’imputation des loyers par le SDES en 2023' },
    ],
    open: true,
  },
  {
    id: 'rpls_plai',
    label: 'Logements sociaux financés en PLAI',
    short_label: 'Logements PLAI',
    unit: 'logements',
    theme: 'logement_social',
    family: 'rpls',
    definition:
      'Logements du parc social financés par un prêt locatif aidé d’intégration (PLAI, les loyers les plus bas, pour les ménages les plus modestes) au 1er janvier {year} (colonne `nb_ls_plai`).',
    reference: RPLS_REFERENCE,
    caveats: [...RPLS_CAVEATS, WORKBOOK_ONLY_CAVEAT],
    aggregation: 'sum',
    decimals: 0,
    polarity: 'higher_better',
    open: true,
  },
  {
    id: 'rpls_part_plai',
    label: 'Part des logements sociaux financés en PLAI',
    short_label: 'Part PLAI',
    unit: 'pct',
    theme: 'logement_social',
    family: 'rpls',
    definition:
      'Logements financés en PLAI ÷ ensemble du parc social au 1er janvier {year}. Aux niveaux EPT, EPCI, département et région : somme des logements PLAI ÷ somme du parc des communes.',
    reference: RPLS_REFERENCE,
    caveats: [WORKBOOK_ONLY_CAVEAT],
    aggregation: 'ratio',
    numerator: 'rpls_plai',
    denominator: 'rpls_parc_social',
    scale: 100,
    decimals: 1,
    polarity: 'higher_better',
    open: true,
  },
];
