import type { Finding, Rule } from './types.ts';
import { basename, scanFiles, scanLiterals } from './scan.ts';

/**
 * Absolute paths of build machines and bundler source URLs, in plain and JS/JSON-escaped
 * forms. Each regex starts with a literal so a large file scans fast; what
 * precedes the match is checked after.
 */
const UNIX_HOME = /\/(?:home|Users)\/[A-Za-z0-9._-]+/g;
const WINDOWS_HOME = /:(?:\\\\|\\|\/)Users(?:\\\\|\\|\/)/g;
const WEBPACK = /webpack:\/\//g;
/** `/home/` right after a host or word character is a URL path (`example.com/home/`), not a machine path. */
const URL_CHAR = /[A-Za-z0-9._~%-]/;

export const SOURCE_RULES: readonly Rule[] = [
  {
    id: 'source/typescript', family: 'source', scope: 'any',
    title: 'No TypeScript source (.d.ts excepted)',
    reason: 'npm packs `src/*.ts` happily when `files` or `.npmignore` is wrong; the bundle is what ships.',
    fix: 'Keep `files` to the build output; ship declarations only as `.d.ts`.',
    run: (ctx) => ctx.files
      .filter((e) => /\.(?:[mc]?ts|tsx)$/i.test(e.path) && !/\.d\.[mc]?ts$/i.test(e.path))
      .map((e) => ({ file: e.path, message: 'TypeScript source file' })),
  },
  {
    id: 'source/src-folder', family: 'source', scope: 'any',
    title: 'No src/ folder',
    reason: 'A `src/` folder in a package is the source tree, whatever the extensions of its files.',
    fix: 'Remove `src` from `files`; publish the build output only.',
    run: (ctx) => {
      const findings: Finding[] = [];
      for (const e of ctx.files) {
        const dirs = ctx.relative(e).split('/').slice(0, -1);
        if (dirs.includes('src')) findings.push({ file: e.path, message: 'file under a src/ folder' });
      }
      return findings;
    },
  },
  {
    id: 'source/tsconfig', family: 'source', scope: 'any',
    title: 'No tsconfig files',
    reason: 'A tsconfig in a package reveals the source layout and path aliases, and means the source tree was packed.',
    fix: 'Remove it from `files`.',
    run: (ctx) => ctx.files.filter((e) => /^tsconfig/i.test(basename(e.path))).map((e) => ({ file: e.path, message: 'TypeScript configuration' })),
  },
  {
    id: 'source/tsbuildinfo', family: 'source', scope: 'any',
    title: 'No .tsbuildinfo files',
    reason: 'Incremental build state lists every source file path and hash of the build machine.',
    fix: 'Remove it from `files`; keep incremental output outside the published folder.',
    run: (ctx) => ctx.files.filter((e) => /\.tsbuildinfo$/i.test(e.path)).map((e) => ({ file: e.path, message: 'TypeScript build info' })),
  },
  {
    id: 'source/build-paths', family: 'source', scope: 'any',
    title: 'No build-machine paths',
    reason: 'Absolute paths (`/home/`, `/Users/`, `C:\\Users\\`, `webpack://`, this repository\'s own path) leak user names and layout, and show that source-level metadata reached the bundle.',
    fix: 'Make the bundler emit relative or no paths (no `__filename` baking, no source maps, `legalComments: none`). A third-party path that cannot be removed may be listed, with its reason, in scripts/release/policy/allowed-build-paths.json.',
    run: (ctx) => [
      ...scanFiles(ctx, UNIX_HOME, (m, _e, view) => {
        if (m.index > 0 && URL_CHAR.test(view.text[m.index - 1]!)) return undefined;
        if (ctx.policy.allowedBuildPaths.some((a) => view.text.startsWith(a.text, m.index))) return undefined;
        return { message: `build-machine path '${m[0].slice(0, 60)}'` };
      }),
      ...scanFiles(ctx, WINDOWS_HOME, (m, _e, view) => (/[A-Za-z]/.test(view.text[m.index - 1] ?? '') ? { message: `build-machine path '${view.text[m.index - 1]}${m[0]}'` } : undefined)),
      ...scanFiles(ctx, WEBPACK, () => ({ message: 'webpack:// source URL' })),
      ...scanLiterals(ctx, ctx.policy.machinePaths.map((p) => ({ text: `${p}/`, message: 'a path of the machine that ran the verifier (repository or home folder)' }))),
    ],
  },
];
