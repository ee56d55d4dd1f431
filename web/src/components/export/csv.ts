/**
 * CSV « à la française » for Excel: UTF-8 with BOM, `;` separator, decimal comma, CRLF line ends.
 * Pure functions (tested without a browser). Prefer the API's own `.csv` link when there is one.
 */

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

const BOM = '\uFEFF';

/** A number with a decimal comma and no thousands separator (Excel reads it as a number). */
export function frenchNumber(n: number): string {
  if (!Number.isFinite(n)) return '';
  // Avoid exponent notation for very small/large values; keep up to 10 significant decimals.
  const text = Math.abs(n) >= 1e21 || (Math.abs(n) < 1e-6 && n !== 0) ? n.toFixed(10) : String(n);
  return text.replace('.', ',');
}

function cell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  const text = typeof v === 'number' ? frenchNumber(v) : typeof v === 'boolean' ? (v ? 'oui' : 'non') : v;
  return /[;"\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toFrenchCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const lines = [columns.map((c) => cell(c.header)).join(';')];
  for (const r of rows) lines.push(columns.map((c) => cell(c.value(r))).join(';'));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** A file name safe on every system: lower case ASCII, dashes. */
export function safeFileName(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'export'
  );
}
