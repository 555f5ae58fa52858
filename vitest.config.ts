import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'tests/unit/**/*.test.ts',
      'tests/unit/**/*.test.tsx',
      'tests/integration/**/*.test.ts',
      'tests/soak/**/*.test.ts',
      'tests/corpus/**/*.test.ts',
    ],
    setupFiles: ['tests/helpers/vitest-setup.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    alias: {
      electron: new URL('./tests/mocks/electron.ts', import.meta.url).pathname,
    },
  },
});
