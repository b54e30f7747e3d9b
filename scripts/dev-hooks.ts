import { registerHooks } from 'node:module';
import { transformSync } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/*
 * `npm run dev` runs src/ unbundled on Node's type stripping. The build inlines
 * .md files as strings and .wasm files as bytes, and compiles .tsx; this hook
 * does the same for dev runs.
 */
registerHooks({
  load(url, context, nextLoad) {
    if (url.startsWith('file:') && url.endsWith('.md')) {
      const text = readFileSync(fileURLToPath(url), 'utf8');
      return { format: 'module', source: `export default ${JSON.stringify(text)};`, shortCircuit: true };
    }
    if (url.startsWith('file:') && url.endsWith('.tsx')) {
      // Node's type stripping does not read JSX; the UI's components are .tsx.
      const { code } = transformSync(readFileSync(fileURLToPath(url), 'utf8'), { loader: 'tsx', jsx: 'automatic', format: 'esm' });
      return { format: 'module', source: code, shortCircuit: true };
    }
    if (url.startsWith('file:') && url.endsWith('.wasm')) {
      const base64 = readFileSync(fileURLToPath(url)).toString('base64');
      return { format: 'module', source: `export default new Uint8Array(Buffer.from(${JSON.stringify(base64)}, 'base64'));`, shortCircuit: true };
    }
    return nextLoad(url, context);
  },
});
