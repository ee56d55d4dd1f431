/**
 * HTTP behaviour: ETag/304 and Cache-Control, versioned geo layers, compression, CORS, the request
 * timeout actually interrupting DuckDB, validation errors listing valid choices, SQL injection
 * attempts in every string parameter, no stack trace in error bodies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { QueryInterrupted, type Db } from '../../core/db.js';
import { LEVELS } from '../../core/registry.js';
import { createApp } from '../../server/app.js';
import { runWithSignal } from '../../server/context.js';
import type { Store } from '../../server/store.js';
import { closeApiFixture, openApiFixture, type App } from './fixture.js';

let store: Store;
let db: Db;
let app: App;
beforeAll(async () => ({ store, db, app } = await openApiFixture()));
afterAll(() => closeApiFixture(store, db));

const SLOW_SQL = `SELECT count(*) FROM range(100000000000) a WHERE a.range % 7 = 3`;

describe('cache HTTP', () => {
  it('ETag dérivé du build et de l’URL, 304 sur If-None-Match, Cache-Control public', async () => {
    const url = '/api/values?indicator=sru_taux&within=departement:92';
    const first = await app.request(url);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toContain(store.buildId());
    expect(first.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    const again = await app.request(url, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    const other = await app.request('/api/values?indicator=sru_lls&within=departement:92');
    expect(other.headers.get('etag')).not.toBe(etag);
    const stale = await app.request(url, { headers: { 'If-None-Match': 'W/"ancien-build"' } });
    expect(stale.status).toBe(200);
    // The cached response is byte-identical to the first one.
    expect(await stale.text()).toBe(await first.text());
  });

  it('les erreurs et /api/health ne sont pas mises en cache', async () => {
    const bad = await app.request('/api/values?indicator=nope');
    expect(bad.headers.get('cache-control')).toBe('no-store');
    expect(bad.headers.get('etag')).toBeNull();
    expect((await app.request('/api/health')).headers.get('cache-control')).toBe('no-store');
  });

  it('couche géographique : ?v=<empreinte> immuable, sans version max-age court + ETag, 304', async () => {
    const list = (await (await app.request('/api/geo')).json()) as {
      data: Array<{ id: string; hash: string }>;
    };
    const dep = list.data.find((l) => l.id === 'departements')!;
    const versioned = await app.request(`/api/geo/departements?v=${dep.hash}`);
    expect(versioned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const plain = await app.request('/api/geo/departements');
    expect(plain.headers.get('cache-control')).toMatch(/^public, max-age=\d{1,5}$/);
    const etag = plain.headers.get('etag')!;
    expect(etag).toContain(dep.hash);
    expect((await app.request('/api/geo/departements', { headers: { 'If-None-Match': etag } })).status).toBe(
      304,
    );
    // A stale version is not served as immutable.
    const old = await app.request('/api/geo/departements?v=0000000000000000');
    expect(old.headers.get('cache-control')).not.toContain('immutable');
    expect((await app.request('/api/geo/departements?v=zz')).status).toBe(400);
    const unknown = await app.request('/api/geo/cantons');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { valid: string[] } }).error.valid).toContain('departements');
  });
});

describe('compression', () => {
  it('brotli et gzip pour JSON, CSV et TopoJSON ; contenu identique une fois décompressé', async () => {
    for (const url of [
      '/api/values?indicator=sru_taux&within=region:11',
      '/api/values.csv?indicator=sru_taux&within=region:11',
      '/api/geo/regions',
    ]) {
      const identity = Buffer.from(
        await (await app.request(url, { headers: { 'Accept-Encoding': 'identity' } })).arrayBuffer(),
      );
      const br = await app.request(url, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
      expect(br.headers.get('content-encoding'), url).toBe('br');
      expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
      const brBytes = Buffer.from(await br.arrayBuffer());
      expect(brBytes.length).toBeLessThan(identity.length);
      expect(brotliDecompressSync(brBytes).equals(identity)).toBe(true);
      const gz = await app.request(url, { headers: { 'Accept-Encoding': 'gzip' } });
      expect(gz.headers.get('content-encoding')).toBe('gzip');
      expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).equals(identity)).toBe(true);
    }
  });
});

describe('sécurité', () => {
  it('CORS : GET seulement, ETag exposé ; POST 405', async () => {
    const pre = await app.request('/api/values', {
      method: 'OPTIONS',
      headers: { Origin: 'https://exemple.org', 'Access-Control-Request-Method': 'POST' },
    });
    expect(pre.headers.get('access-control-allow-methods')).toBe('GET,HEAD,OPTIONS');
    const get = await app.request('/api/health', { headers: { Origin: 'https://exemple.org' } });
    expect(get.headers.get('access-control-allow-origin')).toBe('*');
    expect(get.headers.get('access-control-expose-headers')).toContain('ETag');
    expect((await app.request('/api/values', { method: 'POST', body: 'x' })).status).toBe(405);
    expect((await app.request('/api/values', { method: 'DELETE' })).status).toBe(405);
  });

  it('délai dépassé : 503 sans trace, et la requête DuckDB est réellement interrompue', async () => {
    const controller = new AbortController();
    const t0 = performance.now();
    setTimeout(() => controller.abort(), 200);
    await expect(runWithSignal(controller.signal, () => store.all(SLOW_SQL))).rejects.toBeInstanceOf(
      QueryInterrupted,
    );
    // Unbounded, the query runs for minutes: the interrupt stopped it within seconds.
    expect(performance.now() - t0).toBeLessThan(10_000);
    // The connection pool is still usable afterwards.
    expect(await store.all<{ x: number }>('SELECT 42 AS x')).toEqual([{ x: 42 }]);

    const quick = createApp(store, { log: false, timeoutMs: 1 });
    const res = await quick.request('/api/rankings?indicator=population&level=commune&limit=5');
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('timeout');
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts|node_modules/);
  });

  it('erreur interne : 500 sans pile ni message technique', async () => {
    const broken: Store = {
      ...store,
      all: () => Promise.reject(new Error('Binder Error: colonne secrète at /srv/app/server/queries.ts:12')),
      cached: (_key, compute) => compute(),
    };
    const res = await createApp(broken, { log: false }).request('/api/sources');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('Binder');
    expect(text).not.toContain('queries.ts');
  });

  it('paramètres invalides : 400 avec la liste des valeurs valides', async () => {
    const cases: Array<[string, string, string[]?]> = [
      ['/api/values?indicator=sru_taux&level=canton', 'level', [...LEVELS]],
      ['/api/rankings?indicator=sru_taux&order=up', 'order', ['desc', 'asc']],
      ['/api/values?indicator=sru_taux&csv_style=tsv', 'csv_style', ['excel', 'rfc']],
      ['/api/series?indicator=inconnu&code=92048', 'indicator'],
      ['/api/territories?limit=100000', 'limit'],
      ['/api/territories?q=' + 'a'.repeat(101), 'q'],
      ['/api/compare?code=1,2,3,4,5,6,7', 'code'],
    ];
    for (const [url, field, valid] of cases) {
      const res = await app.request(url);
      expect(res.status, url).toBe(400);
      const body = (await res.json()) as { error: { field: string; valid?: string[] } };
      expect(body.error.field, url).toBe(field);
      if (valid) expect(body.error.valid, url).toEqual(valid);
    }
    const year = (await (await app.request('/api/values?indicator=sru_taux&year=1990')).json()) as {
      error: { valid: string[] };
    };
    expect(year.error.valid).toContain('2025');
  });

  it('injection SQL dans chaque paramètre texte : 400, 404 ou résultat vide ; base intacte', async () => {
    const before = await db.all<{ n: number }>(`SELECT count(*) AS n FROM observations`);
    const evil = ["x' OR '1'='1", "'; DROP TABLE observations; --", '92048) OR (1=1', '$wcode', "92\u0000'"];
    const templates = [
      (e: string) => `/api/search?q=${e}`,
      (e: string) => `/api/territories?q=${e}`,
      (e: string) => `/api/territories?within=${e}`,
      (e: string) => `/api/territories?level=${e}`,
      (e: string) => `/api/territories/commune/${e}`,
      (e: string) => `/api/territories/${e}/92048`,
      (e: string) => `/api/values?indicator=${e}`,
      (e: string) => `/api/values?indicator=sru_taux&within=${e}`,
      (e: string) => `/api/values?indicator=sru_taux&year=${e}`,
      (e: string) => `/api/series?indicator=sru_taux&code=${e}`,
      (e: string) => `/api/series?indicator=sru_taux&code=92048&level=${e}`,
      (e: string) => `/api/compare?code=92048&code=${e}`,
      (e: string) => `/api/rankings?indicator=sru_taux&filter=${e}`,
      (e: string) => `/api/rankings?indicator=sru_taux&order=${e}`,
      (e: string) => `/api/indicators/${e}`,
      (e: string) => `/api/sources/${e}`,
      (e: string) => `/api/geo/${e}`,
      (e: string) => `/api/geo/departements?v=${e}`,
      (e: string) => `/api/values?indicator=sru_taux&format=${e}`,
    ];
    for (const t of templates)
      for (const e of evil) {
        const url = t(encodeURIComponent(e));
        const res = await app.request(url);
        if (res.status === 200) {
          const body = (await res.json()) as { data: unknown[] };
          expect(body.data, url).toEqual([]);
        } else expect([400, 404], url).toContain(res.status);
      }
    const after = await db.all<{ n: number }>(`SELECT count(*) AS n FROM observations`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});
