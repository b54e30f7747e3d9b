import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Plugin } from 'esbuild';

/*
 * Makes ink 8 (and its layout engine, yoga-layout) bundle into every target.
 *
 * - ink's dev-only code imports `react-devtools-core`, which is not installed.
 *   Marking it external breaks start-up (esbuild hoists the import), so it is
 *   replaced by an empty module.
 * - The native target is CommonJS (Node SEA needs a CJS main), and CommonJS has
 *   no top-level await. ink awaits only inside `if (process.env.DEV === 'true')`
 *   blocks (devtools, reading its own package.json): those blocks are turned off
 *   at build time, in every target, so no bundle can be switched into dev mode
 *   by a user's environment. yoga-layout awaits the instantiation of its
 *   embedded wasm: it is instantiated synchronously instead, through the
 *   Emscripten `instantiateWasm` hook, from the same embedded bytes.
 *
 * Each rewrite checks that the text it replaces is there exactly as expected,
 * so a new ink or yoga version fails the build with a message instead of
 * producing a bundle that breaks at run time.
 */

/** The error code of a rewrite whose expected text is missing (the package changed). */
export const INK_PLUGIN_MISMATCH = 'INK_PLUGIN_MISMATCH';

const EMPTY_NAMESPACE = 'wren-empty-module';
const YOGA_WASM_NAMESPACE = 'wren-yoga-wasm';

/** The data URI yoga's Emscripten module carries its wasm in. */
const YOGA_DATA_URI = /"data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/g;

export function inkPlugin(): Plugin {
  return {
    name: 'wren-ink',
    setup(build) {
      build.onResolve({ filter: /^react-devtools-core$/ }, (args) => ({ path: args.path, namespace: EMPTY_NAMESPACE }));
      build.onLoad({ filter: /.*/, namespace: EMPTY_NAMESPACE }, () => ({ contents: 'export default {};', loader: 'js' }));

      build.onLoad({ filter: /[\\/]node_modules[\\/]ink[\\/]build[\\/]reconciler\.js$/, namespace: 'file' }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        const devChecks = text.split("process.env['DEV'] === 'true'").length - 1;
        if (devChecks !== 2) return mismatch(args.path, `expected 2 DEV checks, found ${devChecks}`);
        const contents = text.replaceAll("process.env['DEV'] === 'true'", 'false')
          .replace("await import('./devtools.js');", '')
          .replace('const loaded = await loadPackageJson();', 'const loaded = {};');
        // One await is left, inside the async function loadPackageJson (now never called).
        const awaits = contents.split('await ').length - 1;
        if (awaits !== 1) return mismatch(args.path, `expected 1 await left after the rewrite, found ${awaits}`);
        return { contents, loader: 'js' };
      });

      build.onLoad({ filter: /[\\/]node_modules[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/, namespace: 'file' }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        const count = [...text.matchAll(YOGA_DATA_URI)].length;
        if (count !== 1) return mismatch(args.path, `expected one embedded wasm data URI, found ${count}`);
        // The bytes now come from the module below; keep the data-URI prefix so
        // Emscripten never tries to fetch a file, but do not carry the bytes twice.
        return { contents: text.replace(YOGA_DATA_URI, '"data:application/octet-stream;base64,"'), loader: 'js' };
      });

      // `wren-yoga-wasm`, imported by the rewritten index, is the base64 of the wasm yoga embeds.
      build.onResolve({ filter: /^wren-yoga-wasm$/ }, (args) => ({
        path: join(dirname(args.importer), '..', 'binaries', 'yoga-wasm-base64-esm.js'),
        namespace: YOGA_WASM_NAMESPACE,
      }));
      build.onLoad({ filter: /.*/, namespace: YOGA_WASM_NAMESPACE }, async (args) => {
        const match = [...(await readFile(args.path, 'utf8')).matchAll(YOGA_DATA_URI)];
        if (match.length !== 1) return mismatch(args.path, `expected one embedded wasm data URI, found ${match.length}`);
        return { contents: `export default ${JSON.stringify(match[0]![1])};`, loader: 'js' };
      });

      build.onLoad({ filter: /[\\/]node_modules[\\/]yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/, namespace: 'file' }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        const original = 'const Yoga = wrapAssembly(await loadYoga());';
        if (!text.includes(original)) return mismatch(args.path, `expected '${original}'`);
        const contents = text.replace(original, [
          "import yogaWasmBase64 from 'wren-yoga-wasm';",
          'const Yoga = wrapAssembly(instantiateYogaSync(loadYoga));',
          'function instantiateYogaSync(factory) {',
          '  const bytes = Buffer.from(yogaWasmBase64, "base64");',
          '  const module = {',
          '    instantiateWasm(imports, receive) {',
          '      const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), imports);',
          '      receive(instance);',
          '      return instance.exports;',
          '    },',
          '  };',
          '  factory(module);',
          '  if (!module.calledRun) throw new Error("yoga-layout did not initialise synchronously");',
          '  return module;',
          '}',
        ].join('\n'));
        return { contents, loader: 'js' };
      });
    },
  };
}

function mismatch(file: string, detail: string): { errors: { text: string }[] } {
  return {
    errors: [{
      text: `[${INK_PLUGIN_MISMATCH}] ${file}: ${detail}. build/ink-plugin.ts rewrites this file for bundling; update the rewrite for the new ink/yoga-layout version.`,
    }],
  };
}
