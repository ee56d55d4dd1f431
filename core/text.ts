/** Text helpers shared by the pipelines, the API and the web app (no dependency: the web app imports it). */
/** Normalises a name for accent- and case-insensitive matching and search. */
export function searchKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Replaces `{year}` and `{year+N}` in a registry text. */
export function fillYear(text: string, year: number): string {
  return text.replace(/\{year(?:\+(\d+))?\}/g, (_m, plus?: string) =>
    String(year + (plus ? Number(plus) : 0)),
  );
}

/** A registry text with no year to fill: `{year}` reads « N », `{year+1}` « N+1 » (the rule, not a year). */
export function yearless(text: string): string {
  return text.replace(/\{year(?:\+(\d+))?\}/g, (_m, plus?: string) => (plus ? `N+${plus}` : 'N'));
}
