/** Browser-test setup: builds the dashboard with Vite and serves it with the API on a free port. */
import type { TestProject } from 'vitest/node';
import { build as viteBuild } from 'vite';
import { ROOT } from '../../core/paths.js';
import { startServer } from '../../server/main.js';
import { TEST_DB } from '../helpers.js';
import { join } from 'node:path';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const outDir = join(ROOT, 'data', 'test', 'web');
  await viteBuild({
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  const server = await startServer({ port: 0, dbPath: TEST_DB, webDir: outDir, log: false });
  project.provide('baseUrl', `http://127.0.0.1:${server.port}`);
  return () => server.close();
}
