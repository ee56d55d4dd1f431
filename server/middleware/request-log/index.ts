/** One JSON line per request (method, path, query, status, duration, encoding) on stdout. */
import type { MiddlewareHandler } from 'hono';

export function requestLog(enabled: boolean): MiddlewareHandler {
  return async (c, next) => {
    const t0 = performance.now();
    await next();
    if (!enabled) return;
    const url = new URL(c.req.url);
    console.log(
      JSON.stringify({
        t: new Date().toISOString(),
        method: c.req.method,
        path: url.pathname,
        query: url.search || undefined,
        status: c.res.status,
        ms: Math.round((performance.now() - t0) * 10) / 10,
        encoding: c.res.headers.get('Content-Encoding') ?? undefined,
      }),
    );
  };
}
