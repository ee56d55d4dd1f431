/** A JSON-only route asked for CSV or Arrow answers 400 instead of silently sending JSON. */
import type { MiddlewareHandler } from 'hono';
import { badRequest } from '../../http.js';

const SUFFIX_FORMAT = /\.(csv|arrow)$/;

/**
 * A route that only speaks JSON (fiche, geo, health…) asked for CSV or Arrow answers 400 rather
 * than silently sending JSON.
 */
export function formatGuard(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const wanted = SUFFIX_FORMAT.exec(new URL(c.req.url).pathname)?.[1] ?? c.req.query('format');
    if (!wanted || wanted === 'json' || c.res.status !== 200) return;
    if (/^application\/json/.test(c.res.headers.get('Content-Type') ?? '')) {
      const err = badRequest(
        `Format « ${wanted} » non disponible pour cette adresse : JSON seulement.`,
        'format',
        ['json'],
      );
      c.res = undefined;
      c.res = c.json({ error: err.body }, 400);
      c.res.headers.delete('ETag');
      c.res.headers.delete('Content-Encoding');
      c.header('Cache-Control', 'no-store');
    }
  };
}
