import { defineConfig } from 'vitest/config';

// One runner, four projects. `npm test` runs the first three (PGlite, no browser);
// `.ci/run` adds the PostgreSQL pass (TEST_DATABASE_URL) and the browser project.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'regulations', root: 'packages/regulations', include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'] } },
      {
        test: {
          name: 'server',
          root: 'packages/server',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      { test: { name: 'web', root: 'packages/web', include: ['src/**/*.test.ts', 'src/**/*.test.tsx'] } },
      {
        test: {
          name: 'e2e',
          root: 'packages/web',
          include: ['e2e/**/*.e2e.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
