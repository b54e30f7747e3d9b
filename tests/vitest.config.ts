import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';

// Lives in tests/ because the repository's top level is fixed (DESIGN.md, Layout).
/** Loads .md files as strings and .wasm files as bytes, as the build's loaders do. */
const buildLoaders: Plugin = {
  name: 'wren-build-loaders',
  enforce: 'pre',
  load(id) {
    const path = id.split('?')[0]!;
    if (path.endsWith('.md')) return `export default ${JSON.stringify(readFileSync(path, 'utf8'))};`;
    if (path.endsWith('.wasm')) {
      return `export default new Uint8Array(Buffer.from(${JSON.stringify(readFileSync(path).toString('base64'))}, 'base64'));`;
    }
    return undefined;
  },
};

export default defineConfig({
  plugins: [buildLoaders],
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    // The flag API reads this profile when the code runs unbundled (tests, dev runs).
    env: { WREN_TARGET: 'internal' },
    // A .wasm inside a package would be externalised and handed to Node; load it with the plugin.
    server: { deps: { inline: [/\.wasm$/] } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './tests/support/summary-reporter.ts'],
  },
});
