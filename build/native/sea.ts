import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { RELEASE_KEY_ASSET } from '../../src/services/auto-update/index.ts';
import type { NativePlatform } from './platforms.ts';
import type { Runtime } from './runtime.ts';
import { BUNDLE_ASSET, bundleVersionLine, CACHE_ASSET, loaderSource, trainCodeCache } from './loader.ts';

/** The fuse Node looks for to know a blob was injected (Node's docs, `postject --sentinel-fuse`). */
export const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

export interface SeaOptions {
  /** The verified CommonJS bundle (dist/native/cli.js or a test build of it). */
  readonly bundle: string;
  readonly platform: NativePlatform;
  /** The pinned runtime the binary is made of. */
  readonly runtime: Runtime;
  /** The host's pinned runtime: it writes the blob (and the code cache) and runs postject. */
  readonly generator: string;
  /** The release public key (SPKI PEM) embedded as a SEA asset for the updater. */
  readonly publicKeyPem: string;
  /** Where the finished binary goes; written through a temp file and a rename. */
  readonly out: string;
  /** Ship V8 code cache made by a training run of the bundle (host platform only: it is valid only for that runtime). */
  readonly useCodeCache: boolean;
  /** Whether this machine can run the result (then it is smoke-run). */
  readonly runnable: boolean;
}

export interface SeaResult {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  /** Exactly the bytes injected: scanned on their own as well. */
  readonly blob: Buffer;
  /** The stripped runtime before injection: the baseline of the binary scan. */
  readonly baselinePath: string;
  readonly useCodeCache: boolean;
  readonly stripped: boolean;
  readonly timingsMs: Readonly<Record<string, number>>;
  /** What the binary's `--version` said, when it could be run here. */
  readonly version?: string;
  /** Removes the work folder (the baseline lives there until then). */
  cleanup(): void;
}

/** Builds one single-executable binary. Throws with the failing step named. */
export function buildSea(options: SeaOptions): SeaResult {
  const { platform } = options;
  if (options.useCodeCache && !options.runnable) {
    throw new Error(`${platform.id}: code cache is only valid for the runtime that generated it; build it without --code-cache or on a ${platform.id} host`);
  }
  mkdirSync(dirname(options.out), { recursive: true });
  const work = mkdtempSync(join(dirname(options.out), '.sea-'));
  const timings: Record<string, number> = {};
  const step = <T>(name: string, run: () => T): T => {
    const started = performance.now();
    try {
      return run();
    } catch (error) {
      rmSync(work, { recursive: true, force: true });
      throw new Error(`${platform.id}: SEA step '${name}' failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    } finally {
      timings[name] = Math.round(performance.now() - started);
    }
  };

  const blob = step('blob', () => {
    // The bundle rides as an asset behind a tiny loader (loader.ts says why).
    writeFileSync(join(work, 'main.js'), loaderSource(bundleVersionLine(options.generator, options.bundle)));
    copyFileSync(options.bundle, join(work, BUNDLE_ASSET));
    writeFileSync(join(work, 'release-key.pub'), options.publicKeyPem);
    const assets: Record<string, string> = { [RELEASE_KEY_ASSET]: 'release-key.pub', [BUNDLE_ASSET]: BUNDLE_ASSET };
    if (options.useCodeCache) {
      writeFileSync(join(work, CACHE_ASSET), trainCodeCache(options.generator, options.bundle));
      assets[CACHE_ASSET] = CACHE_ASSET;
    }
    writeFileSync(join(work, 'sea-config.json'), JSON.stringify({
      main: 'main.js',
      output: 'sea-prep.blob',
      disableExperimentalSEAWarning: true,
      useCodeCache: options.useCodeCache,
      useSnapshot: false, // measured: no gain over code cache, cannot hold WebAssembly, breaks import() (TOOLCHAIN-NOTES)
      assets,
    }));
    run(options.generator, ['--experimental-sea-config', 'sea-config.json'], work);
    return readFileSync(join(work, 'sea-prep.blob'));
  });

  const exe = join(work, platform.exe);
  const baselinePath = join(work, `runtime-stripped${platform.format === 'pe' ? '.exe' : ''}`);
  const stripped = step('copy+strip', () => {
    copyFileSync(options.runtime.path, exe);
    chmodSync(exe, 0o755);
    // Stripping after injection breaks the binary (the blob's note moves); before, it saves ~18 MB.
    const tool = stripTool(platform);
    if (tool) run(tool, ['--strip-all', exe], work);
    copyFileSync(exe, baselinePath);
    return tool !== undefined;
  });

  step('inject', () => {
    const postject = createRequire(import.meta.url).resolve('postject/dist/cli.js');
    run(options.generator, [postject, exe, 'NODE_SEA_BLOB', join(work, 'sea-prep.blob'), '--sentinel-fuse', SEA_FUSE,
      ...(platform.machoSegmentName ? ['--macho-segment-name', platform.machoSegmentName] : [])], work);
  });

  const version = !options.runnable ? undefined : step('smoke', () => {
    const r = spawnSync(exe, ['--version'], { encoding: 'utf8', timeout: 30_000 });
    const m = /^(\S+) \(Wren\)\n$/.exec(r.stdout);
    if (r.status !== 0 || !m) throw new Error(`--version exited ${r.status}: ${r.stdout}${r.stderr}`);
    // --version is answered by the loader; --help runs the bundle itself.
    const help = spawnSync(exe, ['--help'], { encoding: 'utf8', timeout: 30_000, env: { PATH: process.env['PATH'] ?? '', HOME: work, DISABLE_AUTOUPDATER: '1' } });
    if (help.status !== 0 || !help.stdout.startsWith('Usage: wren') || help.stderr) throw new Error(`--help exited ${help.status}: ${help.stderr}`);
    return m[1]!;
  });
  step('install', () => renameSync(exe, options.out));
  const bytes = readFileSync(options.out);
  return {
    path: options.out,
    size: statSync(options.out).size,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    blob,
    baselinePath,
    useCodeCache: options.useCodeCache,
    stripped,
    timingsMs: timings,
    ...(version ? { version } : {}),
    cleanup: () => rmSync(work, { recursive: true, force: true }),
  };
}

/** The strip that understands this platform's binaries, if this machine has one. */
function stripTool(platform: NativePlatform): string | undefined {
  if (platform.format !== 'elf') return undefined; // GNU strip does not handle Mach-O; PE runtimes ship without symbols
  const candidates = platform.arch === process.arch && platform.os === process.platform ? ['strip'] : [`${platform.arch === 'arm64' ? 'aarch64' : 'x86_64'}-linux-gnu-strip`];
  return candidates.find((tool) => spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0);
}

/** Runs a build tool quietly; its output is shown only when it fails. */
function run(command: string, args: readonly string[], cwd: string): void {
  try {
    execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(' ')}: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}
