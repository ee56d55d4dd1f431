/**
 * The one module that owns DuckDB instances. Pipelines open a writable file (always a temporary
 * file that the build renames into place); the server opens the published file read-only.
 * Every query goes through `all`/`run` with `$name` parameters: no SQL is built from user input.
 */
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';

export type Params = Record<string, DuckDBValue | undefined>;
export type Row = Record<string, unknown>;

export interface QueryOptions {
  /** Aborting interrupts the running query (`connection.interrupt()`); it then rejects. */
  signal?: AbortSignal;
}

/** Raised when a query is interrupted through its AbortSignal. */
export class QueryInterrupted extends Error {
  constructor() {
    super('requête DuckDB interrompue');
    this.name = 'QueryInterrupted';
  }
}

export interface Db {
  readonly path: string;
  readonly readOnly: boolean;
  all<T = Row>(sql: string, params?: Params, opts?: QueryOptions): Promise<T[]>;
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
 * `connections` > 1 (read-only serving) opens a pool on one instance: each query checks out a
 * connection of its own (and waits when all are busy), so concurrent requests run in parallel and
 * interrupting one query never touches another. A writable database keeps one connection (pipelines
 * rely on its transaction and appender state); `run` and `connection()` use the first connection.
 */
export async function openDb(
  path: string,
  opts: { readOnly?: boolean; threads?: number; connections?: number } = {},
): Promise<Db> {
  const options: Record<string, string> = {};
  if (opts.readOnly) options.access_mode = 'READ_ONLY';
  if (opts.threads) options.threads = String(opts.threads);
  const instance = await DuckDBInstance.create(path, options);
  const conn = await instance.connect();
  const maxConnections = opts.readOnly ? Math.max(1, opts.connections ?? 1) : 1;
  const idle: DuckDBConnection[] = [conn];
  const all: DuckDBConnection[] = [conn];
  const waiting: Array<(c: DuckDBConnection) => void> = [];
  let closed = false;

  async function acquire(): Promise<DuckDBConnection> {
    const free = idle.pop();
    if (free) return free;
    if (all.length < maxConnections) {
      const c = await instance.connect();
      all.push(c);
      return c;
    }
    return new Promise((resolve) => waiting.push(resolve));
  }
  function release(c: DuckDBConnection): void {
    const next = waiting.shift();
    if (next) next(c);
    else idle.push(c);
  }

  return {
    path,
    readOnly: Boolean(opts.readOnly),
    async all<T = Row>(sql: string, params?: Params, qopts: QueryOptions = {}): Promise<T[]> {
      const { signal } = qopts;
      if (signal?.aborted) throw new QueryInterrupted();
      const c = maxConnections === 1 ? conn : await acquire();
      if (signal?.aborted) {
        if (maxConnections > 1) release(c);
        throw new QueryInterrupted();
      }
      const onAbort = () => c.interrupt();
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        const reader = await c.runAndReadAll(sql, cleanParams(params));
        return reader.getRowObjectsJS().map((r) => plain(r) as T);
      } catch (err) {
        if (signal?.aborted) throw new QueryInterrupted();
        throw err;
      } finally {
        signal?.removeEventListener('abort', onAbort);
        if (maxConnections > 1) release(c);
      }
    },
    async run(sql: string, params?: Params): Promise<void> {
      await conn.run(sql, cleanParams(params));
    },
    connection: () => conn,
    close() {
      if (closed) return;
      closed = true;
      for (const c of all) c.closeSync();
      instance.closeSync();
    },
  };
}
