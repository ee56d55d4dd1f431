/**
 * The one module that owns DuckDB instances. Pipelines open a writable file (always a temporary
 * file that the build renames into place); the server opens the published file read-only.
 * Every query goes through `all`/`run` with `$name` parameters: no SQL is built from user input.
 */
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';

export type Params = Record<string, DuckDBValue | undefined>;
export type Row = Record<string, unknown>;

export interface Db {
  readonly path: string;
  readonly readOnly: boolean;
  all<T = Row>(sql: string, params?: Params): Promise<T[]>;
  run(sql: string, params?: Params): Promise<void>;
  connection(): DuckDBConnection;
  close(): void;
}

function cleanParams(params?: Params): Record<string, DuckDBValue> | undefined {
  if (!params) return undefined;
  const out: Record<string, DuckDBValue> = {};
  for (const [k, v] of Object.entries(params)) out[k] = v === undefined ? null : v;
  return out;
}

/** Converts DuckDB JS values (bigint, lists) to plain JSON-friendly values. */
export function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    const v = value as { items?: unknown[]; entries?: unknown };
    if (Array.isArray(v.items)) return v.items.map(plain);
    if (value instanceof Date) return value.toISOString();
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(value)) out[k] = plain(x);
    return out;
  }
  return value;
}

/**
 * Opens a database. `connections` > 1 (read-only serving) opens a small pool on one instance so that
 * concurrent requests run in parallel instead of queueing on a single connection; each query goes to
 * the least busy connection. Writes (`run`, `connection()`) always use the first connection.
 */
export async function openDb(
  path: string,
  opts: { readOnly?: boolean; threads?: number; connections?: number } = {},
): Promise<Db> {
  const options: Record<string, string> = {};
  if (opts.readOnly) options.access_mode = 'READ_ONLY';
  if (opts.threads) options.threads = String(opts.threads);
  const instance = await DuckDBInstance.create(path, options);
  const pool: { conn: DuckDBConnection; busy: number }[] = [];
  for (let i = 0; i < Math.max(1, opts.connections ?? 1); i++)
    pool.push({ conn: await instance.connect(), busy: 0 });
  let closed = false;
  return {
    path,
    readOnly: Boolean(opts.readOnly),
    async all<T = Row>(sql: string, params?: Params): Promise<T[]> {
      const slot = pool.reduce((a, b) => (b.busy < a.busy ? b : a));
      slot.busy++;
      try {
        const reader = await slot.conn.runAndReadAll(sql, cleanParams(params));
        return reader.getRowObjectsJS().map((r) => plain(r) as T);
      } finally {
        slot.busy--;
      }
    },
    async run(sql: string, params?: Params): Promise<void> {
      await pool[0]!.conn.run(sql, cleanParams(params));
    },
    connection: () => pool[0]!.conn,
    close() {
      if (closed) return;
      closed = true;
      for (const p of pool) p.conn.closeSync();
      instance.closeSync();
    },
  };
}
