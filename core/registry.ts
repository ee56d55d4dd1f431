/**
 * The indicator registry: the single place where an indicator is named, defined and labelled.
 * Pipelines write observations under these ids, the API serves this list (`/api/indicators`),
 * and the dashboard, charts, CSV headers and fiches read their labels and units from it.
 */
import type { FamilyId } from './families.js';
import { MENAGES_INDICATORS } from './indicators/menages.js';
import { CAF_INDICATORS } from './indicators/caf.js';
import { FILOSOFI_INDICATORS } from './indicators/filosofi.js';
import { DEMANDE_INDICATORS } from './indicators/demande.js';
import { GAP_INDICATORS } from './indicators/gaps.js';
import { HEBERGEMENT_INDICATORS } from './indicators/hebergement.js';
import { POPULATION_INDICATORS } from './indicators/population.js';
import { RPLS_INDICATORS } from './indicators/rpls.js';
import { SRU_INDICATORS } from './indicators/sru.js';
import type { Theme } from './themes.js';
import type { WhereToAskTemplate } from './where-to-ask.js';

export { LEVELS, LEVEL_LABELS, LEVEL_PLURAL_LABELS, LEVEL_SHORT_LABELS, type Level } from './levels.js';
export { THEME_LABELS, type Theme } from './themes.js';
export { fillYear } from './text.js';
export type { WhereToAsk, WhereToAskTemplate } from './where-to-ask.js';

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
  decisions: { symbol: 'décisions', label: 'décisions' },
  commandements: { symbol: 'commandements', label: 'commandements de quitter les lieux' },
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
  /**
   * Computed by the observatory from two indicators of different families (`pipelines/derived.ts`):
   * value = scale × numerator ÷ denominator per commune, the denominator taken from the nearest year
   * at most `max_year_gap` years away.
   */
  derive?: { max_year_gap: number; suspect_above?: { value: number; note: string } };
  decimals: number;
  /** Which direction is the concern: used to highlight best/worst and to word argument cards. */
  polarity: 'higher_better' | 'higher_worse' | 'neutral';
  /** Signed values get a diverging colour scale. */
  diverging?: boolean;
  /** Meaningful class limits for maps (e.g. the legal SRU targets); quantiles otherwise. */
  thresholds?: number[];
  /**
   * Years from which the series is not comparable with earlier years (method change). Pipelines flag
   * the observations of the first year after each break `series_break`; charts never draw a line across.
   */
  series_breaks?: { year: number; label: string }[];
  /** A reference line to show on maps and charts (e.g. the 25 % SRU target). */
  target?: { value: number; label: string };
  /** Unit label for aggregated levels when it differs (e.g. a flag becomes a count of communes). */
  aggregate_unit_label?: string;
  /**
   * false when no open data file exists: documented gaps (no value at all, the dashboard shows a
   * « donnée non ouverte » card) and published figures copied by hand (`curated`).
   */
  open: boolean;
  /**
   * For `open: false`: whom to ask for the data, what to ask, and where to start — a template whose
   * `{prefecture}`, `{ddets}`… are resolved per territory by `resolveWhereToAsk` (`core/where-to-ask.ts`).
   */
  where_to_ask?: WhereToAskTemplate;
  /**
   * Values are figures copied from a publication (flag `curated`), each with its citation: one
   * series per publisher's definition, never summed (`aggregation: 'none'`), never joined to another id.
   */
  curated?: boolean;
  /**
   * Some points of this open series are figures copied from a publication whose definition is the
   * same (e.g. a producer's earlier infographic): they come from `pipelines/curated/figures.csv`, are
   * flagged `curated` with their citation, and give way to the open file where it covers the same year.
   */
  published_points?: boolean;
  /**
   * Where the open file exists (region codes, and how to name that area). Outside it the indicator is a
   * documented gap (`where_to_ask` says whom to ask there); France-level views say the values cover
   * only this area.
   */
  coverage?: { regions: string[]; label: string };
  /** How values above the commune are obtained, in plain French, when `aggregation` alone does not say it. */
  levels_note?: string;
}

/**
 * All indicators, one file per theme under `core/indicators/` (add a file and list it here).
 * Order matters: it is the order of the fiche and of the indicator menus.
 */
export const INDICATORS: IndicatorDef[] = [
  // Housing first, then precarity, then context: the order advocates read a fiche in.
  ...SRU_INDICATORS,
  ...RPLS_INDICATORS,
  ...DEMANDE_INDICATORS,
  ...CAF_INDICATORS,
  ...FILOSOFI_INDICATORS,
  ...POPULATION_INDICATORS,
  ...MENAGES_INDICATORS,
  ...HEBERGEMENT_INDICATORS,
  ...GAP_INDICATORS,
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
