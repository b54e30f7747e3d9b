import type { TargetName } from '../flags/types.ts';

/** One build target: a row of data. Adding a target is adding a row. */
export interface BuildTarget {
  readonly name: TargetName;
  /** Repository-relative entry; it becomes `dist/<name>/cli.js`. */
  readonly entry: string;
  readonly format: 'esm' | 'cjs';
  /** ESM code splitting keeps `--version` and light commands from compiling the rest. */
  readonly splitting: boolean;
  /** Source maps only where they never reach the public; `false` is stated, never implied. */
  readonly sourcemap: false | 'linked';
  readonly minify: boolean;
  /** A public target ships to users: forbidden strings are checked, source maps refused. */
  readonly public: boolean;
}

const ENTRY = 'src/entrypoints/cli.ts';

export const TARGETS: readonly BuildTarget[] = [
  { name: 'external', entry: ENTRY, format: 'esm', splitting: true, sourcemap: false, minify: true, public: true },
  { name: 'internal', entry: ENTRY, format: 'esm', splitting: true, sourcemap: 'linked', minify: false, public: false },
  // CommonJS in one file: the input of the Node single-executable step (SEA needs a CJS main).
  { name: 'native', entry: ENTRY, format: 'cjs', splitting: false, sourcemap: false, minify: true, public: true },
];
