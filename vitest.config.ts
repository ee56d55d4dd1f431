import { configDefaults, defineConfig } from 'vitest/config';

/** The 40-second load test runs alone, after the others (`npm run test:load`, part of `npm test`). */
const LOAD_TEST = 'test/reliability/load.test.ts';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'test/unit/**/*.test.ts',
            'core/**/*.test.ts',
            'server/**/*.test.ts',
            'test/pipelines/**/*.test.ts',
            'test/api/**/*.test.ts',
            'test/reliability/**/*.test.ts',
          ],
          exclude: [...configDefaults.exclude, LOAD_TEST],
          globalSetup: ['test/setup/build-db.ts'],
          env: { NODE_ENV: 'test' },
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/setup/build-db.ts', 'test/setup/serve.ts'],
          env: { NODE_ENV: 'test' },
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'load',
          include: [LOAD_TEST],
          globalSetup: ['test/setup/build-db.ts'],
          env: { NODE_ENV: 'test' },
          testTimeout: 150_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
