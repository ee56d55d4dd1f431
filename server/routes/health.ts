import { Hono } from 'hono';
import { readFailedRefresh } from '../../core/refresh.js';
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
        // A failed rebuild leaves the last good database in place: say when and why, for the banner.
        refresh: readFailedRefresh(store.path()),
      },
      meta: meta(store),
    });
  });
}
