import { defineConfig } from 'vitest/config';
import { aliases } from './src/lib/aliases.mjs';

export default defineConfig({
  resolve: {
    alias: aliases,
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'build',
          include: ['tests/build/**/*.test.ts'],
          environment: 'node',
          testTimeout: 240_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/browser/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false,
          // Headless Chromium now and then stops rendering a page's frames, so its client:visible
          // islands never hydrate (hydrateAll reports it: no animation frame, no observer callback).
          // A fresh-clone CI run met it on a test's first run and its retry, so such a test gets two
          // retries; a real regression fails all three.
          retry: 2,
        },
      },
    ],
  },
});
