/** Serves the API and the built dashboard (`dist/web`) on PORT (default 8080). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { DB_PATH, WEB_DIST } from '../core/paths.js';
import { createApp } from './app.js';
import { openStore } from './store.js';
import { warmDefaultView, warmFranceView, warmUp } from './warm.js';

export async function startServer(
  opts: { port?: number; dbPath?: string; webDir?: string; log?: boolean } = {},
) {
  const dbPath = opts.dbPath ?? DB_PATH;
  const webDir = opts.webDir ?? WEB_DIST;
  if (!existsSync(dbPath)) {
    throw new Error(`Base absente (${dbPath}) : lancez d’abord « npm run data » (ou « npm start »).`);
  }
  const store = await openStore(dbPath);
  const app = createApp(store, { log: opts.log });
  if (existsSync(join(webDir, 'index.html'))) {
    const index = readFileSync(join(webDir, 'index.html'), 'utf8');
    app.use('/assets/*', async (c, next) => {
      await next();
      if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
    });
    app.use('/*', serveStatic({ root: webDir }));
    app.get('*', (c) => (c.req.path.startsWith('/api/') ? c.notFound() : c.html(index)));
  }
  // Caches of the default view are filled before the port opens (after every route is declared:
  // answering a request freezes the router): the first visitor is served warm.
  await warmUp(store)
    .then(() => warmDefaultView((url, init) => app.request(url, init)))
    .catch((err: Error) =>
      console.error(JSON.stringify({ level: 'error', msg: `préchauffage : ${err.message}` })),
    );
  const port = opts.port ?? Number(process.env.PORT ?? 8080);
  return new Promise<{ port: number; close: () => Promise<void> }>((resolve) => {
    const server = serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? '0.0.0.0' }, (info) => {
      // The national layer (12 MB) is compressed in the background: visitors are served meanwhile.
      void warmFranceView((url, init) => app.request(url, init)).catch(() => undefined);
      resolve({
        port: info.port,
        close: () =>
          new Promise<void>((r) => {
            server.close(() => {
              store.close();
              r();
            });
          }),
      });
    });
  });
}

/**
 * Diagnostics for load tests: with OBSERVATOIRE_DIAG=1 (and node --expose-gc), SIGUSR2 runs a full
 * garbage collection and prints `DIAG {memoryUsage}` on stdout, so memory is compared after GC.
 */
function diagnostics(): void {
  if (process.env.OBSERVATOIRE_DIAG !== '1') return;
  process.on('SIGUSR2', () => {
    (globalThis as { gc?: () => void }).gc?.();
    process.stdout.write(`DIAG ${JSON.stringify(process.memoryUsage())}\n`);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  diagnostics();
  startServer()
    .then(({ port }) => console.log(`Observatoire servi sur http://localhost:${port}`))
    .catch((err: Error) => {
      console.error(err.message);
      process.exit(1);
    });
}
