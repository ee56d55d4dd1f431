import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { formatGuard } from './index.js';

const app = new Hono()
  .use('*', formatGuard())
  .get('/fiche.csv', (c) => c.json({ data: 1 }))
  .get('/fiche', (c) => c.json({ data: 1 }))
  .get('/table.csv', (c) => c.body('a;b\r\n', 200, { 'Content-Type': 'text/csv' }));

describe('formatGuard', () => {
  it('route JSON demandée en CSV ou Arrow : 400 qui nomme le format et les valeurs valides', async () => {
    for (const url of ['/fiche.csv', '/fiche?format=arrow']) {
      const res = await app.request(url);
      expect(res.status, url).toBe(400);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const body = (await res.json()) as { error: { field: string; valid: string[] } };
      expect(body.error).toMatchObject({ field: 'format', valid: ['json'] });
    }
  });

  it('JSON demandé en JSON, CSV servi en CSV : intacts', async () => {
    expect((await app.request('/fiche?format=json')).status).toBe(200);
    expect((await app.request('/fiche')).status).toBe(200);
    const csv = await app.request('/table.csv');
    expect(csv.status).toBe(200);
    expect(await csv.text()).toBe('a;b\r\n');
  });
});
