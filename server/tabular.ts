/**
 * Tabular formats. Every tabular route answers JSON by default, CSV with a `.csv` suffix or
 * `format=csv`, Apache Arrow IPC with `.arrow` or `format=arrow`. The route builds one `Table`
 * (columns + rows + sources); this module writes it in the requested format.
 *
 * CSV (written by core/csv.ts) defaults to the French spreadsheet style: UTF-8 with BOM, `;`, decimal
 * comma, French headers with units, values with the registry's decimals (whole numbers for counts),
 * flags as French badges, trailing `source` and `millésime` columns. `csv_style=rfc` gives plain
 * RFC 4180 for scripts (`,`, `.`, no BOM, the JSON keys as headers, full precision, flag codes, and
 * `source`, `millesime`, `qualite`). A missing value is an empty cell, never 0.
 */
import type { Context } from 'hono';
import {
  Bool,
  Field,
  Float64,
  Int32,
  List,
  Schema,
  Table as ArrowTable,
  Utf8,
  tableToIPC,
  vectorFromArray,
  type DataType,
} from 'apache-arrow';
import { z } from 'zod';
import { csvCell, csvDocument, type CsvStyle, type CsvType } from '../core/csv.js';
import { FLAGS, UNITS, indicator as getIndicator, type Level } from '../core/registry.js';
import { badRequest } from './http.js';
import type { SourceOut } from './services/sources.js';

export const FORMATS = ['json', 'csv', 'arrow'] as const;
export type Format = (typeof FORMATS)[number];
export const CSV_STYLES = ['excel', 'rfc'] as const satisfies readonly CsvStyle[];
export type { CsvStyle };

/** Query parameters shared by every tabular route (spread into each route's zod schema). */
export const formatParams = {
  format: z
    .enum(FORMATS)
    .optional()
    .describe('json (défaut), csv ou arrow ; équivaut aux suffixes .json, .csv, .arrow du chemin'),
  csv_style: z
    .enum(CSV_STYLES)
    .default('excel')
    .describe(
      'excel (défaut) : UTF-8 avec BOM, « ; », virgule décimale, en-têtes en français avec unités ; rfc : RFC 4180 (« , », point décimal, sans BOM, clés JSON en en-tête)',
    ),
};

export const ARROW_TYPE = 'application/vnd.apache.arrow.stream';
const SUFFIX_RE = /\.(json|csv|arrow)$/;

/** Routing path without the format suffix (`/api/values.csv` is routed as `/api/values`). */
export function stripFormatSuffix(path: string): string {
  return path.startsWith('/api/') ? path.replace(SUFFIX_RE, '') : path;
}

/** The format a request asks for: path suffix, else `format=`, else JSON. Conflicting → 400. */
export function requestedFormat(c: Context, query?: Format): Format {
  const suffix = SUFFIX_RE.exec(new URL(c.req.url).pathname)?.[1] as Format | undefined;
  if (suffix && query && suffix !== query) {
    throw badRequest(`Format contradictoire : suffixe « .${suffix} » et format=${query}.`, 'format', [
      ...FORMATS,
    ]);
  }
  return suffix ?? query ?? 'json';
}

export type ColType = CsvType;

export interface Column {
  key: string;
  /** French header (excel style), with the unit when there is one. */
  header: string;
  type: ColType;
  /**
   * Decimals of a `number` column in the excel CSV (the registry's), for every row or per row (a
   * table mixing indicators); full precision when absent, and always in JSON, RFC CSV and Arrow.
   */
  decimals?: number | ((row: Record<string, unknown>) => number | undefined);
}

export interface Table {
  /** File name without extension (ASCII, built from validated parameters only). */
  name: string;
  columns: Column[];
  rows: Array<Record<string, unknown>>;
  /** Sources referenced by the rows' `source_id`: adds `source`, `millésime`, `qualité` to the CSV. */
  sources?: Record<string, SourceOut>;
  /** Carried into the Arrow schema metadata (`observatoire` key, JSON) with the build id. */
  meta?: object;
}

/** Header of a value column: « Taux SRU (%) », « Déficitaire (communes déficitaires) ». */
export function valueHeader(indicatorId: string, level?: Level): string {
  const def = getIndicator(indicatorId);
  let unit: string =
    def.unit === 'booleen' ? 'oui = 1, non = 0' : UNITS[def.unit].symbol || UNITS[def.unit].label;
  if (level && level !== 'commune' && def.aggregate_unit_label) unit = def.aggregate_unit_label;
  return `${def.short_label} (${unit})`;
}

/** Headers of the numerator and denominator columns, named after the indicators they come from. */
export function partHeaders(indicatorId: string): { numerator: string; denominator: string } {
  const def = getIndicator(indicatorId);
  const name = (id: string | undefined, fallback: string) =>
    id ? `${fallback} : ${valueHeader(id)}` : fallback;
  return { numerator: name(def.numerator, 'Numérateur'), denominator: name(def.denominator, 'Dénominateur') };
}

/**
 * Decimals written in the excel CSV for an indicator's value and for its numerator and denominator
 * (the decimals of the indicators they come from; whole numbers when the registry names none).
 */
export function decimalsOf(indicatorId: string): { value: number; numerator: number; denominator: number } {
  const def = getIndicator(indicatorId);
  const part = (id: string | undefined) => (id ? getIndicator(id).decimals : 0);
  return { value: def.decimals, numerator: part(def.numerator), denominator: part(def.denominator) };
}

