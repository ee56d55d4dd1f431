import { Hono } from 'hono';
import { buildOpenApi } from '../openapi.js';
import type { Store } from '../store.js';

let doc: Record<string, unknown> | null = null;

export function openapiRoutes(_store: Store) {
  return new Hono().get('/', (c) => c.json((doc ??= buildOpenApi())));
}
