import { Hono } from 'hono';
import { z } from 'zod';
import { meta, notFound, validate } from '../http.js';
import { allSources } from '../queries.js';
import type { Store } from '../store.js';

export function sourceRoutes(store: Store) {
  return new Hono()
    .get('/', async (c) => c.json({ data: await allSources(store), meta: meta(store) }))
    .get(
      '/:id',
      validate(
        'param',
        z.object({ id: z.string().regex(/^[a-z0-9-]{1,80}$/, 'identifiant de source attendu') }),
      ),
      async (c) => {
        const { id } = c.req.valid('param');
        const all = await allSources(store);
        const s = all.find((x) => x.id === id);
        if (!s)
          throw notFound(
            `Source inconnue : « ${id} ».`,
            all.map((x) => x.id),
          );
        return c.json({ data: s, meta: meta(store) });
      },
    );
}
