import { Hono } from 'hono';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressBody, pickEncoding } from './index.js';

const BIG = JSON.stringify({ data: Array.from({ length: 400 }, (_, i) => ({ code: `92${i}`, v: i / 7 })) });

function app() {
  return new Hono()
    .use('*', compressBody())
    .get('/big', (c) => {
      c.header('ETag', '"strong"');
      return c.body(BIG, 200, { 'Content-Type': 'application/json' });
    })
    .get('/small', (c) => c.json({ ok: true }))
    .get('/png', (c) => c.body(BIG, 200, { 'Content-Type': 'image/png' }))
    .get('/raw', (c) => c.body(BIG, 200, { 'Content-Type': 'text/csv', 'Cache-Control': 'no-transform' }));
}

describe('pickEncoding', () => {
  it('brotli préféré, q=0 refuse, joker accepté, rien sinon', () => {
    expect(pickEncoding('gzip, deflate, br')).toBe('br');
    expect(pickEncoding('br;q=0, gzip')).toBe('gzip');
    expect(pickEncoding('deflate')).toBe('deflate');
    expect(pickEncoding('*')).toBe('br');
    expect(pickEncoding('identity')).toBeNull();
    expect(pickEncoding(undefined)).toBeNull();
  });
});

describe('compressBody', () => {
  it('corps compressé selon Accept-Encoding, identique une fois décompressé, ETag affaibli, Vary', async () => {
    const decode = { br: brotliDecompressSync, gzip: gunzipSync, deflate: inflateSync } as const;
    for (const enc of ['br', 'gzip', 'deflate'] as const) {
      const res = await app().request('/big', { headers: { 'Accept-Encoding': enc } });
      expect(res.headers.get('content-encoding')).toBe(enc);
      expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
      expect(res.headers.get('etag')).toBe('W/"strong"');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.byteLength).toBeLessThan(BIG.length / 2);
      expect(decode[enc](bytes).toString()).toBe(BIG);
    }
  });

  it('petits corps, types non compressibles, no-transform et clients sans encodage : intacts', async () => {
    for (const path of ['/small', '/png', '/raw']) {
      const res = await app().request(path, { headers: { 'Accept-Encoding': 'br' } });
      expect(res.headers.get('content-encoding'), path).toBeNull();
    }
    const plain = await app().request('/big');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(BIG);
  });
});
