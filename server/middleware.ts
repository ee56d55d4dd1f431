/**
 * HTTP behaviour shared by every API route: request log, compression, ETag/304 and Cache-Control,
 * format guard, and a timeout that interrupts the DuckDB queries of a runaway request.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, deflate, gzip } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import { runWithSignal } from './context.js';
import { API_VERSION, ApiException, badRequest } from './http.js';
import type { Store } from './store.js';

/** One JSON line per request. */
export function requestLog(enabled: boolean): MiddlewareHandler {
  return async (c, next) => {
    const t0 = performance.now();
    await next();
    if (!enabled) return;
    const url = new URL(c.req.url);
    console.log(
      JSON.stringify({
        t: new Date().toISOString(),
        method: c.req.method,
        path: url.pathname,
        query: url.search || undefined,
        status: c.res.status,
        ms: Math.round((performance.now() - t0) * 10) / 10,
        encoding: c.res.headers.get('Content-Encoding') ?? undefined,
      }),
    );
  };
}

/**
 * Stops a request after `ms`: answers 503 and aborts the request's signal, which interrupts the
 * DuckDB queries it is running (`connection.interrupt()`, see core/db.ts and server/context.ts).
 */
export function timeoutAndInterrupt(ms: number): MiddlewareHandler {
  return async (_c, next) => {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new ApiException(503, { code: 'timeout', message: 'La requête a pris trop de temps.' }));
      }, ms);
    });
    try {
      await Promise.race([runWithSignal(controller.signal, () => next()), expired]);
    } finally {
      clearTimeout(timer);
    }
  };
}

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);
const defl = promisify(deflate);
const COMPRESSIBLE = /^(application\/(json|vnd\.apache\.arrow\.stream|problem\+json)|text\/)/i;

export function pickEncoding(header: string | undefined): 'br' | 'gzip' | 'deflate' | null {
  if (!header) return null;
  const accepted = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
    accepted.set(name!.trim(), q === undefined ? 1 : Number(q));
  }
  const wildcard = accepted.get('*');
  for (const enc of ['br', 'gzip', 'deflate'] as const) {
    const q = accepted.get(enc) ?? wildcard ?? 0;
    if (q > 0) return enc;
  }
  return null;
}

/** gzip, deflate or brotli (preferred) for JSON, CSV, Arrow and TopoJSON bodies of 1 KiB or more. */
export function compressBody(threshold = 1024): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const res = c.res;
    const type = res.headers.get('Content-Type') ?? '';
    if (
      c.req.method === 'HEAD' ||
      res.status !== 200 ||
      !res.body ||
      res.headers.has('Content-Encoding') ||
      !COMPRESSIBLE.test(type) ||
      /no-transform/i.test(res.headers.get('Cache-Control') ?? '')
    )
      return;
    const vary = res.headers.get('Vary');
    if (!vary || !/accept-encoding/i.test(vary))
      c.header('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    const encoding = pickEncoding(c.req.header('Accept-Encoding'));
    if (!encoding) return;
    const raw = Buffer.from(await res.arrayBuffer());
    if (raw.byteLength < threshold) {
      c.res = new Response(raw, res);
      return;
    }
    const out =
      encoding === 'br'
        ? await brotli(raw, {
            params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.byteLength },
          })
        : encoding === 'gzip'
          ? await gz(raw)
          : await defl(raw);
    c.res = new Response(
      out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer,
      res,
    );
    c.res.headers.delete('Content-Length');
    c.res.headers.set('Content-Encoding', encoding);
    const etag = c.res.headers.get('ETag');
    if (etag && !etag.startsWith('W/')) c.res.headers.set('ETag', `W/${etag}`);
  };
}

export const DATA_CACHE = 'public, max-age=600';

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => {
    const x = t.trim();
    return x === '*' || x.replace(/^W\//, '') === bare;
  });
}

interface Cached {
  headers: Array<[string, string]>;
  body: ArrayBuffer;
}

