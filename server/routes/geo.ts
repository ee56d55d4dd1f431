import { Hono } from 'hono';
import { z } from 'zod';
import { meta, notFound, parseQuery, validate } from '../http.js';
import { etagMatches } from '../middleware/http-cache/index.js';
import { compressedLayer, layerContents, layers } from '../services/geo.js';
import type { Store } from '../store.js';

export const geoParams = z.object({
  layer: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, 'nom de couche attendu')
    .describe('identifiant de la couche (voir /api/geo)'),
});
export const geoQuery = z.object({
  v: z
    .string()
    .regex(/^[0-9a-f]{1,64}$/, 'empreinte hexadécimale attendue')
    .optional()
    .describe('empreinte du contenu (champ hash de /api/geo) : la réponse est alors immuable'),
});

export const VERSIONED_CACHE = 'public, max-age=31536000, immutable';
export const UNVERSIONED_CACHE = 'public, max-age=3600';

export function geoRoutes(store: Store) {
  return new Hono()
    .get('/', async (c) => c.json({ data: await layers(store), meta: meta(store) }))
    .get('/:layer', validate('param', geoParams), async (c) => {
      const { layer } = c.req.valid('param');
      // `v` is optional and the only query parameter: parsed here so the typed client needs no query.
      const version = parseQuery(c, geoQuery).v;
      const known = await layers(store);
      if (!known.some((l) => l.id === layer))
        throw notFound(
          `Couche inconnue : « ${layer} ».`,
          known.map((l) => l.id),
        );
      const body = (await layerContents(store)).get(layer)!;
      const etag = `"geo-${body.hash}"`;
      c.header('ETag', etag);
      c.header('Cache-Control', version === body.hash ? VERSIONED_CACHE : UNVERSIONED_CACHE);
      c.header('Vary', 'Accept-Encoding');
      if (etagMatches(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
      c.header('Content-Type', 'application/json; charset=utf-8');
      const accept = c.req.header('Accept-Encoding') ?? '';
      const encoding = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : null;
      if (encoding && c.req.method !== 'HEAD') {
        const buf = await compressedLayer(body, encoding);
        c.header('Content-Encoding', encoding);
        return c.body(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
      }
      return c.body(body.text);
    });
}
