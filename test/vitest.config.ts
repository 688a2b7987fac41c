import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['test/**/*.test.ts'],
    env: { NO_COLOR: '1' },
    setupFiles: ['test/simplifier-setup.ts'],
    testTimeout: 120_000,
  },
});
