/**
 * The Hono application: one route module per resource under `/api` (server/routes/, which never
 * import each other: shared queries live in server/services/), one folder per middleware
 * (server/middleware/), one error handler, one JSON envelope. `AppType` is exported for the typed
 * `hc` client the dashboard uses.
 *
 * A path may end with `.json`, `.csv` or `.arrow` (`/api/values.csv?…`): the suffix chooses the format
 * and is removed before routing (`getPath`).
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { getPath } from 'hono/utils/url';
import { errorResponse } from './http.js';
import { compressBody } from './middleware/compress/index.js';
import { formatGuard } from './middleware/format-guard/index.js';
import { getOnly } from './middleware/get-only/index.js';
import { httpCache } from './middleware/http-cache/index.js';
import { requestLog } from './middleware/request-log/index.js';
import { securityHeaders } from './middleware/security-headers/index.js';
import { timeoutAndInterrupt } from './middleware/timeout/index.js';
import { buildOpenApi } from './openapi.js';
import { changeRoutes } from './routes/changes.js';
import { compareRoutes } from './routes/compare.js';
import { embedRoutes } from './routes/embed.js';
import { feedRoutes } from './routes/feeds.js';
import { geoRoutes } from './routes/geo.js';
import { healthRoutes } from './routes/health.js';
import { indicatorRoutes } from './routes/indicators.js';
import { openapiRoutes } from './routes/openapi.js';
import { peerRoutes } from './routes/peers.js';
import { rankingRoutes } from './routes/rankings.js';
import { searchRoutes } from './routes/search.js';
import { seriesRoutes } from './routes/series.js';
import { reconciliationRoutes } from './routes/reconciliation.js';
import { sourceRoutes } from './routes/sources.js';
import { sruPathRoutes } from './routes/sru-path.js';
import { territoryRoutes } from './routes/territories.js';
import { valuesRoutes } from './routes/values.js';
import type { Store } from './store.js';
import { stripFormatSuffix } from './tabular.js';

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

function apiRoutes(store: Store) {
  return new Hono()
    .route('/health', healthRoutes(store))
    .route('/indicators', indicatorRoutes(store))
    .route('/territories', territoryRoutes(store))
    .route('/territories', sruPathRoutes(store))
    .route('/values', valuesRoutes(store))
    .route('/series', seriesRoutes(store))
    .route('/compare', compareRoutes(store))
    .route('/rankings', rankingRoutes(store))
    .route('/changes', changeRoutes(store))
    .route('/search', searchRoutes(store))
    .route('/sources', sourceRoutes(store))
    .route('/reconciliation', reconciliationRoutes(store))
    .route('/geo', geoRoutes(store))
    .route('/openapi', openapiRoutes(buildOpenApi))
    .route('/', peerRoutes(store));
}

export function createApp(store: Store, opts: AppOptions = {}) {
  const log = opts.log ?? process.env.NODE_ENV !== 'test';
  const api = apiRoutes(store);

  const app = new Hono({ getPath: (req) => stripFormatSuffix(getPath(req)) });
  app.use('*', requestLog(log));
  app.use('*', securityHeaders(CSP));
  app.use(
    '/api/*',
    cors({
      origin: '*',
      allowMethods: ['GET', 'HEAD', 'OPTIONS'],
      exposeHeaders: ['ETag', 'Content-Disposition'],
      maxAge: 86400,
    }),
  );
  app.use('/api/*', getOnly());
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: 16 * 1024,
      onError: () => {
        throw new HTTPException(413, { message: 'Corps de requête trop volumineux.' });
      },
    }),
  );
  app.use('/api/*', httpCache(store, { noStore: /^\/api\/health/ }));
  app.use('/api/*', compressBody());
  app.use('/api/*', formatGuard());
  app.use('/api/*', timeoutAndInterrupt(opts.timeoutMs ?? 15_000));
  const routes = app.route('/api', api);
  // Pages written by the server outside the JSON API: Atom feeds and embeddable cards.
  for (const path of ['/feeds/*', '/embed/*']) {
    app.use(path, getOnly());
    app.use(path, compressBody());
    app.use(path, timeoutAndInterrupt(opts.timeoutMs ?? 15_000));
  }
  app.route('/feeds', feedRoutes(store));
  app.route('/embed', embedRoutes(store));
  app.notFound((c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ error: { code: 'not_found', message: `Adresse inconnue : ${c.req.path}` } }, 404);
  });
  app.onError(errorResponse);
  return routes;
}

export type AppType = ReturnType<typeof createApp>;