/** The flags column: French badges in the excel CSV, codes in JSON, RFC CSV and Arrow. */
export const FLAGS_COLUMN: Column = { key: 'flags', header: 'Signalements', type: 'flags' };

/** The observation columns shared by values, rankings and series. */
export function observationColumns(indicatorId: string, level?: Level): Column[] {
  const parts = partHeaders(indicatorId);
  const decimals = decimalsOf(indicatorId);
  return [
    { key: 'year', header: 'Année', type: 'int' },
    { key: 'value', header: valueHeader(indicatorId, level), type: 'number', decimals: decimals.value },
    { key: 'numerator', header: parts.numerator, type: 'number', decimals: decimals.numerator },
    { key: 'denominator', header: parts.denominator, type: 'number', decimals: decimals.denominator },
    {
      key: 'low',
      header: 'Borne basse (valeur déduite d’un arrondi)',
      type: 'number',
      decimals: decimals.value,
    },
    {
      key: 'high',
      header: 'Borne haute (valeur déduite d’un arrondi)',
      type: 'number',
      decimals: decimals.value,
    },
    { key: 'raw', header: 'Texte de la source', type: 'string' },
    FLAGS_COLUMN,
    { key: 'note', header: 'Note', type: 'string' },
    { key: 'source_id', header: 'Identifiant de la source', type: 'string' },
  ];
}

function safeName(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9_.-]+/g, '_')
      .replace(/_+/g, '_')
      .slice(0, 120) || 'export'
  );
}

/** French labels of the flags (registry badges), for the excel CSV. */
const FLAG_LABELS: Record<string, string> = Object.fromEntries(
  Object.entries(FLAGS).map(([code, f]) => [code, f.badge]),
);

function provenance(
  row: Record<string, unknown>,
  sources: Record<string, SourceOut>,
  style: CsvStyle,
): unknown[] {
  const src = typeof row.source_id === 'string' ? sources[row.source_id] : undefined;
  const out: unknown[] = [src ? `${src.producer} — ${src.title} (${src.file_name})` : '', src?.vintage ?? ''];
  // The excel style already shows the flags as badges in their own column.
  if (style === 'rfc') out.push(csvCell(row.flags ?? [], 'flags', { style: 'excel', labels: FLAG_LABELS }));
  return out;
}

export function toCsv(table: Table, style: CsvStyle): string {
  const withSources = table.sources !== undefined;
  const header = table.columns.map((col) => (style === 'excel' ? col.header : col.key));
  if (withSources)
    header.push(...(style === 'excel' ? ['source', 'millésime'] : ['source', 'millesime', 'qualite']));
  const records = table.rows.map((row) => {
    const out = table.columns.map((col) =>
      csvCell(row[col.key], col.type, {
        style,
        decimals: typeof col.decimals === 'function' ? col.decimals(row) : col.decimals,
        labels: FLAG_LABELS,
      }),
    );
    if (withSources)
      out.push(...provenance(row, table.sources!, style).map((s) => csvCell(s, 'string', { style })));
    return out;
  });
  return csvDocument([header, ...records], style);
}

function arrowType(type: ColType): DataType {
  switch (type) {
    case 'int':
      return new Int32();
    case 'number':
      return new Float64();
    case 'bool':
      return new Bool();
    case 'list':
    case 'flags':
      return new List(new Field('item', new Utf8(), true));
    default:
      return new Utf8();
  }
}

export function toArrow(table: Table, buildId: string): Uint8Array {
  const fields: Field[] = [];
  const vectors = table.columns.map((col) => {
    const type = arrowType(col.type);
    fields.push(new Field(col.key, type, true));
    const values = table.rows.map((r) => {
      const v = r[col.key];
      if (v === undefined || v === null) return null;
      if (col.type === 'string') return String(v);
      if (col.type === 'list' || col.type === 'flags') return (v as unknown[]).map(String);
      return v;
    });
    return vectorFromArray(values, type);
  });
  const plainTable = new ArrowTable(Object.fromEntries(table.columns.map((c, i) => [c.key, vectors[i]!])));
  const metadata = new Map<string, string>([
    ['observatoire', JSON.stringify({ build_id: buildId, ...table.meta, sources: table.sources ?? {} })],
    ['headers', JSON.stringify(Object.fromEntries(table.columns.map((c) => [c.key, c.header])))],
  ]);
  const schema = new Schema(plainTable.schema.fields, metadata);
  return tableToIPC(new ArrowTable(schema, plainTable.batches), 'stream');
}

/**
 * Writes a table as CSV or Arrow (JSON stays with the route, which keeps its typed `c.json`). The
 * result is typed `never` on purpose: these bodies are not part of the typed JSON client (`hc`), so
 * the route's inferred response type stays its JSON envelope.
 */
export function sendTable(
  c: Context,
  format: Exclude<Format, 'json'>,
  style: CsvStyle,
  table: Table,
  buildId: string,
): never {
  return writeTable(c, format, style, table, buildId) as never;
}

function writeTable(
  c: Context,
  format: Exclude<Format, 'json'>,
  style: CsvStyle,
  table: Table,
  buildId: string,
): Response {
  const name = safeName(table.name);
  if (format === 'csv') {
    c.header('Content-Type', `text/csv; charset=utf-8${style === 'excel' ? '' : '; header=present'}`);
    c.header('Content-Disposition', `attachment; filename="${name}.csv"`);
    return c.body(toCsv(table, style));
  }
  c.header('Content-Type', ARROW_TYPE);
  c.header('Content-Disposition', `attachment; filename="${name}.arrow"`);
  const bytes = toArrow(table, buildId);
  return c.body(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
}
