/**
 * Choices of the workshop pack, from the registry alone: which figures make the EPT's chiffres clés,
 * which indicators become columns of the communes table, which can be mapped. Pure functions.
 */
import type { IndicatorMeta } from '../../model/fiche';

export type RegistryIndicator = IndicatorMeta & { levels: string[]; years: number[] };

/** Preferred columns of the communes table, matched by id or pattern, in this order. */
const COLUMN_PREFERENCES: RegExp[] = [
  /^population$/,
  /^sru_taux$/,
  /^sru_logements_manquants$/,
  /^sru_carencee$/,
  /^part_locataires_hlm$/,
  /demande.*attente|demandes_en_cours|^sne_demandes$/,
  /rsa.*pour_100|rsa_pour_100/,
  /pauvrete/,
  /median/,
];

export const MAX_COLUMNS = 7;
export const MAX_PER_THEME = 2;
/** SRU gets more room: rate, missing dwellings, deficit and carence counts all matter in a workshop. */
const THEME_LIMITS: Record<string, number> = { population: 2, sru: 5, demande: 1 }; // demand: own table on page 2

/** Columns of the communes table: preferred indicators first, then other commune-level rates. */
export function communeColumns(indicators: RegistryIndicator[], extra?: string): RegistryIndicator[] {
  const usable = indicators.filter((i) => i.open && i.levels.includes('commune') && i.years.length > 0);
  const out: RegistryIndicator[] = [];
  for (const re of COLUMN_PREFERENCES) {
    const hit = usable.find((i) => re.test(i.id) && !out.includes(i));
    if (hit) out.push(hit);
  }
  for (const i of usable) {
    if (out.length >= MAX_COLUMNS) break;
    if (!out.includes(i) && (i.unit === 'pct' || i.unit === 'pour_100') && i.polarity !== 'neutral')
      out.push(i);
  }
  const cols = out.slice(0, MAX_COLUMNS);
  const wanted = extra ? usable.find((i) => i.id === extra) : undefined;
  if (wanted && !cols.includes(wanted)) cols.push(wanted);
  return cols;
}

/** Indicators that can be mapped at commune level (open, with at least one commune value). */
export function mappable(indicators: RegistryIndicator[]): RegistryIndicator[] {
  return indicators.filter((i) => i.open && i.levels.includes('commune') && i.years.length > 0);
}

/**
 * The chiffres clés of the pack: for each theme, in registry order, at most MAX_PER_THEME indicators
 * with a value for the EPT, those with a polarity (a concern) first.
 */
export function keyFigureIds<
  T extends { id: string; theme: string; open: boolean; polarity: string; value: unknown },
>(indicators: T[]): string[] {
  const themes: string[] = [];
  for (const i of indicators) if (!themes.includes(i.theme)) themes.push(i.theme);
  const out: string[] = [];
  for (const theme of themes) {
    const inTheme = indicators.filter((i) => i.theme === theme && i.open && i.value);
    const ranked = [
      ...inTheme.filter((i) => i.polarity !== 'neutral'),
      ...inTheme.filter((i) => i.polarity === 'neutral'),
    ].slice(0, THEME_LIMITS[theme] ?? MAX_PER_THEME);
    out.push(...inTheme.filter((i) => ranked.includes(i)).map((i) => i.id));
  }
  return out;
}
