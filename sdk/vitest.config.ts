import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // Two cores shared with other workspaces' runs.
    maxWorkers: 2,
  },
});
