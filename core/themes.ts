/** Indicator themes and their French names (no other dependency: the web app imports it directly). */
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

/** The theme's French name; the code itself for a theme this list does not know. */
export function themeLabel(theme: string): string {
  return (THEME_LABELS as Record<string, string>)[theme] ?? theme;
}
