import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Tests read the shared wire schemas from source, so they never run against a stale build.
    alias: { '@openslot/sdk/schemas': fileURLToPath(new URL('../sdk/src/schemas/index.ts', import.meta.url)) },
  },
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
