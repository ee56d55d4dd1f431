import { defineConfig } from 'vitest/config';

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
    ],
  },
});
