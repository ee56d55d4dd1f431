/**
 * XLSX inputs (exceljs): the displayed content of a cell, and a streaming reader of one sheet laid out
 * as producers do — title rows, one header row of variable names, data rows below.
 */
import ExcelJS from 'exceljs';
import { InputError } from './errors.js';

export type CellValue = ExcelJS.CellValue | undefined;
export type Scalar = string | number | null;

/** The displayed value of a cell: formulas give their cached result, rich text its text, errors their code. */
export function cellScalar(v: CellValue): Scalar {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellScalar((v.result ?? null) as CellValue);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('error' in v) return String(v.error);
  }
  return String(v);
}

/** The spreadsheet error of a cell (`#DIV/0!`…), or null. */
export function cellError(v: CellValue): string | null {
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    if ('error' in v && v.error) return String(v.error);
    if ('result' in v) return cellError(v.result as CellValue);
  }
  return null;
}

export function cellText(v: CellValue): string {
  const s = cellScalar(v);
  return s === null ? '' : String(s).trim();
}

export interface SheetRows {
  file: string;
  sheet: string;
  /** Text of the rows above the header, by 1-based row number. */
  titles: Map<number, string>;
  /** Header text (trimmed) by 1-based column number. */
  header: Map<number, string>;
  rows: { line: number; values: CellValue[] }[];
}

/**
 * Streams the first sheet whose name matches `match` (others are skipped without being kept in memory).
 * `describe` says, in French, which sheet was expected: it ends the error when none matches.
 */
export async function readSheet(
  path: string,
  file: string,
  opts: { match: (name: string) => boolean; headerRow: number; describe: string },
): Promise<SheetRows> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  const names: string[] = [];
  let found: SheetRows | null = null;
  try {
    for await (const ws of reader) {
      const name = String((ws as unknown as { name?: string }).name ?? '').trim();
      names.push(name);
      const wanted = !found && opts.match(name);
      const sheet: SheetRows = { file, sheet: name, titles: new Map(), header: new Map(), rows: [] };
      for await (const row of ws) {
        if (!wanted) continue;
        const values = (row.values as CellValue[]) ?? [];
        if (row.number < opts.headerRow) {
          sheet.titles.set(row.number, values.map(cellText).filter(Boolean).join(' '));
        } else if (row.number === opts.headerRow) {
          values.forEach((v, i) => {
            const t = cellText(v);
            if (t) sheet.header.set(i, t);
          });
        } else sheet.rows.push({ line: row.number, values });
      }
      if (wanted) found = sheet;
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError({ file }, `classeur XLSX illisible (${(err as Error).message})`);
  }
  if (!found)
    throw new InputError(
      { file },
      `${opts.describe} introuvable (feuilles trouvées : ${names.join(', ') || 'aucune'})`,
    );
  return found;
}
