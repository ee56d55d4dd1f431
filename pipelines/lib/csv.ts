/**
 * Reading delimited text files the way French producers publish them: encoding checked (UTF-8 or
 * Windows-1252), BOM removed, delimiter detected, header found on one of the first non-blank lines,
 * columns matched by name without regard to accents or case. Parsing itself is done by csv-parse.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { InputError } from './errors.js';
import { columnKey } from './values.js';

export type Encoding = 'utf-8' | 'cp1252' | 'auto';

/** Decodes a file, checking that it is in the expected encoding. */
export function decodeText(
  buf: Uint8Array,
  file: string,
  encoding: Encoding,
): { text: string; encoding: 'utf-8' | 'cp1252' } {
  let bytes = buf;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  const asUtf8 = new TextDecoder('utf-8').decode(bytes);
  const bad = asUtf8.indexOf('\ufffd');
  const hasHighBytes = bytes.some((b) => b >= 0x80);
  let text: string;
  let used: 'utf-8' | 'cp1252';
  if (bad === -1 && (encoding !== 'cp1252' || hasHighBytes)) {
    // Valid UTF-8 (a cp1252-declared file that decodes as UTF-8 with accents is a re-encoded copy).
    text = asUtf8;
    used = 'utf-8';
  } else if (bad === -1) {
    text = asUtf8;
    used = 'cp1252';
  } else if (encoding === 'utf-8') {
    const line = asUtf8.slice(0, bad).split('\n').length;
    throw new InputError(
      { file, line },
      'le fichier n’est pas encodé en UTF-8 comme attendu (octet invalide) ; ré-encodez-le en UTF-8',
    );
  } else {
    text = iconv.decode(Buffer.from(bytes), 'win1252');
    used = 'cp1252';
  }
  const mojibake = /Ã[\u0080-\u00bf©¨§ª«®¯´¹¼½¾]/.exec(text);
  if (mojibake) {
    const line = text.slice(0, mojibake.index).split('\n').length;
    throw new InputError(
      { file, line },
      `texte doublement encodé (« ${mojibake[0]} » au lieu d’une lettre accentuée) : le fichier a été converti deux fois en UTF-8`,
    );
  }
  return { text, encoding: used };
}

export interface CsvRow {
  /** 1-based line number in the file where the record starts. */
  line: number;
  /** Values by normalised column key (see `columnKey`). */
  get(column: string): string;
  raw: string[];
}

export interface CsvTable {
  file: string;
  header: string[];
  /** Normalised key → index. */
  columns: Map<string, number>;
  rows: CsvRow[];
  headerLine: number;
  encoding: 'utf-8' | 'cp1252';
  delimiter: string;
}

export interface ReadCsvOptions {
  encoding: Encoding;
  /** Delimiter, or undefined to detect among `;`, `,`, tab. */
  delimiter?: string;
  /** Columns that must be present (normalised keys, or patterns tested on normalised keys). */
  required: (string | RegExp)[];
  /** How many non-blank lines may precede the header (0 = header is the first non-blank line). */
  headerSearch?: number;
  /** The file has no header: columns are named c1, c2… */
  noHeader?: boolean;
}

