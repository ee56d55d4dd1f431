/**
 * Download faults: a local HTTP server that fails in the ways real servers do. The pipeline retries
 * with backoff, then stops with a message naming the URL; the cache never keeps a partial file; the
 * last good database stays in place and still serves.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../pipelines/build.js';
import { DownloadError } from '../../pipelines/lib/errors.js';
import { download, resolveResource, type Resource } from '../../pipelines/lib/resources.js';
import { openStore } from '../../server/store.js';
import { TEST_DB } from '../helpers.js';

const hits = new Map<string, number>();
let server: Server;
let base = '';
const CSV = 'COM;PMUN\n92050;97783\n';

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path === '/500') {
      res.writeHead(500).end('erreur');
    } else if (path === '/404') {
      res.writeHead(404, { 'Content-Type': 'text/html' }).end('<html>introuvable</html>');
    } else if (path === '/flaky') {
      if (hits.get(path)! < 2) res.writeHead(503).end();
      else res.writeHead(200, { 'Content-Type': 'text/csv' }).end(CSV);
    } else if (path === '/cut') {
      res.writeHead(200, { 'Content-Type': 'text/csv', 'Content-Length': '10000' });
      res.write('COM;PMUN\n'.repeat(50));
      setTimeout(() => res.socket?.destroy(), 20);
    } else if (path === '/stall') {
      res.writeHead(200, { 'Content-Type': 'text/csv' });
      res.write('COM;');
      // never ends
    } else if (path === '/html') {
      res
        .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
        .end('<!DOCTYPE html><html><body>Maintenance</body></html>');
    } else {
      res.writeHead(200, { 'Content-Type': 'text/csv' }).end(CSV);
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const res = (file: string): Resource => ({
  id: 'test',
  family: 'insee',
  title: 'test',
  file,
  kind: 'official',
  vintage: 'test',
  required: true,
  expect: 'csv',
});
const fast = { retries: 3, backoffMs: 10, timeoutMs: 400 };

function cacheFiles(dir: string): string[] {
  return existsSync(join(dir, 'insee')) ? readdirSync(join(dir, 'insee')) : [];
}

describe('téléchargements défaillants', () => {
  it('HTTP 500 : trois tentatives, puis une erreur qui nomme l’adresse ; rien dans le cache', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'obs-cache-'));
    const before = hits.get('/500') ?? 0;
    const err = await resolveResource({ ...res('a.csv'), url: `${base}/500` }, { cacheDir, ...fast }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DownloadError);
    expect((err as Error).message).toContain(`${base}/500`);
    expect((err as Error).message).toContain('OBSERVATOIRE_MIRROR');
    expect((hits.get('/500') ?? 0) - before).toBe(3);
    expect(cacheFiles(cacheDir)).toEqual([]);
  });

  it('HTTP 404 : fichier facultatif ignoré avec une ligne (pas de nouvelle tentative), fichier requis en erreur', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'obs-cache-'));
    const before = hits.get('/404') ?? 0;
    const lines: string[] = [];
    const optional = await resolveResource(
      { ...res('o.csv'), url: `${base}/404`, required: false },
      { cacheDir, ...fast, log: (m) => lines.push(m) },
    );
    expect(optional).toBeNull();
    expect(lines.join('\n')).toMatch(/o\.csv : absent de .*\/404 \(HTTP 404\), fichier facultatif ignoré/);
    expect((hits.get('/404') ?? 0) - before).toBe(1);
    const err = await resolveResource({ ...res('r.csv'), url: `${base}/404` }, { cacheDir, ...fast }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DownloadError);
    expect((err as Error).message).toMatch(/n’est pas à l’adresse .*\/404 \(réponse HTTP 404\)/);
    expect(cacheFiles(cacheDir)).toEqual([]);
  });

  it('une erreur passagère est rattrapée par une nouvelle tentative', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'obs-cache-'));
    const r = await resolveResource({ ...res('b.csv'), url: `${base}/flaky` }, { cacheDir, ...fast });
    expect(readFileSync(r!.path, 'utf8')).toBe(CSV);
    expect(r!.sha256).toBe(createHash('sha256').update(CSV).digest('hex'));
    expect(hits.get('/flaky')).toBe(2);
  });

  it.each([
    ['/cut', /incomplet|terminated|ECONNRESET|other side closed|socket/i],
    ['/stall', /délai dépassé/],
    ['/html', /page HTML/],
  ])('%s : échec clair et aucun fichier partiel gardé', async (path, why) => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'obs-cache-'));
    const dest = join(cacheDir, 'insee', 'c.csv');
    const err = await download(`${base}${path}`, dest, res('c.csv'), { cacheDir, ...fast }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DownloadError);
    expect((err as Error).message).toMatch(why);
    expect((err as Error).message).toContain(`${base}${path}`);
    expect(cacheFiles(cacheDir)).toEqual([]);
  });

  it('une construction qui ne peut rien télécharger laisse la dernière base intacte et en service', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'obs-db-'));
    const dbPath = join(dir, 'observatoire.duckdb');
    copyFileSync(TEST_DB, dbPath);
    const sum = () => createHash('sha256').update(readFileSync(dbPath)).digest('hex');
    const before = sum();
    const store = await openStore(dbPath);
    const buildId = store.buildId();
    // Every official URL is answered by the failing server.
    const failing: typeof fetch = (_url, init) => fetch(`${base}/500`, init);
    const err = await build({
      dbPath,
      mirror: null,
      cacheDir: join(dir, 'cache'),
      fetchImpl: failing,
      ...fast,
      log: () => {},
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DownloadError);
    expect((err as Error).message).toMatch(
      /Impossible de télécharger « insee-cog2025-communes\.csv » depuis https:\/\//,
    );
    expect(sum()).toBe(before);
    await store.refresh();
    expect(store.buildId()).toBe(buildId);
    const rows = await store.all<{ n: number }>(
      `SELECT count(*) AS n FROM observations WHERE indicator = 'sru_taux'`,
    );
    expect(rows[0]!.n).toBeGreaterThan(1000);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    store.close();
  });
});
