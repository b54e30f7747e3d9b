import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Lives in tests/ because the repository's top level is fixed (DESIGN.md, Layout).
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    // The flag API reads this profile when the code runs unbundled (tests, dev runs).
    env: { WREN_TARGET: 'internal' },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './tests/support/summary-reporter.ts'],
  },
});
