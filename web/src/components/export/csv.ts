/**
 * CSV « à la française » for Excel, built in the browser: the project's one CSV writer (`core/csv.ts`,
 * shared with the API: UTF-8 with BOM, `;`, decimal comma, the registry's decimals, formula-injection
 * guard). Prefer the API's own `.csv` link when there is one.
 */
import { formatNumber, toFrenchCsv, type CsvColumn } from '../../../../core/csv';

export { toFrenchCsv, type CsvColumn };

/** A number with a decimal comma and no thousands separator (Excel reads it as a number). */
export function frenchNumber(n: number): string {
  return formatNumber(n, 'excel');
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
