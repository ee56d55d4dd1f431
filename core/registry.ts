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
  derive?: {
    max_year_gap: number;
    suspect_above?: { value: number; note: string };
    /**
     * A ratio on too few units means nothing (e.g. 5 rounded foyers out of 40 ménages): flagged
     * `small_count` below these thresholds, kept out of map classes and rankings.
     */
    small_count?: { min_denominator: number; min_numerator?: number; note: string };
  };
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
  /**
   * How a value reads in a sentence when the unit alone says too little (ratios), `{value}` being the
   * formatted number: « {value} demandes pour une attribution ».
   */
  reading?: string;
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

/**
 * Quality flags attached to observations. `badge` is the short plain-French word shown next to a
 * value (a reader who has never heard of the source understands it); `meaning` is its explanation,
 * shown on hover or focus and in the glossary (`/glossaire`).
 */
export const FLAGS = {
  derived: {
    badge: 'copie d’un tiers',
    meaning:
      'Chiffre officiel lu dans une copie remise en forme par un tiers (par exemple rouages.fr), pas dans le fichier du producteur lui-même. Les valeurs sont celles du producteur ; le détail est donné avec la source.',
  },
  estimated: {
    badge: 'estimation',
    meaning:
      'Chiffre calculé par l’observatoire à partir de chiffres arrondis (par exemple les résidences principales déduites du nombre de logements sociaux et du taux) : l’ordre de grandeur est sûr, pas le dernier chiffre.',
  },
  rounded: {
    badge: 'chiffre arrondi',
    meaning:
      'Le producteur arrondit ces nombres (la Cnaf au multiple de 5 le plus proche) : le chiffre exact peut différer de quelques unités.',
  },
  sum_of_rounded: {
    badge: 'total de chiffres arrondis',
    meaning:
      'Addition de chiffres communaux déjà arrondis par le producteur : c’est un ordre de grandeur, le total officiel peut différer.',
  },
  masked: {
    badge: 'non diffusé',
    meaning:
      'Le producteur ne publie pas ce chiffre : trop peu de personnes concernées (secret statistique), commune fusionnée, ou qualité jugée insuffisante. Ce n’est jamais un zéro.',
  },
  series_break: {
    badge: 'comparaison impossible avec les années d’avant',
    meaning:
      'La méthode du producteur a changé cette année-là : le chiffre ne se compare pas à ceux des années précédentes, et les courbes sont coupées.',
  },
  curated: {
    badge: 'chiffre d’un rapport',
    meaning:
      'Chiffre recopié d’un rapport ou d’une infographie, avec sa référence : il n’en existe pas de fichier ouvert. Il garde la définition de sa publication.',
  },
  partial: {
    badge: 'calculé sur une partie des communes',
    meaning:
      'Total ou taux calculé seulement sur les communes qui ont un chiffre publié : il ne couvre pas tout le territoire (le nombre de communes comptées est indiqué).',
  },
  suspect: {
    badge: 'à vérifier',
    meaning:
      'Chiffre impossible ou très improbable tel que publié par la source (par exemple plus de foyers au RSA que de ménages) : gardé pour la transparence, écarté des couleurs de la carte et des classements.',
  },
  legacy: {
    badge: 'série ancienne',
    meaning: 'Chiffre tiré d’une série historique dont la provenance n’est que partiellement établie.',
  },
  incoherent: {
    badge: 'incohérent dans la source',
    meaning:
      'La source se contredit (ex. commune carencée avec un prélèvement nul, prélèvement sur une commune non déficitaire) ou donne une valeur impossible (taux de 2 126 %) : valeur écartée des cartes, classements, totaux et arguments, gardée avec le texte du producteur.',
  },
  small_count: {
    badge: 'petits effectifs',
    meaning:
      'Rapport calculé sur de trop petits nombres (ex. moins de 100 ménages) : trop fragile pour être classé ou cartographié avec les autres.',
  },
  not_inventoried: {
    badge: 'au-dessus de 25 % (non inventoriée)',
    meaning:
      'La commune dépasse le taux légal de logements sociaux et n’a pas été inventoriée : la source écrit « >25% » (ou 0 dans l’ancienne série), le taux exact n’est pas publié. Ce n’est jamais 0 %.',
  },
  not_applicable: {
    badge: 'sans objet',
    meaning:
      'La notion ne s’applique pas à ce territoire (ex. pas de « logements manquants » pour une commune exemptée des obligations SRU).',
  },
  corrected: {
    badge: 'coquille corrigée',
    meaning:
      'Faute de saisie évidente dans la source, lue comme le producteur l’entendait (ex. « 38;62% » lu 38,62 %) ; le texte d’origine est conservé.',
  },
  source_change: {
    badge: 'changement de source',
    meaning:
      'À partir de cette année, la valeur vient d’un autre fichier que l’année précédente (ex. série historique → fichier officiel) : la courbe est coupée.',
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
