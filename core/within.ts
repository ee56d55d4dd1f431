/**
 * The one `within` syntax (a scope of territories) shared by the API (`within=`), the dashboard's
 * addresses (`dans=`, `zoom=`) and the SQL scope filter: `france`, `region:11`, `departement:92`,
 * `ept:<SIREN>`, `epci:<SIREN>`. Dependency-free: the web app imports it directly.
 */

/** Levels that can hold other territories, besides France. */
export const ZONE_LEVELS = ['region', 'departement', 'ept', 'epci'] as const;
export type ZoneLevel = (typeof ZONE_LEVELS)[number];

/** A zone: one territory that contains others (never France). */
export interface Zone {
  level: ZoneLevel;
  code: string;
}

export type Within = { level: 'france' } | Zone;

/** The whole of France. */
export const FRANCE: Within = { level: 'france' };

/** How a code is written: INSEE code, SIREN or T1–T12 (no separator, at most 9 characters). */
const CODE = '[0-9A-Za-z]{1,9}';
const ZONE_RE = new RegExp(`^(${ZONE_LEVELS.join('|')}):(${CODE})$`);

/** The whole syntax, for validators (zod `regex`): `france` or `level:code`. */
export const WITHIN_PATTERN = new RegExp(`^(france|(${ZONE_LEVELS.join('|')}):${CODE})$`);

/** The syntax in French, for error messages and API documentation. */
export const WITHIN_SYNTAX = 'france, region:11, departement:92, ept:<SIREN> ou epci:<SIREN>';

/** `departement:92` → `{ level: 'departement', code: '92' }`; anything else (even `france`) → null. */
export function parseZone(text: string): Zone | null {
  const m = ZONE_RE.exec(text);
  return m ? { level: m[1] as ZoneLevel, code: m[2]! } : null;
}

/** `france` or a zone; null when the text does not follow the syntax. */
export function parseWithin(text: string): Within | null {
  return text === 'france' ? FRANCE : parseZone(text);
}

/** The text of a scope: the inverse of parseWithin. */
export function formatWithin(within: Within): string {
  return within.level === 'france' ? 'france' : `${within.level}:${within.code}`;
}

/** The code of a scope's territory (France's own code is `FR`). */
export function withinCode(within: Within): string {
  return within.level === 'france' ? 'FR' : within.code;
}
