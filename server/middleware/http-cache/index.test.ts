import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { API_VERSION } from '../../http.js';
import { DATA_CACHE, etagMatches, httpCache } from './index.js';

/** A store whose build id the test changes, and an app counting the handler's calls. */
function setup(opts: Parameters<typeof httpCache>[1] = {}) {
  const store = { build: 'b1', refresh: async () => {}, buildId: () => store.build };
  let calls = 0;
  const app = new Hono()
    .use('*', httpCache(store, opts))
    .get('/data', (c) => {
      calls++;
      return c.json({ n: calls, q: c.req.query() });
    })
    .get('/own', (c) => {
      calls++;
      c.header('ETag', '"own-tag"');
      c.header('Cache-Control', 'public, max-age=1');
      return c.text('x');
    })
    .get('/fail', (c) => c.json({ error: 'x' }, 404))
    .get('/health', (c) => c.json({ n: ++calls }));
  return { app, store, calls: () => calls };
}

describe('httpCache', () => {
  it('ETag tiré du build, de la version et de l’URL ; 304 sans exécuter la route', async () => {
    const { app, calls } = setup();
    const first = await app.request('/data?a=1');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(new RegExp(`^W/"b1-${API_VERSION.replace(/\./g, '\\.')}-[0-9a-f]{20}"$`));
    expect(first.headers.get('cache-control')).toBe(DATA_CACHE);
    const again = await app.request('/data?a=1', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(calls()).toBe(1);
    expect((await app.request('/data?a=2')).headers.get('etag')).not.toBe(etag);
  });

  it('réponse répétée servie depuis le cache, paramètres dans un autre ordre compris', async () => {
    const { app, calls } = setup();
    const a = await (await app.request('/data?x=1&y=2')).json();
    const b = await (await app.request('/data?y=2&x=1')).json();
    expect(b).toEqual(a);
    expect(calls()).toBe(1);
  });

  it('un nouveau build vide le cache et change l’ETag', async () => {
    const { app, store, calls } = setup();
    const etag = (await app.request('/data')).headers.get('etag')!;
    store.build = 'b2';
    const after = await app.request('/data', { headers: { 'If-None-Match': etag } });
    expect(after.status).toBe(200);
    expect(((await after.json()) as { n: number }).n).toBe(2);
    expect(calls()).toBe(2);
  });

  it('ETag et Cache-Control propres à la route gardés, y compris pour le 304 depuis le cache', async () => {
    const { app } = setup();
    const first = await app.request('/own');
    expect(first.headers.get('etag')).toBe('"own-tag"');
    expect(first.headers.get('cache-control')).toBe('public, max-age=1');
    const again = await app.request('/own', { headers: { 'If-None-Match': '"own-tag"' } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe('"own-tag"');
  });

  it('erreurs et chemins exclus : no-store, jamais mis en cache', async () => {
    const { app, calls } = setup({ noStore: /^\/health/ });
    const fail = await app.request('/fail');
    expect(fail.headers.get('cache-control')).toBe('no-store');
    expect(fail.headers.get('etag')).toBeNull();
    await app.request('/health');
    const h = await app.request('/health');
    expect(h.headers.get('cache-control')).toBe('no-store');
    expect(((await h.json()) as { n: number }).n).toBe(2);
    expect(calls()).toBe(2);
  });

  it('au-delà de la taille maximale, les entrées les plus anciennes sortent', async () => {
    const { app, calls } = setup({ maxBytes: 60 });
    await app.request('/data?k=1');
    await app.request('/data?k=2');
    await app.request('/data?k=3');
    expect(calls()).toBe(3);
    await app.request('/data?k=3');
    expect(calls()).toBe(3);
    await app.request('/data?k=1');
    expect(calls()).toBe(4);
  });

  it('etagMatches : comparaison faible, listes et joker', () => {
    expect(etagMatches('W/"a"', '"a"')).toBe(true);
    expect(etagMatches('"b", W/"a"', 'W/"a"')).toBe(true);
    expect(etagMatches('*', '"a"')).toBe(true);
    expect(etagMatches('"b"', '"a"')).toBe(false);
    expect(etagMatches(undefined, '"a"')).toBe(false);
  });
});
