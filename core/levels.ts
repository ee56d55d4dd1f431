/** Territory levels and their French names (no other dependency: the web app imports it directly). */
export const LEVELS = ['commune', 'ept', 'epci', 'departement', 'region', 'france'] as const;
export type Level = (typeof LEVELS)[number];

/** Short lower-case names (« commune », « EPT »…), for running text and lists. */
export const LEVEL_SHORT_LABELS: Record<Level, string> = {
  commune: 'commune',
  ept: 'EPT',
  epci: 'EPCI',
  departement: 'département',
  region: 'région',
  france: 'France',
};

/** Plural names, for menus and table titles. */
export const LEVEL_PLURAL_LABELS: Record<Level, string> = {
  commune: 'communes',
  ept: 'EPT (Métropole du Grand Paris)',
  epci: 'EPCI',
  departement: 'départements',
  region: 'régions',
  france: 'France',
};

/** Full names, for headings. */
export const LEVEL_LABELS: Record<Level, string> = {
  commune: 'Commune',
  ept: 'Établissement public territorial (EPT)',
  epci: 'EPCI à fiscalité propre',
  departement: 'Département',
  region: 'Région',
  france: 'France',
};
