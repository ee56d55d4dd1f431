/**
 * Load: a 30-second mixed workload (map values, fiches, geo layer, search, one intended 400) at 50
 * connections against the server running as in production. No 5xx, no errors or timeouts, only
 * intended 4xx, and no growth of live memory (after a forced GC) beyond 20 % after warm-up.
 */
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from './server-process.js';

let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess();
}, 90_000);
afterAll(async () => {
  await server?.stop();
});

const requests = [
  { path: '/api/values?indicator=sru_taux&level=commune&within=region:11' },
  { path: '/api/territories/commune/92048' },
  { path: '/api/territories/commune/92050' },
  { path: '/api/territories/ept/200057966' },
  { path: '/api/values?indicator=population&level=commune&within=departement:92' },
  { path: '/api/search?q=nant' },
  { path: '/api/geo/communes-idf' },
  { path: '/api/values?indicator=inconnu' }, // intended 400
];

function run(duration: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url: server.url, connections: 50, duration, requests, timeout: 20 }, (err, res) =>
      err ? reject(err) : resolve(res),
    );
  });
}

describe('charge', () => {
  it('30 s à 50 connexions : aucune 5xx, seulement les 400 voulues, mémoire stable', async () => {
    // Warm-up: every URL once (fills the per-build caches), then load until the JIT has settled.
    for (const r of requests) await fetch(server.url + r.path).then((x) => x.arrayBuffer());
    await run(10);
    const warm = await server.memoryAfterGc();
    const res = await run(30);
    const end = await server.memoryAfterGc();
    const codes = Object.keys(res.statusCodeStats ?? {}).map(Number);
    expect(res.errors).toBe(0);
    expect(res.timeouts).toBe(0);
    expect(codes.filter((c) => c >= 500)).toEqual([]);
    expect(codes.every((c) => c === 200 || c === 400)).toBe(true);
    expect(res.requests.total).toBeGreaterThan(500);
    expect(server.alive()).toBe(true);
    // Live memory after a full GC (JS heap + buffers held outside it): what a leak would grow.
    const live = (m: typeof warm) => m.heapUsed + m.external;
    expect(live(end) / live(warm)).toBeLessThanOrEqual(1.2);
    // The resident size, allocator caches included, must not run away either.
    expect(end.rss / warm.rss).toBeLessThanOrEqual(1.5);
  }, 150_000);
});
