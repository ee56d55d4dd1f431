import { Hono } from 'hono';
import { z } from 'zod';
import { meta, notFound, validate } from '../http.js';
import type { Store } from '../store.js';

interface LayerInfo {
  id: string;
  title: string;
  features: number;
  source_ids: string[];
}

function layers(store: Store): Promise<LayerInfo[]> {
  return store.cached('geo-layers', () =>
    store.all<LayerInfo>(`SELECT id, title, features, source_ids FROM geo_layers ORDER BY id`),
  );
}

export function geoRoutes(store: Store) {
  return new Hono()
    .get('/', async (c) => c.json({ data: await layers(store), meta: meta(store) }))
    .get(
      '/:layer',
      validate('param', z.object({ layer: z.string().regex(/^[a-z0-9-]{1,40}$/, 'nom de couche attendu') })),
      async (c) => {
        const { layer } = c.req.valid('param');
        const known = await layers(store);
        if (!known.some((l) => l.id === layer))
          throw notFound(
            `Couche inconnue : « ${layer} ».`,
            known.map((l) => l.id),
          );
        const content = await store.cached(`geo:${layer}`, async () => {
          const rows = await store.all<{ content: string }>(`SELECT content FROM geo_layers WHERE id = $id`, {
            id: layer,
          });
          return rows[0]!.content;
        });
        c.header('Content-Type', 'application/json; charset=utf-8');
        c.header('Cache-Control', 'public, max-age=86400');
        return c.body(content);
      },
    );
}
