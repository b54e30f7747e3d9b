import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { onTestFinished } from 'vitest';

/** A file's content, or a symlink to create: `{ symlink: 'target' }`. */
export type TreeEntry = string | Uint8Array | { readonly symlink: string };

/** Folder layout as data: `{ 'src/a.ts': 'export {}', 'link': { symlink: 'src' } }`. Empty string key ending in / makes a folder. */
export type Tree = Readonly<Record<string, TreeEntry>>;

/** Writes `tree` under `dir` (folders created as needed). */
export function writeTree(dir: string, tree: Tree): void {
  for (const [rel, entry] of Object.entries(tree)) {
    const path = join(dir, rel);
    if (rel.endsWith('/')) {
      mkdirSync(path, { recursive: true });
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    if (typeof entry === 'object' && 'symlink' in entry) symlinkSync(entry.symlink, path);
    else writeFileSync(path, entry);
  }
}

/**
 * A real temporary folder holding `tree`, removed when the current test ends.
 * Call it inside a test (or a hook that runs per test).
 */
export function testdir(tree: Tree = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'wren-test-'));
  writeTree(dir, tree);
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
