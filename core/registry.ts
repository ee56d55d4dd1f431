/**
 * The indicator registry: the single place where an indicator is named, defined and labelled.
 * Pipelines write observations under these ids, the API serves this list (`/api/indicators`),
 * and the dashboard, charts, CSV headers and fiches read their labels and units from it.
 */
import type { FamilyId } from './families.js';

export const LEVELS = ['commune', 'ept', 'epci', 'departement', 'region', 'france'] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_LABELS: Record<Level, string> = {
  commune: 'Commune',
  ept: 'Établissement public territorial (EPT)',
  epci: 'EPCI à fiscalité propre',
  departement: 'Département',
  region: 'Région',
  france: 'France',
};

/** Units: `symbol` is what follows a number in French text; `csv` is the unit put in CSV headers. */
export const UNITS = {
  habitants: { symbol: 'hab.', label: 'habitants' },
  logements: { symbol: 'logements', label: 'logements' },
  pct: { symbol: '%', label: 'pourcentage' },
  booleen: { symbol: '', label: 'oui (1) / non (0)' },
  euros: { symbol: '€', label: 'euros' },
  euros_an: { symbol: '€/an', label: 'euros par an' },
  euros_m2: { symbol: '€/m²', label: 'euros par m² de surface habitable' },
  menages: { symbol: 'ménages', label: 'ménages' },
  foyers: { symbol: 'foyers', label: 'foyers allocataires' },
  pour_100: { symbol: 'pour 100 ménages', label: 'pour 100 ménages' },
  demandes: { symbol: 'demandes', label: 'demandes' },
  attributions: { symbol: 'attributions', label: 'attributions' },
  ratio: { symbol: '', label: 'rapport (sans unité)' },
  mois: { symbol: 'mois', label: 'mois' },
  recours: { symbol: 'recours', label: 'recours' },
  places: { symbol: 'places', label: 'places' },
  personnes: { symbol: 'personnes', label: 'personnes' },
} as const;
export type Unit = keyof typeof UNITS;

/**
 * How a value at EPT/EPCI/département/région/France is obtained from communes:
 * - `sum`: additive count, summed over communes;
 * - `ratio`: recomputed as sum(numerator) / sum(denominator) × scale — never a mean of rates;
 * - `count_true`: number of communes where the flag is 1;
 * - `producer`: not computed; only the producer's own published value for that level is used;
 * - `none`: no aggregate.
 */
export type Aggregation = 'sum' | 'ratio' | 'count_true' | 'producer' | 'none';

export type Theme =
  'population' | 'sru' | 'logement_social' | 'demande' | 'precarite' | 'revenus' | 'hebergement';

export const THEME_LABELS: Record<Theme, string> = {
  population: 'Population et ménages',
  sru: 'Loi SRU',
  logement_social: 'Parc social',
  demande: 'Demande et attributions',
  precarite: 'Prestations sociales',
  revenus: 'Revenus et pauvreté',
  hebergement: 'Hébergement, DALO, expulsions',
};

export interface IndicatorDef {
  id: string;
  label: string;
  short_label: string;
  unit: Unit;
  theme: Theme;
  family: FamilyId;
  definition: string;
  /** How the reference date reads in French, `{year}` replaced by the observation year. */
  reference: string;
  caveats: string[];
  aggregation: Aggregation;
  numerator?: string;
  denominator?: string;
  /** Multiplier applied to numerator/denominator (100 for a percentage). */
  scale?: number;
  decimals: number;
  /** Which direction is the concern: used to highlight best/worst and to word argument cards. */
  polarity: 'higher_better' | 'higher_worse' | 'neutral';
  /** Signed values get a diverging colour scale. */
  diverging?: boolean;
  /** Meaningful class limits for maps (e.g. the legal SRU targets); quantiles otherwise. */
  thresholds?: number[];
  /** A reference line to show on maps and charts (e.g. the 25 % SRU target). */
  target?: { value: number; label: string };
  /** Unit label for aggregated levels when it differs (e.g. a flag becomes a count of communes). */
  aggregate_unit_label?: string;
  /** false for documented gaps: no open file exists. */
  open: boolean;
  where_to_ask?: string;
}

const SRU_CAVEATS = [
  'Seules les communes soumises à l’inventaire SRU figurent dans la source (en Île-de-France : communes de 1 500 habitants ou plus ; ailleurs 3 500).',
  'Les logements sociaux SRU comptent aussi les places de foyers et résidences : ils diffèrent du parc RPLS.',
];

