import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';
import { analyseFile, FEATURE_MODULE, rewriteFlags, toRepoPath, type UsageContext } from './flag-usage.ts';
import { formatUsageProblem } from './check-source.ts';

export interface FlagsPluginOptions extends UsageContext {
  /** The target's profile: flag name -> compiled in. */
  readonly profile: Readonly<Record<string, boolean>>;
  /** Repository-relative path -> source that replaces that module in this build. */
  readonly generated: ReadonlyMap<string, string>;
}

/**
 * Turns every feature('X') in src/ into the target's literal before esbuild
 * sees the file, and swaps build-time modules for generated ones. The feature
 * module itself must never be loaded: if it is, a call escaped the rewrite.
 */
export function flagsPlugin(options: FlagsPluginOptions): Plugin {
  return {
    name: 'wren-flags',
    setup(build) {
      build.onLoad({ filter: /\.tsx?$/ }, async (args) => {
        const rel = toRepoPath(options.root, args.path);
        if (!rel.startsWith('src/')) return undefined;
        const loader = args.path.endsWith('.tsx') ? 'tsx' : 'ts';
        const generated = options.generated.get(rel);
        if (generated !== undefined) return { contents: generated, loader };
        if (rel === FEATURE_MODULE) {
          return { errors: [{ text: `${FEATURE_MODULE} was pulled into the bundle: import only feature() from it, by name, and call it in conditions` }] };
        }
        const text = await readFile(args.path, 'utf8');
        const analysis = analyseFile(args.path, text, options);
        if (analysis.problems.length) return { errors: analysis.problems.map((p) => ({ text: formatUsageProblem(p) })) };
        return { contents: rewriteFlags(text, analysis, options.profile), loader };
      });
    },
  };
}
