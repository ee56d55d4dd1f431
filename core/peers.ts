/**
 * Comparable communes (« communes qui me ressemblent »): the criteria, the population bands, the
 * method in plain French and the tables the build step `pipelines/peers.ts` writes. No dependency:
 * the API and the web app (methodology page) read the same definitions.
 */

export const PEER_COUNT = 10;

export type PeerCriterionId = 'population' | 'densite' | 'parc_social' | 'pauvrete' | 'vacance';

export interface PeerCriterion {
  id: PeerCriterionId;
  label: string;
  /** The criterion in a sentence: « comparées par la population, la densité… ». */
  phrase: string;
  /** Unit written after a value in French text. */
  unit: string;
  decimals: number;
  /** How the value is computed, from which indicators of the registry and which year. */
  definition: string;
  /** Values are compared on a logarithmic scale (sizes and densities spread over several orders). */
  log: boolean;
  /** Registry indicators read (the most recent year of each at commune level). */
  indicators: string[];
  /** Covers every département (true) or only the départements our sources cover. */
  national: boolean;
}

/**
 * In the order they are given up: when too few communes share all of a commune's criteria, the last
 * one (least covered) is set aside first. Population is never given up (it is also the band).
 */
export const PEER_CRITERIA: PeerCriterion[] = [
  {
    id: 'population',
    label: 'Population municipale',
    phrase: 'la population',
    unit: 'hab.',
    decimals: 0,
    definition:
      'Population municipale des populations légales (INSEE), dernier millésime chargé ; comparée sur une échelle logarithmique (10 000 et 20 000 habitants sont aussi proches que 50 000 et 100 000).',
    log: true,
    indicators: ['population'],
    national: true,
  },
  {
    id: 'densite',
    label: 'Densité de population',
    phrase: 'la densité',
    unit: 'hab./km²',
    decimals: 0,
    definition:
      'Population municipale ÷ surface de la commune, calculée par l’observatoire sur les contours communaux simplifiés (IGN ADMIN EXPRESS 2018 regroupés au COG 2025) ; comparée sur une échelle logarithmique. Elle tient lieu de « type d’espace » : nos sources n’ont ni la grille communale de densité ni le zonage en aires d’attraction des villes de l’INSEE.',
    log: true,
    indicators: ['population'],
    national: true,
  },
  {
    id: 'parc_social',
    label: 'Logements sociaux (RPLS)',
    phrase: 'le nombre de logements sociaux par habitant',
    unit: 'pour 100 hab.',
    decimals: 1,
    definition:
      'Logements du parc social (RPLS, dernier millésime chargé) pour 100 habitants (population municipale). Une commune absente du RPLS n’a pas de valeur (jamais 0 par défaut).',
    log: false,
    indicators: ['rpls_parc_social', 'population'],
    national: true,
  },
  {
    id: 'pauvrete',
    label: 'Taux de pauvreté',
    phrase: 'le taux de pauvreté',
    unit: '%',
    decimals: 1,
    definition:
      'Taux de pauvreté au seuil de 60 % du niveau de vie médian (Filosofi), dernier millésime chargé seulement (les millésimes antérieurs, d’une autre méthode, ne sont pas mêlés). Couvert pour une partie des départements seulement.',
    log: false,
    indicators: ['filosofi_taux_pauvrete'],
    national: false,
  },
  {
    id: 'vacance',
    label: 'Part de logements vacants',
    phrase: 'la part de logements vacants',
    unit: '%',
    decimals: 1,
    definition:
      'Logements vacants ÷ logements (recensement de la population, dernier millésime chargé), indice de la tension du marché du logement. Couvert pour une partie des départements seulement.',
    log: false,
    indicators: ['logements_vacants', 'logements'],
    national: false,
  },
];

export const PEER_CRITERION_IDS = PEER_CRITERIA.map((c) => c.id);

/** Lower bounds of the population bands (the last band has no upper bound). */
export const POPULATION_BANDS = [0, 200, 500, 1_000, 2_000, 3_500, 5_000, 10_000, 20_000, 50_000, 100_000];

