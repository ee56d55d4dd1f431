import { Hono } from 'hono';
import { z } from 'zod';
import { searchKey } from '../../core/text.js';
import { meta, validate } from '../http.js';
import { search } from '../services/search.js';
import type { Store } from '../store.js';

export const searchQuery = z.object({
  q: z.string().trim().min(1, 'texte à chercher requis').max(100, '100 caractères au plus'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export function searchRoutes(store: Store) {
  return new Hono().get('/', validate('query', searchQuery), async (c) => {
    const { q, limit } = c.req.valid('query');
    const hits = await search(store, q, searchKey(q), limit);
    return c.json({ data: hits, meta: meta(store, { q }) });
  });
}