/** Bounded LRU of finished responses for one build (the same URL on the same build answers the same bytes). */
class ResponseCache {
  private entries = new Map<string, Cached>();
  private bytes = 0;
  private build = '';
  constructor(
    private readonly maxBytes: number,
    private readonly maxEntryBytes: number,
  ) {}

  private forBuild(build: string): void {
    if (build === this.build) return;
    this.entries.clear();
    this.bytes = 0;
    this.build = build;
  }

  get(build: string, key: string): Cached | undefined {
    this.forBuild(build);
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(build: string, key: string, value: Cached): void {
    this.forBuild(build);
    if (value.body.byteLength > this.maxEntryBytes || this.entries.has(key)) return;
    this.entries.set(key, value);
    this.bytes += value.body.byteLength;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.body.byteLength;
    }
  }
}

/**
 * ETag derived from the database build, the API version and the request URL — the same URL on the
 * same build always answers the same bytes — so a matching `If-None-Match` gets a 304 before any
 * query runs, and a repeated URL is served from a bounded per-build response cache (per encoding).
 * Routes may set their own ETag and Cache-Control (geo layers: content hash).
 */
export function httpCache(
  store: Store,
  opts: { noStore?: RegExp; maxBytes?: number; maxEntryBytes?: number } = {},
): MiddlewareHandler {
  const cache = new ResponseCache(opts.maxBytes ?? 96 * 1024 * 1024, opts.maxEntryBytes ?? 8 * 1024 * 1024);
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const url = new URL(c.req.url);
    if (opts.noStore?.test(url.pathname)) {
      await next();
      c.header('Cache-Control', 'no-store');
      return;
    }
    await store.refresh();
    const build = store.buildId();
    // Same parameters in another order are the same request (one ETag, one cache entry).
    url.searchParams.sort();
    const digest = createHash('sha1')
      .update(url.pathname + url.search)
      .digest('hex')
      .slice(0, 20);
    const etag = `W/"${build}-${API_VERSION}-${digest}"`;
    if (matches(c.req.header('If-None-Match'), etag)) {
      c.header('ETag', etag);
      c.header('Cache-Control', DATA_CACHE);
      return c.body(null, 304);
    }
    const key = `${url.pathname}${url.search}|${pickEncoding(c.req.header('Accept-Encoding')) ?? 'identity'}`;
    const hit = c.req.method === 'GET' ? cache.get(build, key) : undefined;
    if (hit) {
      const geoTag = hit.headers.find(([k]) => k === 'etag')?.[1];
      if (geoTag && matches(c.req.header('If-None-Match'), geoTag))
        return c.body(null, 304, { ETag: geoTag });
      return new Response(hit.body, { status: 200, headers: hit.headers });
    }
    await next();
    if (c.res.status === 200) {
      if (!c.res.headers.has('ETag')) c.header('ETag', etag);
      if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', DATA_CACHE);
      if (c.req.method === 'GET' && c.res.body) {
        const body = await c.res.arrayBuffer();
        const headers = [...c.res.headers.entries()];
        c.res = new Response(body, { status: 200, headers });
        cache.set(build, key, { headers, body });
      }
    } else if (c.res.status >= 400) {
      c.header('Cache-Control', 'no-store');
    }
  };
}

const SUFFIX_FORMAT = /\.(csv|arrow)$/;

/**
 * A route that only speaks JSON (fiche, geo, health…) asked for CSV or Arrow answers 400 rather
 * than silently sending JSON.
 */
export function formatGuard(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const wanted = SUFFIX_FORMAT.exec(new URL(c.req.url).pathname)?.[1] ?? c.req.query('format');
    if (!wanted || wanted === 'json' || c.res.status !== 200) return;
    if (/^application\/json/.test(c.res.headers.get('Content-Type') ?? '')) {
      const err = badRequest(
        `Format « ${wanted} » non disponible pour cette adresse : JSON seulement.`,
        'format',
        ['json'],
      );
      c.res = undefined;
      c.res = c.json({ error: err.body }, 400);
      c.res.headers.delete('ETag');
      c.res.headers.delete('Content-Encoding');
      c.header('Cache-Control', 'no-store');
    }
  };
}