export function bandOf(population: number): number {
  let b = 0;
  while (b + 1 < POPULATION_BANDS.length && population >= POPULATION_BANDS[b + 1]!) b++;
  return b;
}

const fmt = (n: number) => n.toLocaleString('fr-FR').replace(/\u202f|\u00a0/g, ' ');

/** « de 20 000 à 49 999 habitants » for the bands lo..hi (indices, inclusive). */
export function bandText(lo: number, hi: number): string {
  const min = POPULATION_BANDS[lo]!;
  const next = POPULATION_BANDS[hi + 1];
  if (next === undefined) return min === 0 ? 'toutes tailles' : `${fmt(min)} habitants ou plus`;
  if (min === 0) return `moins de ${fmt(next)} habitants`;
  return `de ${fmt(min)} à ${fmt(next - 1)} habitants`;
}

/** How peers were chosen for one commune. */
export type PeerMode = 'structure' | 'proximite' | 'departement';

/** Flags that keep a value out of the comparison (same rule as maps and rankings). */
export const PEER_EXCLUDED_FLAGS = ['masked', 'suspect', 'incoherent', 'small_count'];

export const PEER_METHOD = [
  `Pour chaque commune, les ${PEER_COUNT} communes de France les plus proches par la taille et la structure, calculées à chaque construction de la base (même données, mêmes communes comparables).`,
  'Taille : les communes comparables sont d’abord cherchées dans la même tranche de population (moins de 200, 200 à 499, 500 à 999, 1 000 à 1 999, 2 000 à 3 499, 3 500 à 4 999, 5 000 à 9 999, 10 000 à 19 999, 20 000 à 49 999, 50 000 à 99 999, 100 000 habitants ou plus).',
  'Structure : chaque critère (population, densité, logements sociaux pour 100 habitants, taux de pauvreté, part de logements vacants) est centré-réduit sur l’ensemble des communes qui en ont une valeur (écart à la moyenne divisé par l’écart type, après logarithme pour la population et la densité) ; la distance entre deux communes est la racine de la moyenne des carrés des écarts, critère par critère (0 = identiques ; 1 = un écart type en moyenne).',
  'Valeurs manquantes : une commune n’est comparée que sur les critères dont elle a une valeur, et seulement à des communes qui ont une valeur pour chacun de ces critères. Si moins de 10 communes de la tranche les ont tous, le critère le moins couvert est mis de côté (vacance, puis pauvreté, puis logement social, puis densité) ; si la population seule ne suffit pas, la tranche est élargie aux tranches voisines. Les critères retenus sont indiqués pour chaque commune.',
  'Une commune sans population légale (Mayotte) ou sans habitant (villages détruits de la Meuse) est comparée aux communes les plus proches géographiquement (distance en kilomètres entre les centres des contours) ; une commune sans population ni contour, aux autres communes de son département.',
  'Ex æquo départagés par le code commune. Une commune n’est jamais sa propre comparable.',
].join(' ');

/** Tables written by `pipelines/peers.ts` (recomputed at every build, after derived values and aggregates). */
export const PEERS_DDL = [
  `CREATE TABLE peer_criteria (
    id VARCHAR PRIMARY KEY,
    years VARCHAR NOT NULL,
    source_ids VARCHAR[] NOT NULL,
    n_communes INTEGER NOT NULL,
    mean DOUBLE,
    sd DOUBLE
  )`,
  `CREATE TABLE peer_sets (
    code VARCHAR PRIMARY KEY,
    mode VARCHAR NOT NULL,
    criteria VARCHAR[] NOT NULL,
    missing VARCHAR[] NOT NULL,
    set_aside VARCHAR[] NOT NULL,
    band_lo INTEGER,
    band_hi INTEGER,
    candidates INTEGER NOT NULL
  )`,
  `CREATE TABLE peers (
    code VARCHAR NOT NULL,
    rank INTEGER NOT NULL,
    peer VARCHAR NOT NULL,
    distance DOUBLE
  )`,
  `CREATE TABLE peer_values (
    code VARCHAR NOT NULL,
    criterion VARCHAR NOT NULL,
    value DOUBLE NOT NULL,
    z DOUBLE NOT NULL
  )`,
];
