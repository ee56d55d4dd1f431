/**
 * Network rehearsal: the mirror's official files are served over loopback HTTP at their official URL
 * paths (one behind a redirect, one gzip-encoded, the INSEE one inside its zip archive), and the build
 * runs in network mode against them (every file that has an official address is downloaded; the mirror
 * only supplies the reshaped extracts that exist nowhere else). The database must equal the mirror-mode
 * one. An HTML page instead of the CSV, or a truncated download, is a clear error naming the URL, and the
 * previous database stays.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../core/db.js';
import { build } from '../../pipelines/build.js';
import { PIPELINES } from '../../pipelines/index.js';
import type { Resource } from '../../pipelines/lib/resources.js';
import { FULL_MIRROR, MIRROR, TEST_DB } from '../helpers.js';

/** Official files the mirror holds, by URL path (`/host/path`). */
const served = new Map<string, Resource>();
for (const p of PIPELINES)
  for (const r of p.resources)
    if (r.url && existsSync(join(MIRROR, r.family, r.file))) {
      const u = new URL(r.url);
      served.set(`/${u.host}${u.pathname}`, r);
    }

let mode: 'ok' | 'html' | 'truncated' = 'ok';
let server: Server;
let port = 0;
const hits: string[] = [];
const SRU_PATH = [...served.keys()].find((k) => k.includes('donnees-sru-data-gouv-2025-v2'));
const REDIRECTED = [...served.keys()].find((k) => k.endsWith('/departements.csv'));

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    hits.push(path);
    if (path === REDIRECTED && !(req.url ?? '').includes('moved=1')) {
      res.writeHead(302, { Location: `${path}?moved=1` }).end();
      return;
    }
    const r = served.get(path.replace(/\?.*$/, ''));
    if (!r) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('introuvable');
      return;
    }
    let body: Buffer = readFileSync(join(MIRROR, r.family, r.file));
    if (r.zipMember) body = Buffer.from(zipSync({ [r.zipMember]: new Uint8Array(body) }));
    if (path === SRU_PATH && mode === 'html') {
      res
        .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
        .end('<!DOCTYPE html><html><body><h1>data.gouv.fr — maintenance</h1></body></html>');
      return;
    }
    if (path === SRU_PATH && mode === 'truncated') {
      res.writeHead(200, { 'Content-Type': 'text/csv', 'Content-Length': String(body.length) });
      res.write(body.subarray(0, Math.floor(body.length / 2)));
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    if (path === SRU_PATH) {
      const gz = gzipSync(body);
      res
        .writeHead(200, {
          'Content-Type': 'text/csv; charset=windows-1252',
          'Content-Encoding': 'gzip',
          'Content-Length': String(gz.length),
        })
        .end(gz);
      return;
    }
    res
      .writeHead(200, {
        'Content-Type': r.zipMember ? 'application/zip' : 'text/csv',
        'Content-Length': String(body.length),
      })
      .end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  port = typeof addr === 'object' && addr ? addr.port : 0;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

/** Sends every official URL to the loopback server, at the same path. */
const loopback: typeof fetch = (input, init) => {
  const u = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
  const local = u.host.startsWith('127.0.0.1')
    ? u.href
    : `http://127.0.0.1:${port}/${u.host}${u.pathname}${u.search}`;
  return fetch(local, init);
};

async function table(db: Db, sql: string): Promise<string[]> {
  return (await db.all<Record<string, unknown>>(sql)).map((r) => JSON.stringify(r));
}

describe.runIf(FULL_MIRROR)('répétition en mode réseau', () => {
  const dir = mkdtempSync(join(tmpdir(), 'obs-rehearsal-'));
  const dbPath = join(dir, 'observatoire.duckdb');

  it('les fichiers officiels téléchargés (redirection, gzip, archive zip) donnent la même base qu’en mode miroir', async () => {
    expect(served.size).toBeGreaterThanOrEqual(5);
    expect(SRU_PATH).toBeDefined();
    mode = 'ok';
    const lines: string[] = [];
    await build({
      dbPath,
      mirror: MIRROR,
      preferNetwork: true,
      cacheDir: join(dir, 'cache'),
      fetchImpl: loopback,
      retries: 1,
      force: true,
      log: (m) => lines.push(m),
    });
    // Every official file went over HTTP (the redirected one twice), and the build says « réseau ».
    for (const p of served.keys()) expect(hits, p).toContain(p);
    expect(lines.filter((l) => / réseau /.test(l)).length).toBe(served.size);
    const [net, mir] = await Promise.all([
      openDb(dbPath, { readOnly: true }),
      openDb(TEST_DB, { readOnly: true }),
    ]);
    try {
      const obsSql = `SELECT * FROM observations ORDER BY level, code, indicator, year`;
      const a = await table(net, obsSql);
      const b = await table(mir, obsSql);
      expect(a.length).toBe(b.length);
      expect(a).toEqual(b);
      const terr = `SELECT * FROM territories ORDER BY level, code`;
      expect(await table(net, terr)).toEqual(await table(mir, terr));
      const src = `SELECT id, sha256, bytes, rows_read, rows_kept, rows_rejected FROM sources ORDER BY id`;
      expect(await table(net, src)).toEqual(await table(mir, src));
      const origins = await net.all<{ id: string; origin: string }>(
        `SELECT id, origin FROM sources WHERE url IS NOT NULL`,
      );
      for (const o of origins.filter((x) => [...served.values()].some((r) => r.id === x.id)))
        expect(o.origin, o.id).toBe('network');
    } finally {
      net.close();
      mir.close();
    }
  }, 600_000);

  it.each(['html', 'truncated'] as const)(
    'réponse « %s » à la place du fichier SRU : erreur qui nomme l’adresse, la base précédente reste',
    async (m) => {
      mode = m;
      const before = readFileSync(dbPath);
      const copy = join(dir, `avant-${m}.duckdb`);
      copyFileSync(dbPath, copy);
      const cache = join(dir, `cache-${m}`);
      const err = await build({
        dbPath,
        mirror: MIRROR,
        preferNetwork: true,
        cacheDir: cache,
        fetchImpl: loopback,
        retries: 1,
        backoffMs: 10,
        force: true,
        log: () => {},
      }).catch((e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toContain('donnees-sru-data-gouv-2025-v2.csv');
      expect((err as Error).message).toMatch(m === 'html' ? /page HTML/ : /incomplet|interrompue|coupée/);
      expect(readFileSync(dbPath).equals(before)).toBe(true);
      expect(existsSync(join(cache, 'sru', 'donnees-sru-data-gouv-2025-v2.csv'))).toBe(false);
    },
    300_000,
  );
});
