import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTree, copyTree, packTree, type PackResult } from './clean-tree.ts';
import type { RebuildResult } from './report.ts';

export interface RebuildOptions {
  readonly root: string;
  /** How many clean builds to compare. @default 2 */
  readonly times?: number;
  /** Integrity of a tarball to compare with the rebuilds (the one being verified). */
  readonly against?: string;
  readonly log?: (line: string) => void;
}

/**
 * Builds the project from clean copies of one snapshot of its tree (each in its
 * own folder, so absolute paths differ too) and packs each; a reproducible build gives the
 * same sha512 every time. The tarballs are kept for inspection; the trees are removed.
 */
export async function rebuild(options: RebuildOptions): Promise<RebuildResult & { readonly packs: readonly PackResult[] }> {
  const out = mkdtempSync(join(tmpdir(), 'wren-rebuild-'));
  const packs: PackResult[] = [];
  // One snapshot of the tree, then every build from its own copy of it: the builds
  // see the same sources even if the working tree changes meanwhile.
  const snapshot = join(out, 'snapshot');
  try {
    await copyTree(options.root, snapshot);
    for (let i = 1; i <= (options.times ?? 2); i++) {
      const tree = join(out, `tree-${i}`);
      options.log?.(`rebuild ${i}: building a copy of the tree in ${tree}, packing`);
      try {
        cpSync(snapshot, tree, { recursive: true, verbatimSymlinks: true });
        await buildTree(tree);
        packs.push(await packTree(tree, join(out, `build-${i}`)));
      } finally {
        rmSync(tree, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(snapshot, { recursive: true, force: true });
  }
  const identical = packs.every((p) => p.integrity === packs[0]!.integrity);
  return {
    packs,
    builds: packs.map((p) => ({ file: p.file, integrity: p.integrity })),
    identical,
    ...(options.against ? { matchesInput: identical && packs[0]!.integrity === options.against } : {}),
  };
}
