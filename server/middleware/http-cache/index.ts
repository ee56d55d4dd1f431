/**
 * ETag/304, Cache-Control and a bounded per-build response cache for GET and HEAD requests.
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { API_VERSION } from '../../http.js';
import type { Store } from '../../store.js';
import { pickEncoding } from '../compress/index.js';

export const DATA_CACHE = 'public, max-age=600';

/** Whether an `If-None-Match` header names this ETag (weak comparison, `*` matches). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
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
  store: Pick<Store, 'refresh' | 'buildId'>,
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
    if (etagMatches(c.req.header('If-None-Match'), etag)) {
      c.header('ETag', etag);
      c.header('Cache-Control', DATA_CACHE);
      return c.body(null, 304);
    }
    const key = `${url.pathname}${url.search}|${pickEncoding(c.req.header('Accept-Encoding')) ?? 'identity'}`;
    const hit = c.req.method === 'GET' ? cache.get(build, key) : undefined;
    if (hit) {
      const geoTag = hit.headers.find(([k]) => k === 'etag')?.[1];
      if (geoTag && etagMatches(c.req.header('If-None-Match'), geoTag))
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
