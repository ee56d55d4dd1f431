import { Hono } from 'hono';

/**
 * The OpenAPI document. It is built from the other routes' schemas (server/openapi.ts), so the
 * application passes its builder in: a route module never imports another one.
 */
export function openapiRoutes(build: () => Record<string, unknown>) {
  let doc: Record<string, unknown> | null = null;
  return new Hono().get('/', (c) => c.json((doc ??= build())));
}
