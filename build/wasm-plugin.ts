import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';

/**
 * Bundles a .wasm file as an ES module whose default export is its bytes.
 * esbuild's own `binary` loader makes a CommonJS-style module, and a dynamic
 * import() of one in the CommonJS (native) bundle goes through esbuild's
 * interop helper, which copies every own property of the imported value: for
 * a 1.4 MB Uint8Array that is a getter per byte and seconds of start-up.
 */
export function wasmPlugin(): Plugin {
  return {
    name: 'wren-wasm-module',
    setup(build) {
      build.onLoad({ filter: /\.wasm$/ }, async (args) => {
        const base64 = (await readFile(args.path)).toString('base64');
        return { contents: `export default new Uint8Array(Buffer.from(${JSON.stringify(base64)}, 'base64'));\n`, loader: 'js' };
      });
    },
  };
}
