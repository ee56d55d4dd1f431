import { Hono } from 'hono';
import { meta } from '../http.js';
import type { Store } from '../store.js';

export function healthRoutes(store: Store) {
  return new Hono().get('/', async (c) => {
    const rows = await store.all<{ n: number }>(`SELECT count(*) AS n FROM sources`);
    return c.json({
      data: {
        status: 'ok' as const,
        built_at: store.builtAt(),
        build_id: store.buildId(),
        sources: Number(rows[0]?.n ?? 0),
      },
      meta: meta(store),
    });
  });
}
