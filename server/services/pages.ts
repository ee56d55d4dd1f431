/**
 * Pages the server writes itself outside the JSON API (Atom feeds, embeddable cards): they carry
 * absolute links built from the request's origin, so their cache key and ETag include the origin
 * (the API's response cache keys on the path only).
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { Store } from '../store.js';

export const PAGE_CACHE = 'public, max-age=600';

export function sendPage(c: Context, store: Store, body: string, contentType: string): Response {
  const url = new URL(c.req.url);
  url.searchParams.sort();
  const digest = createHash('sha1')
    .update(`${url.origin}${url.pathname}${url.search}`)
    .digest('hex')
    .slice(0, 20);
  const etag = `W/"${store.buildId()}-${digest}"`;
  c.header('ETag', etag);
  c.header('Cache-Control', PAGE_CACHE);
  c.header('Vary', 'Host');
  const inm = c.req.header('If-None-Match');
  if (inm && inm.split(',').some((t) => t.trim() === etag || t.trim() === '*')) return c.body(null, 304);
  c.header('Content-Type', contentType);
  return c.body(body);
}
