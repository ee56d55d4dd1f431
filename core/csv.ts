/**
 * The one CSV writer, for the API's tabular formats (server/tabular.ts) and the dashboard's exports
 * (web/src/components/export/csv.ts). Dependency-free: the web app imports it directly.
 *
 * Two styles:
 * - `excel` (French spreadsheets): UTF-8 with BOM, `;`, decimal comma, numbers with a fixed number of
 *   decimals when the column gives one (the registry's `decimals`), flags as French badges, and text
 *   cells starting with = + - @ (a formula for a spreadsheet) neutralised by a leading apostrophe;
 * - `rfc` (RFC 4180, for scripts): `,`, decimal point, full precision, flag codes, text as is.
 * Both end lines with CRLF and leave a missing value empty (never 0).
 */

export type CsvStyle = 'excel' | 'rfc';

/** How a cell is written: `flags` is a list of codes written as French labels in the excel style. */
export type CsvType = 'string' | 'int' | 'number' | 'bool' | 'list' | 'flags';

export interface CellOptions {
  style: CsvStyle;
  /** Excel style: decimals to write (rounded half away from zero); full precision when absent. */
  decimals?: number;
  /** Excel style, `flags` cells: the French label of each code (registry FLAGS badges). */
  labels?: Readonly<Record<string, string>>;
}

/** `n` rounded to `decimals` places, half away from zero, without binary artefacts (1.005 → 1.01). */
export function roundTo(n: number, decimals: number): number {
  if (!Number.isFinite(n)) return n;
  // Shift the decimal point in the text (1.005 → 100.5), not by multiplying (1.005 × 100 = 100.49…).
  const shift = (x: number, by: number) => {
    const [mantissa, exponent = '0'] = String(x).split('e');
    return Number(`${mantissa}e${Number(exponent) + by}`);
  };
  const r = Math.sign(n) * shift(Math.round(shift(Math.abs(n), decimals)), -decimals);
  return Object.is(r, -0) ? 0 : r;
}

/**
 * A number as a spreadsheet reads it: no exponent, no thousands separator, a decimal comma in the
 * excel style; with `decimals`, rounded and written with exactly that many places. NaN and ±∞ → ''.
 */
export function formatNumber(n: number, style: CsvStyle, decimals?: number): string {
  if (!Number.isFinite(n)) return '';
  let s: string;
  if (decimals !== undefined) s = roundTo(n, decimals).toFixed(decimals);
  else {
    s = String(n);
    if (/e/i.test(s)) s = Math.abs(n) >= 1e21 ? BigInt(n).toString() : n.toFixed(20).replace(/\.?0+$/, '');
  }
  return style === 'excel' ? s.replace('.', ',') : s;
}

/** Spreadsheets execute cells starting with = + - @ (or a tab, a CR): those get a leading apostrophe. */
export function protectText(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** One cell's text (before quoting). */
export function csvCell(value: unknown, type: CsvType, opts: CellOptions): string {
  if (value === null || value === undefined) return '';
  const excel = opts.style === 'excel';
  switch (type) {
    case 'number':
    case 'int':
      return typeof value === 'number'
        ? formatNumber(value, opts.style, excel && type === 'number' ? opts.decimals : undefined)
        : '';
    case 'bool':
      return value ? '1' : '0';
    case 'list': {
      const s = (value as unknown[]).map(String).join(excel ? ' | ' : '|');
      return excel ? protectText(s) : s;
    }
    case 'flags': {
      const codes = (value as unknown[]).map(String);
      return excel ? codes.map((c) => opts.labels?.[c] ?? c).join(', ') : codes.join('|');
    }
    default:
      return excel ? protectText(String(value)) : String(value);
  }
}

function quote(field: string, delimiter: string): string {
  return field.includes(delimiter) || /["\r\n]/.test(field) || /^\s|\s$/.test(field)
    ? `"${field.replace(/"/g, '""')}"`
    : field;
}

/** Lines of cells (header first) as a CSV document of the given style. */
export function csvDocument(lines: readonly (readonly string[])[], style: CsvStyle): string {
  const delimiter = style === 'excel' ? ';' : ',';
  const body = lines.map((cells) => cells.map((c) => quote(c, delimiter)).join(delimiter)).join('\r\n');
  return `${style === 'excel' ? '\uFEFF' : ''}${body}\r\n`;
}

/** A column of an export built in the browser. */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
  /** Decimals of a numeric column (the registry's `decimals`). */
  decimals?: number;
}

/** Rows written for French Excel (booleans as oui/non). */
export function toFrenchCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const line = (r: T) =>
    columns.map((c) => {
      const v = c.value(r);
      if (typeof v === 'boolean') return v ? 'oui' : 'non';
      return csvCell(v, typeof v === 'number' ? 'number' : 'string', {
        style: 'excel',
        decimals: c.decimals,
      });
    });
  return csvDocument([columns.map((c) => protectText(c.header)), ...rows.map(line)], 'excel');
}