function detectDelimiter(line: string): string {
  const counts = [';', ',', '\t'].map((d) => [d, line.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

export function findColumn(columns: Map<string, number>, want: string | RegExp): string | undefined {
  if (typeof want === 'string') return columns.has(want) ? want : undefined;
  for (const k of columns.keys()) if (want.test(k)) return k;
  return undefined;
}

export function readCsvText(
  text: string,
  file: string,
  opts: ReadCsvOptions & { encodingUsed?: 'utf-8' | 'cp1252' },
): CsvTable {
  const lines = text.split(/\r?\n/);
  const isBlank = (l: string) => l.replace(/[;,\t\s"]/g, '') === '';
  let first = 0;
  while (first < lines.length && isBlank(lines[first]!)) first++;
  if (first >= lines.length) throw new InputError({ file }, 'fichier vide');
  const delimiter = opts.delimiter ?? detectDelimiter(lines[first]!);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
      info: false,
      trim: false,
    }) as string[][];
  } catch (err) {
    const e = err as Error & { lines?: number };
    throw new InputError({ file, line: e.lines }, `CSV illisible : ${e.message}`);
  }
  // csv-parse with skip_empty_lines=false keeps one record per physical line except for quoted newlines;
  // recompute line numbers from the info-less records by counting embedded newlines.
  const lineNumbers: number[] = [];
  let ln = 1;
  for (const rec of records) {
    lineNumbers.push(ln);
    ln += 1 + rec.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
  }
  let headerIdx = -1;
  let header: string[] = [];
  let columns = new Map<string, number>();
  const recIsBlank = (r: string[]) => r.every((c) => c.trim() === '');
  if (opts.noHeader) {
    const firstRec = records.find((r) => !recIsBlank(r)) ?? [];
    header = firstRec.map((_c, i) => `c${i + 1}`);
    columns = new Map(header.map((h, i) => [h, i]));
    headerIdx = records.indexOf(firstRec) - 1;
  } else {
    const search = opts.headerSearch ?? 0;
    let seen = 0;
    const tried: string[] = [];
    for (let i = 0; i < records.length && seen <= search; i++) {
      const rec = records[i]!;
      if (recIsBlank(rec)) continue;
      seen++;
      const cols = new Map(rec.map((h, j) => [columnKey(h), j] as const));
      const missing = opts.required.filter((w) => findColumn(cols, w) === undefined);
      if (missing.length === 0) {
        headerIdx = i;
        header = rec.map((h) => h.trim());
        columns = cols;
        break;
      }
      tried.push(`ligne ${lineNumbers[i]} : ${missing.map(String).join(', ')} manquante(s)`);
    }
    if (headerIdx < 0) {
      throw new InputError(
        { file, line: lineNumbers[first] ?? 1 },
        `en-tête attendu introuvable (colonnes requises : ${opts.required.map(String).join(', ')} ; ${tried.join(' ; ')})`,
      );
    }
  }
  // Trailing empty cells beyond the header are tolerated when they are the file's habit (lines ending with
  // a separator), not on one line: there, a separator inside a value shifted the cells and the last one,
  // empty, fell off the end (« 1 234,5 » written in a file with commas, on a line ending with blanks).
  const usualLength = modalLength(records.slice(headerIdx + 1).filter((r) => !recIsBlank(r)));
  const rows: CsvRow[] = [];
  for (let i = headerIdx + 1; i < records.length; i++) {
    const rec = records[i]!;
    if (recIsBlank(rec)) continue;
    const line = lineNumbers[i]!;
    if (!opts.noHeader && rec.length < header.length) {
      throw new InputError(
        { file, line },
        `ligne incomplète : ${rec.length} colonnes au lieu de ${header.length} (fichier tronqué ou séparateur inattendu)`,
      );
    }
    if (
      !opts.noHeader &&
      rec.length > header.length &&
      (rec.slice(header.length).some((x) => x.trim() !== '') || rec.length > usualLength)
    ) {
      throw new InputError(
        { file, line },
        `${rec.length} colonnes au lieu de ${header.length} : un séparateur « ${delimiter} » figure dans une valeur non protégée par des guillemets (ex. « 1 234,5 » dans un fichier à virgules)`,
      );
    }
    rows.push({
      line,
      raw: rec,
      get(column: string) {
        const j = columns.get(column);
        if (j === undefined) throw new InputError({ file, line, column }, 'colonne absente');
        return rec[j] ?? '';
      },
    });
  }
  return {
    file,
    header,
    columns,
    rows,
    headerLine: headerIdx >= 0 ? lineNumbers[headerIdx]! : 0,
    encoding: opts.encodingUsed ?? 'utf-8',
    delimiter,
  };
}

/** Reads and parses a delimited file from disk. `label` is the file name used in messages. */
export function readCsvFile(path: string, opts: ReadCsvOptions, label = basename(path)): CsvTable {
  const { text, encoding } = decodeText(readFileSync(path), label, opts.encoding);
  return readCsvText(text, label, { ...opts, encodingUsed: encoding });
}

/** The most frequent number of cells per line (the longest on a tie). */
function modalLength(records: readonly string[][]): number {
  const counts = new Map<number, number>();
  for (const r of records) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [len, n] of counts)
    if (n > bestCount || (n === bestCount && len > best)) [best, bestCount] = [len, n];
  return best;
}
