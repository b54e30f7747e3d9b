import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as tar from 'tar';
import type { NativePlatform } from './platforms.ts';

/** Thrown when no pinned runtime is available for a platform; `code` says why. */
export class RuntimeError extends Error {
  readonly code: 'runtime-missing' | 'runtime-version' | 'runtime-format';
  constructor(code: RuntimeError['code'], message: string) {
    super(message);
    this.name = 'RuntimeError';
    this.code = code;
  }
}

export interface Runtime {
  readonly path: string;
  readonly version: string;
  /** Where it came from, for the build info. */
  readonly source: string;
}

/** The Node version every native binary is built on: the `node` devDependency, exact. */
export function pinnedNodeVersion(root: string): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
  const version = pkg.devDependencies?.['node'];
  if (!version || !/^\d+\.\d+\.\d+$/.test(version)) throw new RuntimeError('runtime-version', 'package.json must pin devDependencies.node to an exact version (e.g. "24.21.0")');
  return version;
}

const MAGIC: Record<NativePlatform['format'], (b: Buffer) => boolean> = {
  elf: (b) => b.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46])),
  macho: (b) => [0xfeedfacf, 0xcffaedfe, 0xcafebabe].includes(b.readUInt32BE(0)),
  pe: (b) => b.subarray(0, 2).toString('latin1') === 'MZ',
};

/**
 * The pinned runtime for a platform, never the machine's own Node:
 * - the host's comes from the `node` devDependency (node_modules/node/bin/node,
 *   the official binary from the registry's node-<os>-<arch> package);
 * - another platform's from `<root>/node_modules/.cache/wren-native/`, filled
 *   with `npm pack <package>@<version>` (the registry, through npm, which
 *   checks the tarball's integrity) when `fetch` is set.
 */
export async function findRuntime(root: string, platform: NativePlatform, options: { fetch?: boolean; isHost: boolean }): Promise<Runtime> {
  const version = pinnedNodeVersion(root);
  if (options.isHost) {
    const path = join(root, 'node_modules', 'node', 'bin', 'node');
    if (!existsSync(path)) throw new RuntimeError('runtime-missing', `${path} is missing: run npm ci (the node devDependency installs the pinned runtime)`);
    const actual = execFileSync(path, ['--version'], { encoding: 'utf8' }).trim();
    if (actual !== `v${version}`) throw new RuntimeError('runtime-version', `${path} is ${actual}, package.json pins v${version}: run npm ci`);
    checkFormat(path, platform);
    return { path, version, source: `npm:node@${version} (${platform.runtimePackage})` };
  }
  const dir = join(root, 'node_modules', '.cache', 'wren-native', `${platform.runtimePackage}-${version}`);
  const pkgDir = join(dir, 'package');
  if (!existsSync(join(pkgDir, 'package.json'))) {
    if (!options.fetch) {
      throw new RuntimeError('runtime-missing', `no ${platform.runtimePackage}@${version} in ${dir}: pass --fetch to get it from the npm registry`);
    }
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    try {
      execFileSync('npm', ['pack', `${platform.runtimePackage}@${version}`, '--pack-destination', dir, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
    } catch {
      throw new RuntimeError('runtime-missing', `npm pack ${platform.runtimePackage}@${version} failed: the registry has no such package at the pinned version`);
    }
    const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'));
    if (!tgz) throw new RuntimeError('runtime-missing', `npm pack left no tarball in ${dir}`);
    await tar.x({ file: join(dir, tgz), cwd: dir });
    rmSync(join(dir, tgz));
  }
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string; bin?: { node?: string } };
  if (pkg.version !== version) throw new RuntimeError('runtime-version', `${pkgDir} is ${platform.runtimePackage}@${pkg.version}, not the pinned ${version}`);
  const path = join(pkgDir, pkg.bin?.node ?? 'bin/node');
  checkFormat(path, platform);
  return { path, version, source: `npm:${platform.runtimePackage}@${version}` };
}

function checkFormat(path: string, platform: NativePlatform): void {
  const head = Buffer.alloc(4);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  if (!MAGIC[platform.format](head)) throw new RuntimeError('runtime-format', `${path} is not a ${platform.format} executable`);
}
