/**
 * The Hono application: one route module per resource under `/api`, one error handler, one JSON
 * envelope. `AppType` is exported for the typed `hc` client the dashboard uses.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { timeout } from 'hono/timeout';
import { HTTPException } from 'hono/http-exception';
import { errorResponse } from './http.js';
import { geoRoutes } from './routes/geo.js';
import { healthRoutes } from './routes/health.js';
import { indicatorRoutes } from './routes/indicators.js';
import { searchRoutes } from './routes/search.js';
import { sourceRoutes } from './routes/sources.js';
import { territoryRoutes } from './routes/territories.js';
import { valuesRoutes } from './routes/values.js';
import type { Store } from './store.js';

export interface AppOptions {
  /** Structured request log (one JSON line per request). Default: on, unless NODE_ENV=test. */
  log?: boolean;
  timeoutMs?: number;
}

export const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};

export function createApp(store: Store, opts: AppOptions = {}) {
  const log = opts.log ?? process.env.NODE_ENV !== 'test';
  const api = new Hono()
    .route('/health', healthRoutes(store))
    .route('/indicators', indicatorRoutes(store))
    .route('/territories', territoryRoutes(store))
    .route('/values', valuesRoutes(store))
    .route('/search', searchRoutes(store))
    .route('/sources', sourceRoutes(store))
    .route('/geo', geoRoutes(store));

  const app = new Hono();
  app.use('*', async (c, next) => {
    const t0 = performance.now();
    await next();
    if (log) {
      const ms = Math.round((performance.now() - t0) * 10) / 10;
      console.log(
        JSON.stringify({
          t: new Date().toISOString(),
          method: c.req.method,
          path: c.req.path,
          status: c.res.status,
          ms,
        }),
      );
    }
  });
  app.use('*', secureHeaders({ contentSecurityPolicy: CSP, crossOriginEmbedderPolicy: false }));
  app.use('/api/*', cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'] }));
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: 16 * 1024,
      onError: () => {
        throw new HTTPException(413, { message: 'Corps de requête trop volumineux.' });
      },
    }),
  );
  app.use(
    '/api/*',
    timeout(
      opts.timeoutMs ?? 15_000,
      new HTTPException(503, { message: 'La requête a pris trop de temps.' }),
    ),
  );
  app.use('/api/*', compress());
  app.use('/api/*', async (c, next) => {
    if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
      throw new HTTPException(405, { message: 'Seules les requêtes GET sont acceptées.' });
    }
    await next();
  });
  const routes = app.route('/api', api);
  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `Adresse inconnue : ${c.req.path}` } }, 404),
  );
  app.onError(errorResponse);
  return routes;
}

export type AppType = ReturnType<typeof createApp>;
