import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { writeTree, type Tree } from '../support/testdir.ts';

/**
 * One project tree exercising everything both Grep engines must agree on:
 * nested and negated ignore rules of every kind, hidden files, VCS folders,
 * binary and UTF-16 files, CRLF, symlinks, long lines, several file types.
 */
export const GREP_TREE: Tree = {
  '.git/HEAD': 'ref: refs/heads/main\nneedle in git\n',
  '.git/info/exclude': 'excluded-by-git.txt\n',
  '.gitignore': 'dist/\n*.log\n!keep.log\nsecret*\n',
  '.ignore': 'from-dot-ignore.txt\n',
  '.rgignore': '!secret-but-rg-allows.txt\n',
  '.env': 'NEEDLE_TOKEN=abc\n',
  '.github/workflow.yml': 'run: find the needle\n',
  'src/app.ts': 'import { needle } from "./lib";\nexport function main() {\n  return needle(1);\n}\n',
  'src/lib.ts': 'export function needle(n: number) {\n  // TODO: needle work\n  return n + 1;\n}\n',
  'src/view.tsx': 'export const View = () => <div>Needle</div>;\n',
  'src/util.js': 'const needle = require("needle");\nmodule.exports = { needle };\n',
  'src/legacy.mjs': 'export default "no match here";\n',
  'src/nested/.gitignore': 'generated.ts\n',
  'src/nested/generated.ts': 'export const needle = "generated";\n',
  'src/nested/real.ts': 'export const needleReal = true;\nconst x = { a: 1,\n  b: needle };\n',
  'py/tool.py': 'def needle():\n    """Needle docs."""\n    return 42\n',
  'py/types.pyi': 'def needle() -> int: ...\n',
  'docs/guide.md': '# Guide\n\nFind the needle.\nThe NEEDLE is sharp.\nneedle needle needle\n',
  'dist/bundle.js': 'var needle=1;\n',
  'debug.log': 'needle in a log\n',
  'keep.log': 'needle kept\n',
  'secret.txt': 'needle secret\n',
  'secret-but-rg-allows.txt': 'needle allowed by rgignore\n',
  'from-dot-ignore.txt': 'needle\n',
  'excluded-by-git.txt': 'needle\n',
  'node_modules/pkg/index.js': 'module.exports = "needle in node_modules";\n',
  'crlf.txt': 'first needle\r\nsecond line\r\nthird needle\r\n',
  'utf16.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('utf16 needle here\n', 'utf16le')]),
  'binary.dat': Buffer.concat([Buffer.from('needle'), Buffer.from([0, 1, 2]), Buffer.from('needle\n')]),
  'long.min.js': `${'x'.repeat(800)}needle${'y'.repeat(800)}\n`,
  'context.txt': ['c1', 'c2', 'needle a', 'c4', 'c5', 'c6', 'c7', 'needle b', 'c9', 'needle c', 'c11', 'c12'].join('\n') + '\n',
  'multi.txt': 'start {\n  inner\n} end\nstart {\n}\nlast line without newline needle',
  'unicode.txt': 'café needle\nnaïve Needle\n日本 needle 語\n𝕏 emoji line\n',
  'link-to-lib.ts': { symlink: 'src/lib.ts' },
  'empty.txt': '',
};

/** Gives files distinct modification times so "newest first" is well defined: later in the list is newer. */
export function ageFixture(dir: string): void {
  const files = Object.entries(GREP_TREE).filter(([, v]) => !(typeof v === 'object' && 'symlink' in v)).map(([k]) => k);
  const base = Date.now() / 1000 - 10_000;
  files.forEach((rel, i) => utimesSync(join(dir, rel), base + i * 10, base + i * 10));
}

/**
 * The fixture written once for a whole test file (no test changes it), removed
 * after the file's tests: creating it per test would dominate the run time.
 */
export function sharedGrepProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wren-grep-'));
  writeTree(dir, GREP_TREE);
  ageFixture(dir);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
