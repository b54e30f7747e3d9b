import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ReleaseError } from './errors.ts';
import { npm, npmJson, run } from './npm.ts';

/** What `npm pack --json` reports for one package. */
export interface PackResult {
  /** Absolute path of the tarball written. */
  readonly file: string;
  readonly name: string;
  readonly version: string;
  readonly integrity: string;
  readonly size: number;
  readonly unpackedSize: number;
}

/**
 * The files of the repository as git sees them: tracked files still present and
 * untracked files that are not ignored. Build output, node_modules, caches and
 * anything .gitignore names are left behind, so a build from this copy cannot
 * pick up leftovers of the working tree.
 */
export async function treeFiles(root: string): Promise<string[]> {
  const listed = await run('git', ['-C', root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root }).catch((error: unknown) => {
    throw new ReleaseError('COMMAND_FAILED', `the release builds from a clean copy of the git tree, and git failed: ${(error as Error).message}`);
  });
  const files = [...new Set(listed.stdout.split('\0').filter(Boolean))];
  return files.filter((f) => existsSync(join(root, f)) && statSync(join(root, f)).isFile()).sort();
}

/** Copies the tree to `dest` and links the installed node_modules (the lockfile's exact packages) into it. */
export async function copyTree(root: string, dest: string): Promise<number> {
  const files = await treeFiles(root);
  let copied = 0;
  for (const file of files) {
    const target = join(dest, file);
    mkdirSync(dirname(target), { recursive: true });
    try {
      copyFileSync(join(root, file), target);
      chmodSync(target, statSync(join(root, file)).mode & 0o777);
      copied++;
    } catch (error) {
      // A file deleted between listing and copying is not part of the tree any more.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  symlinkSync(join(root, 'node_modules'), join(dest, 'node_modules'), 'dir');
  return copied;
}

/** Runs the project's build in a tree (Node 24: the Node running this script). */
export async function buildTree(tree: string): Promise<void> {
  await run(process.execPath, [join(tree, 'build', 'build.ts')], { cwd: tree });
}

/** `npm pack --json` of a tree into `destination`; lifecycle scripts off, so packing only packs. */
export async function packTree(tree: string, destination: string): Promise<PackResult> {
  mkdirSync(destination, { recursive: true });
  const result = await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', destination], { cwd: tree });
  const [packed] = npmJson<{ filename: string; name: string; version: string; integrity: string; size: number; unpackedSize: number }[]>(result, 'npm pack');
  if (!packed) throw new ReleaseError('COMMAND_FAILED', 'npm pack reported no package');
  return {
    file: join(destination, packed.filename),
    name: packed.name,
    version: packed.version,
    integrity: packed.integrity,
    size: packed.size,
    unpackedSize: packed.unpackedSize,
  };
}

/** The package.json of a folder. */
export function readManifest(dir: string): { name: string; version: string; [key: string]: unknown } {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; version: string };
}