export const INDICATORS: IndicatorDef[] = [
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
  {
    id: 'sru_lls',
    label: 'Logements locatifs sociaux (inventaire SRU)',
    short_label: 'Logements sociaux SRU',
    unit: 'logements',
    theme: 'sru',
    family: 'sru',
    definition:
      'Nombre de logements locatifs sociaux décomptés à l’inventaire SRU (article L.302-5 du CCH) au 1er janvier {year}.',
    reference: 'inventaire SRU au 1er janvier {year}',
    caveats: SRU_CAVEATS,
    aggregation: 'sum',
    decimals: 0,
    polarity: 'higher_better',
    open: true,
  },
  {
    id: 'sru_residences_principales',
    label: 'Résidences principales (base SRU)',
    short_label: 'Résidences principales',
    unit: 'logements',
    theme: 'sru',
    family: 'sru',
    definition:
      'Résidences principales servant de dénominateur au taux SRU au 1er janvier {year}. Lorsque la source ne donne que le taux, elles sont déduites : logements sociaux ÷ taux (valeur approchée, signalée).',
    reference: 'inventaire SRU au 1er janvier {year}',
    caveats: [
      ...SRU_CAVEATS,
      'Les fichiers officiels récents ne publient pas les résidences principales : la valeur déduite du taux arrondi à 0,01 point est approchée.',
    ],
    aggregation: 'sum',
    decimals: 0,
    polarity: 'neutral',
    open: true,
  },
  {
    id: 'sru_taux',
    label: 'Taux de logements sociaux SRU',
    short_label: 'Taux SRU',
    unit: 'pct',
    theme: 'sru',
    family: 'sru',
    definition:
      'Logements locatifs sociaux SRU ÷ résidences principales, au 1er janvier {year}. Aux niveaux EPT, EPCI, département et région : somme des logements sociaux ÷ somme des résidences principales des communes de l’inventaire.',
    reference: 'inventaire SRU au 1er janvier {year}',
    caveats: SRU_CAVEATS,
    aggregation: 'ratio',
    numerator: 'sru_lls',
    denominator: 'sru_residences_principales',
    scale: 100,
    decimals: 2,
    polarity: 'higher_better',
    thresholds: [10, 15, 20, 25, 35, 50],
    target: { value: 25, label: 'objectif légal 25 % (20 % dans certaines communes)' },
    open: true,
  },
  {
    id: 'sru_taux_cible',
    label: 'Taux légal de logements sociaux à atteindre',
    short_label: 'Taux cible SRU',
    unit: 'pct',
    theme: 'sru',
    family: 'sru',
    definition:
      'Objectif légal de la commune : 25 % des résidences principales, ou 20 % dans les territoires où la tension est moindre (décret fixant la liste).',
    reference: 'période triennale en cours au 1er janvier {year}',
    caveats: ['Fixé par décret pour chaque période triennale.'],
    aggregation: 'none',
    decimals: 0,
    polarity: 'neutral',
    open: true,
  },
  {
    id: 'sru_logements_manquants',
    label: 'Logements sociaux manquants pour atteindre l’objectif SRU',
    short_label: 'Logements manquants',
    unit: 'logements',
    theme: 'sru',
    family: 'sru',
    definition:
      'Arrondi supérieur de (taux cible × résidences principales − logements sociaux SRU), jamais négatif, au 1er janvier {year}. Aux niveaux supérieurs : somme des déficits des communes (les excédents d’une commune ne compensent pas le déficit d’une autre).',
    reference: 'inventaire SRU au 1er janvier {year}',
    caveats: [
      'Calculé par l’observatoire : la source ne publie pas ce déficit.',
      'Quand les résidences principales sont déduites du taux arrondi, le résultat est approché à quelques logements près.',
    ],
    aggregation: 'sum',
    decimals: 0,
    polarity: 'higher_worse',
    open: true,
  },
  {
    id: 'sru_deficitaire',
    label: 'Commune déficitaire SRU',
    short_label: 'Déficitaire',
    unit: 'booleen',
    theme: 'sru',
    family: 'sru',
    definition:
      'La commune soumise n’atteint pas son taux légal (statut publié par l’État). Aux niveaux supérieurs : nombre de communes déficitaires.',
    reference: 'inventaire SRU au 1er janvier {year}',
    caveats: ['Statut publié par la source, non recalculé.'],
    aggregation: 'count_true',
    aggregate_unit_label: 'communes déficitaires',
    decimals: 0,
    polarity: 'higher_worse',
    open: true,
  },
  {
    id: 'sru_carencee',
    label: 'Commune carencée (arrêté de carence)',
    short_label: 'Carencée',
    unit: 'booleen',
    theme: 'sru',
    family: 'sru',
    definition:
      'Le préfet a prononcé la carence de la commune à l’issue du bilan triennal (prélèvement majoré, droit de préemption et attributions transférés au préfet). Aux niveaux supérieurs : nombre de communes carencées.',
    reference: 'arrêtés de carence en vigueur ({year})',
    caveats: ['Statut publié par la source pour la période triennale en cours.'],
    aggregation: 'count_true',
    aggregate_unit_label: 'communes carencées',
    decimals: 0,
    polarity: 'higher_worse',
    open: true,
  },
  {
    id: 'sru_exemptee',
    label: 'Commune exemptée des obligations SRU',
    short_label: 'Exemptée',
    unit: 'booleen',
    theme: 'sru',
    family: 'sru',
    definition:
      'Commune exemptée par décret pour la période triennale (faible tension, inconstructibilité, desserte). Aux niveaux supérieurs : nombre de communes exemptées.',
    reference: 'période triennale en cours ({year})',
    caveats: [],
    aggregation: 'count_true',
    aggregate_unit_label: 'communes exemptées',
    decimals: 0,
    polarity: 'neutral',
    open: true,
  },
  {
    id: 'sru_prelevement',
    label: 'Prélèvement SRU net (majoration de carence comprise)',
    short_label: 'Prélèvement SRU',
    unit: 'euros',
    theme: 'sru',
    family: 'sru',
    definition:
      'Prélèvement annuel net sur les ressources de la commune déficitaire, dont majoration de carence.',
    reference: 'prélèvement {year+1}, calculé sur l’inventaire au 1er janvier {year}',
    caveats: ['Colonne publiée à partir du millésime 2024 du fichier officiel.'],
    aggregation: 'sum',
    decimals: 2,
    polarity: 'higher_worse',
    open: true,
  },
];

