/**
 * The server's read-only view of the published database. It opens the file read-only, notices
 * when a new build has been renamed into place (the file's inode or mtime changes), and reopens it:
 * requests in flight finish on the old instance, which is closed a little later.
 */
import { statSync } from 'node:fs';
import { openDb, type Db, type Params } from '../core/db.js';
import { currentSignal, runWithoutSignal } from './context.js';

export interface Store {
  all<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]>;
  buildId(): string;
  builtAt(): string;
  /** Path of the published database file. */
  path(): string;
  /** Re-reads the file if a new build replaced it. */
  refresh(): Promise<void>;
  /** Per-build cache for values that are expensive to compute and never change within a build. */
  cached<T>(key: string, compute: () => Promise<T>): Promise<T>;
  close(): void;
}

interface Opened {
  db: Db;
  buildId: string;
  builtAt: string;
  stamp: string;
  cache: Map<string, Promise<unknown>>;
}

function stampOf(path: string): string {
  const s = statSync(path);
  return `${s.ino}:${s.mtimeMs}:${s.size}`;
}

async function openBuild(path: string): Promise<Opened> {
  const stamp = stampOf(path);
  const db = await openDb(path, { readOnly: true, connections: 4 });
  const meta = await db.all<{ key: string; value: string }>(
    `SELECT key, value FROM meta WHERE key IN ('build_id', 'built_at')`,
  );
  const m = new Map(meta.map((r) => [r.key, r.value]));
  return {
    db,
    stamp,
    buildId: m.get('build_id') ?? 'inconnu',
    builtAt: m.get('built_at') ?? '',
    cache: new Map(),
  };
}

export async function openStore(path: string, opts: { checkEveryMs?: number } = {}): Promise<Store> {
  let cur = await openBuild(path);
  let lastCheck = Date.now();
  let reopening: Promise<void> | null = null;
  const checkEvery = opts.checkEveryMs ?? 2000;

  async function refresh(): Promise<void> {
    lastCheck = Date.now();
    let stamp: string;
    try {
      stamp = stampOf(path);
    } catch {
      return; // file briefly absent: keep serving the open build
    }
    if (stamp === cur.stamp) return;
    reopening ??= (async () => {
      try {
        const next = await openBuild(path);
        const prev = cur;
        cur = next;
        setTimeout(() => prev.db.close(), 30_000).unref();
      } catch {
        // A half-written file is never renamed into place, but stay on the old build if opening fails.
      } finally {
        reopening = null;
      }
    })();
    await reopening;
  }

  return {
    async all<T>(sql: string, params?: Params) {
      if (Date.now() - lastCheck > checkEvery) await refresh();
      // Queries run under the request's signal: a timed-out request interrupts its own queries.
      return cur.db.all<T>(sql, params, { signal: currentSignal() });
    },
    buildId: () => cur.buildId,
    builtAt: () => cur.builtAt,
    path: () => path,
    refresh,
    cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
      const c = cur.cache;
      if (!c.has(key)) {
        // A cached computation is shared by later requests: it must not be interrupted with the
        // request that happened to start it, so it runs outside the request's context.
        const p = runWithoutSignal(compute);
        c.set(key, p);
        p.catch(() => c.delete(key));
      }
      return c.get(key) as Promise<T>;
    },
    close: () => cur.db.close(),
  };
}
