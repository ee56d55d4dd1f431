/** The API is read-only: any method but GET, HEAD and OPTIONS answers 405. */
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';

const ALLOWED = ['GET', 'HEAD', 'OPTIONS'];

export function getOnly(): MiddlewareHandler {
  return async (c, next) => {
    if (!ALLOWED.includes(c.req.method))
      throw new HTTPException(405, { message: 'Seules les requêtes GET sont acceptées.' });
    await next();
  };
}