/** Quality flags attached to observations, with the badge the dashboard shows. */
export const FLAGS = {
  derived: {
    badge: 'extrait retraité',
    meaning:
      'Valeur officielle lue dans un extrait remis en forme par un tiers (fichier `derived_*` du miroir), pas dans le fichier officiel lui-même.',
  },
  estimated: {
    badge: 'valeur approchée',
    meaning:
      'Valeur calculée par l’observatoire à partir de données arrondies (ex. résidences principales = LLS ÷ taux).',
  },
  rounded: {
    badge: 'arrondi',
    meaning: 'Le producteur arrondit ces effectifs (ex. CAF : au multiple de 5 le plus proche).',
  },
  sum_of_rounded: {
    badge: 'somme d’arrondis',
    meaning:
      'Somme de valeurs communales arrondies : ordre de grandeur, pas un chiffre exact du territoire (le total officiel peut différer).',
  },
  masked: {
    badge: 'masqué',
    meaning:
      'Valeur non diffusée par le producteur (secret statistique, fusion, qualité) ou absente de la source.',
  },
  series_break: {
    badge: 'série rompue',
    meaning: 'Changement de méthode : la valeur ne se compare pas aux millésimes précédents.',
  },
  curated: {
    badge: 'chiffre publié',
    meaning:
      'Chiffre recopié d’une publication (rapport, infographie) avec sa référence ; aucun fichier ouvert.',
  },
  partial: {
    badge: 'couverture partielle',
    meaning: 'Agrégat calculé sur une partie seulement des communes du territoire.',
  },
  suspect: {
    badge: 'valeur à vérifier',
    meaning:
      'Valeur hors des bornes attendues telle que publiée par la source (ex. taux supérieur à 100 %) : conservée, à vérifier.',
  },
  legacy: {
    badge: 'ancienne source',
    meaning: 'Source historique dont la provenance n’est que partiellement établie.',
  },
} as const;
export type Flag = keyof typeof FLAGS;

const byId = new Map(INDICATORS.map((i) => [i.id, i]));

export function indicator(id: string): IndicatorDef {
  const def = byId.get(id);
  if (!def) throw new Error(`Indicateur inconnu : ${id}`);
  return def;
}

export function hasIndicator(id: string): boolean {
  return byId.has(id);
}

export const INDICATOR_IDS = INDICATORS.map((i) => i.id);

/** Replaces `{year}` and `{year+N}` in a registry text. */
export function fillYear(text: string, year: number): string {
  return text.replace(/\{year(?:\+(\d+))?\}/g, (_m, plus?: string) =>
    String(year + (plus ? Number(plus) : 0)),
  );
}
