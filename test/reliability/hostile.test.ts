/**
 * Hostile requests: oversized query strings, unicode tricks in search, path traversal on geo layers,
 * floods of repeated parameters. Every answer is bounded (4xx or an empty result), never a 5xx, and
 * the server stays up.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from './server-process.js';

let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess();
}, 90_000);
afterAll(async () => {
  await server?.stop();
});

async function status(path: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`${server.url}${path}`);
  return { status: res.status, body: await res.text() };
}

describe('requêtes hostiles', () => {
  it('chaîne de requête démesurée : refusée (4xx), pas d’erreur serveur', async () => {
    const long = 'a'.repeat(200_000);
    const r = await status(`/api/search?q=${long}`);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    const mid = await status(`/api/search?q=${'é'.repeat(2000)}`);
    expect(mid.status).toBe(400);
    expect(JSON.parse(mid.body).error.field).toBe('q');
  });

  it.each([
    ['inversion droite-à-gauche', encodeURIComponent('\u202eenoD')],
    ['accent combinant', encodeURIComponent('M\u0065\u0301udon')],
    ['octet nul', 'Meudon%00'],
    ['emoji', encodeURIComponent('🏠🏠🏠')],
    ['UTF-8 invalide', '%ED%A0%80%FF'],
    ['injection SQL', encodeURIComponent("' OR 1=1 --")],
    ['chiffres pleine chasse', encodeURIComponent('％２７')],
  ])('recherche avec %s : réponse bornée', async (_label, q) => {
    const r = await status(`/api/search?q=${q}`);
    expect([200, 400]).toContain(r.status);
    if (r.status === 200) expect(JSON.parse(r.body).data.length).toBeLessThanOrEqual(50);
  });

  it.each([
    '..%2F..%2Fetc%2Fpasswd',
    '..',
    '%2e%2e%2fpackage.json',
    'communes-idf%00.json',
    'COMMUNES-IDF',
    'a'.repeat(300),
  ])('traversée de chemin sur /api/geo/%s : 400 ou 404', async (layer) => {
    const r = await status(`/api/geo/${layer}`);
    expect([400, 404]).toContain(r.status);
    expect(r.body).not.toMatch(/root:|"dependencies"/);
  });

  it('des milliers de paramètres répétés : réponse bornée', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => `indicator=sru_taux&code=${92000 + i}`).join('&');
    const r = await status(`/api/values?${many}`);
    expect(r.status).toBeLessThan(500);
    const within = Array.from({ length: 3000 }, () => 'within=region:11').join('&');
    expect((await status(`/api/values?indicator=sru_taux&${within}`)).status).toBeLessThan(500);
  });

  it('méthodes autres que GET refusées, corps volumineux refusé', async () => {
    // Through node:http with its own connection, so the refused upload cannot poison fetch's pool.
    const post = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/api/search?q=a`, { method: 'POST', agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', (e: NodeJS.ErrnoException) =>
        e.code === 'ECONNRESET' || e.code === 'EPIPE' ? resolve(413) : reject(e),
      );
      req.end('x'.repeat(1_000_000));
    });
    expect([405, 413]).toContain(post);
    const del = await fetch(`${server.url}/api/health`, { method: 'DELETE' });
    expect(del.status).toBe(405);
  });

  it('le serveur répond toujours après tout cela, sans trace de pile', async () => {
    const r = await status('/api/health');
    expect(r.status).toBe(200);
    expect(server.alive()).toBe(true);
    const bad = await status('/api/territories/commune/%ff%fe');
    expect(bad.body).not.toMatch(/at .*\.ts:\d+/);
  });
});
