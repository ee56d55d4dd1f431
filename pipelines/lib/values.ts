/**
 * Parsing of numbers as French producers write them (`35,28%`, `56 188,45 €`, `1 234,5`) and of
 * the masked-value markers they use (`s`, `nd`, `n.d.`, blank…). A value is either a finite number
 * or a documented mask with its reason; anything else is an InputError naming file, line, column.
 */
import { searchKey } from '../../core/text.js';
import { InputError, type Location } from './errors.js';

export type Parsed = { value: number; mask?: undefined } | { value: null; mask: string };

/** Markers of non-published values and the reason recorded for each. */
export const MASK_MARKERS: Record<string, string> = {
  '': 'valeur absente de la source (cellule vide)',
  s: 'secret statistique (s)',
  secret: 'secret statistique',
  nd: 'non disponible (nd)',
  'n.d.': 'non disponible (n.d.)',
  'n.d': 'non disponible (n.d.)',
  nc: 'non communiqué (nc)',
  'n.c.': 'non communiqué (n.c.)',
  ns: 'non significatif (ns)',
  x: 'non diffusé (x)',
  '-': 'non diffusé (-)',
  '–': 'non diffusé (–)',
  '—': 'non diffusé (—)',
};

export interface NumberOptions {
  /** `- €` or `-` means zero (the SRU levy column does this). */
  dashIsZero?: boolean;
  /** Reject masks: a blank or marker is then an error. */
  required?: boolean;
  /** Expected to be an integer count. */
  integer?: boolean;
}

const SPACES = /[\s\u00a0\u202f\u2009]/g;

/** Parses one cell. Throws InputError for text that is neither a number nor a known mask. */
export function parseFrenchNumber(
  raw: string | null | undefined,
  loc: Location,
  opts: NumberOptions = {},
): Parsed {
  const text = (raw ?? '').replace(/\u0080/g, '€').trim();
  let core = text.replace(/€|%/g, '').replace(SPACES, '');
  const marker = core.toLowerCase();
  if (marker in MASK_MARKERS) {
    if ((marker === '-' || marker === '–') && opts.dashIsZero) return { value: 0 };
    if (opts.required)
      throw new InputError(loc, `valeur attendue, trouvé « ${text} » (${MASK_MARKERS[marker]})`);
    return { value: null, mask: MASK_MARKERS[marker]! };
  }
  if (core.includes(',')) {
    if (/^-?\d{1,3}(\.\d{3})+,\d+$/.test(core)) core = core.replace(/\./g, '');
    core = core.replace(',', '.');
  }
  if (!/^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(core)) {
    throw new InputError(loc, `nombre attendu, trouvé « ${text} »`);
  }
  const value = Number(core);
  if (!Number.isFinite(value)) throw new InputError(loc, `nombre attendu, trouvé « ${text} »`);
  if (opts.integer && !Number.isInteger(value)) {
    throw new InputError(loc, `effectif entier attendu, trouvé « ${text} »`);
  }
  return { value };
}

/** Parses a 0/1 flag column (`0`, `1`, `oui`, `non`, blank = unknown). */
export function parseFlag(raw: string | null | undefined, loc: Location): boolean | null {
  const t = (raw ?? '').trim().toLowerCase();
  if (t === '') return null;
  if (t === '1' || t === 'oui' || t === 'true' || t === 'vrai') return true;
  if (t === '0' || t === 'non' || t === 'false' || t === 'faux') return false;
  throw new InputError(loc, `indicateur 0/1 attendu, trouvé « ${raw} »`);
}

/** Normalises a column name: no accents, lower case, runs of spaces/underscores/dashes to one `_`. */
export function columnKey(name: string): string {
  return searchKey(name).replace(/ /g, '_');
}
