import { mkdtempSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { BashSandboxSettings, LaunchWrapper, ShellLauncher } from '../bash/index.ts';
import type { ToolContext } from '../tool.ts';
import { bwrapArgs } from './bwrap-args.ts';
import { createPlaceholderRegistry, type PlaceholderRegistry } from './placeholders.ts';
import { probeBubblewrap, type Availability } from './probe.ts';
import { protectedTargets, realPathOfMaybeMissing } from './protected-paths.ts';

/** What the UI and `wren doctor` show about the sandbox. */
export interface SandboxStatus {
  /** active: commands run inside bwrap; unavailable: enabled, but it cannot run here; disabled: turned off in settings. */
  readonly state: 'active' | 'unavailable' | 'disabled';
  /** One line: the bwrap binary, or why commands are not sandboxed. */
  readonly detail: string;
  readonly network: 'allow' | 'deny';
}

/** One session's sandbox, as `loadBashTools` plugs it into the Bash tool. */
export interface BashSandbox {
  /** For `BashToolOptions.launcher`: plans each call. */
  readonly launcher: (ctx: ToolContext) => ShellLauncher;
  /** Probes bubblewrap the first time it is asked, then answers from memory. */
  status(): SandboxStatus;
  /** Removes the session's private /tmp; call when the session ends. */
  shutdown(): Promise<void>;
}

/** Test seams; production uses the defaults. */
export interface BashSandboxInternals {
  /** @default probeBubblewrap */
  readonly probe?: (network: 'allow' | 'deny') => Availability;
}

const live = new Set<BashSandbox>();
/** Private /tmp folders not yet removed, so they go even if the process exits without a shutdown. */
const tmpFolders = new Set<string>();
let exitHook: (() => void) | undefined;

function removeAtExit(dir: string): void {
  tmpFolders.add(dir);
  if (exitHook) return;
  exitHook = () => {
    for (const folder of tmpFolders) rmSync(folder, { recursive: true, force: true });
  };
  process.once('exit', exitHook);
}

/**
 * The OS sandbox for one session's Bash commands. When enabled (the default)
 * and bubblewrap works here, each command runs inside bwrap: the filesystem
 * read-only, writable only in the session's working directories and
 * `allowWrite`, Wren's own control files read-only even there, /tmp private to
 * the session, and, with `network: 'deny'`, no network. Otherwise commands run
 * exactly as before, and the first call tells the user once (`onNotice`).
 *
 * The sandbox never decides whether a command may run: the permission check
 * is the same with or without it, and no input can turn it off.
 */
export function createBashSandbox(settings: BashSandboxSettings, internals: BashSandboxInternals = {}): BashSandbox {
  const network = settings.network ?? 'allow';
  const configDir = settings.configDir ?? defaultConfigDir();
  const probe = internals.probe ?? ((net: 'allow' | 'deny') => probeBubblewrap({ network: net }));
  let availability: Availability | undefined;
  let told = false;
  let firstCwd: string | undefined;
  let privateTmp: string | undefined;
  let registry: PlaceholderRegistry | undefined;

  const status = (): SandboxStatus => {
    if (settings.enabled === false) return describe(undefined, network);
    availability ??= probe(network);
    return describe(availability, network);
  };

  /**
   * The session's working directories: from settings, else the context's
   * project root (or, for bare callers without one, the first call's cwd: a
   * later `cd /` must not make / writable); then the context's additional
   * directories, which a session may grow.
   */
  const roots = (ctx: ToolContext): string[] => {
    firstCwd ??= ctx.projectRoot ?? ctx.cwd;
    return [...new Set([...(settings.workingDirectories ?? [ctx.projectRoot ?? firstCwd]), ...ctx.additionalDirectories])];
  };

  const ensurePrivateTmp = (): string => {
    if (privateTmp === undefined) {
      privateTmp = mkdtempSync(join(tmpdir(), 'wren-sandbox-tmp-'));
      removeAtExit(privateTmp);
    }
    return privateTmp;
  };

  const placeholders = (): PlaceholderRegistry => {
    if (!registry) {
      registry = createPlaceholderRegistry(join(realPathOfMaybeMissing(configDir), 'sandbox', 'placeholders'));
      try {
        registry.sweep(); // what a killed Wren left behind
      } catch {
        // Not fatal: hold() reports a registry that cannot be used.
      }
    }
    return registry;
  };

  const wrapFor = (bwrap: string, dirs: readonly string[]): LaunchWrapper => (launch, files) => {
    const [projectRoot] = dirs;
    const writable = existingRealPaths([...dirs, ...(settings.allowWrite ?? []).map((p) => expandPath(p, projectRoot ?? launch.cwd))]);
    const targets = protectedTargets({ writable, configDir });
    const release = placeholders().hold(targets);
    try {
      const tmp = ensurePrivateTmp();
      const writableFiles: string[] = [];
      let trailerMountpoint: string | undefined;
      if (files.cwdFile !== undefined) {
        // bwrap can only bind a file that exists; the shell's EXIT trap overwrites it.
        writeFileSync(files.cwdFile, '', { mode: 0o600 });
        writableFiles.push(files.cwdFile);
        // Under /tmp, bwrap makes its mount point inside the private /tmp: remove it afterwards.
        const rel = relative('/tmp', files.cwdFile);
        if (!rel.startsWith('..') && !isAbsolute(rel)) trailerMountpoint = join(tmp, rel);
      }
      const inWritable = (path: string): boolean => writable.some((dir) => path === dir || path.startsWith(dir + sep));
      const tmpEnv = launch.env['TMPDIR'];
      // A TMPDIR outside the writable places would make every mktemp fail: point it at the private /tmp.
      const setEnv: Record<string, string> = tmpEnv !== undefined && tmpEnv !== '/tmp' && !inWritable(resolve(tmpEnv)) ? { TMPDIR: '/tmp' } : {};
      const args = bwrapArgs({
        writable,
        readOnly: [...targets.map((t) => t.path), ...agentSocket(launch.env, network)],
        privateTmp: tmp,
        writableFiles,
        network,
        setEnv,
        cwd: launch.cwd,
        command: [launch.file, ...launch.args],
      });
      return {
        launch: { file: bwrap, args, cwd: launch.cwd, env: launch.env },
        release: () => {
          release();
          if (trailerMountpoint) rmSync(trailerMountpoint, { force: true });
        },
      };
    } catch (error) {
      release();
      throw error;
    }
  };

  const sandbox: BashSandbox = {
    status,
    launcher(ctx) {
      const now = status();
      if (now.state === 'disabled') return {};
      if (now.state === 'unavailable') {
        // Told to the user (the UI's notice line), once; the model's output stays exactly as without the feature.
        if (!told) settings.onNotice?.(`Bash commands are not sandboxed: ${now.detail}. They run with your full file${network === 'deny' ? ' and network' : ''} access.`);
        told = true;
        return {};
      }
      const dirs = roots(ctx);
      const bwrap = (availability as { bwrap: string }).bwrap;
      return {
        wrap: wrapFor(bwrap, dirs),
        // A refused write reads "Read-only file system" (or "Is a directory", for .mcp.json's placeholder).
        explain: (result) => (result.exitCode !== 0 && /read-only file system|\.mcp\.json.*is a directory/i.test(result.stderr)
          ? [`Note: this command ran in a sandbox. It may write only in ${dirs.join(', ')}${settings.allowWrite?.length ? `, ${settings.allowWrite.join(', ')}` : ''} and /tmp (private to this session); .wren/, .mcp.json, .git/hooks, .git/config and the user config folder stay read-only. For other places, ask the user to add them to "sandbox.allowWrite" in their settings.`]
          : []),
      };
    },
    async shutdown() {
      live.delete(sandbox);
      if (privateTmp !== undefined) {
        tmpFolders.delete(privateTmp);
        rmSync(privateTmp, { recursive: true, force: true });
        privateTmp = undefined;
      }
    },
  };
  live.add(sandbox);
  return sandbox;
}

/**
 * What the sandbox will do with these settings, for `wren doctor` and a
 * start-up notice: probes bubblewrap once per process (about 10 ms), then
 * answers from memory.
 */
export function sandboxStatus(settings: Pick<BashSandboxSettings, 'enabled' | 'network'> = {}): SandboxStatus {
  const network = settings.network ?? 'allow';
  return describe(settings.enabled === false ? undefined : probeBubblewrap({ network }), network);
}

/** A status from a probe result (undefined: turned off in settings). */
function describe(availability: Availability | undefined, network: 'allow' | 'deny'): SandboxStatus {
  if (!availability) return { state: 'disabled', detail: 'turned off in settings (sandbox.enabled: false)', network };
  return availability.available
    ? { state: 'active', detail: `commands run inside ${availability.bwrap}`, network }
    : { state: 'unavailable', detail: availability.reason, network };
}

/** Ends every sandbox of this process (their private /tmp folders). */
export async function shutdownBashSandboxes(): Promise<void> {
  await Promise.all([...live].map((sandbox) => sandbox.shutdown()));
}

/**
 * The user config dir as src/config resolves it ($WREN_CONFIG_DIR, else
 * ~/.wren), from the real process environment only, so nothing a project sets
 * can move it. Repeated here because tools do not import the config subsystem
 * (which imports tools); the runtime passes the resolved one in `configDir`.
 */
function defaultConfigDir(): string {
  const fromEnv = process.env['WREN_CONFIG_DIR'];
  if (fromEnv && fromEnv.trim() !== '') return resolve(fromEnv);
  return join(homedir(), '.wren');
}

/**
 * The ssh-agent socket, when it lives in /tmp (which the sandbox replaces) and
 * the network is allowed: `git push` over SSH needs it. A socket can be
 * connected to through a read-only mount; the agent's folder stays out of reach.
 */
function agentSocket(env: Readonly<Record<string, string>>, network: 'allow' | 'deny'): string[] {
  const socket = env['SSH_AUTH_SOCK'];
  if (network !== 'allow' || !socket || !socket.startsWith('/tmp/')) return [];
  try {
    return statSync(socket).isSocket() ? [socket] : [];
  } catch {
    return [];
  }
}

/** `~`, `~/x`, relative (to the project root) and absolute paths, made absolute. */
function expandPath(path: string, projectRoot: string): string {
  if (path === '~' || path.startsWith('~/')) return join(homedir(), path.slice(2));
  return isAbsolute(path) ? path : resolve(projectRoot, path);
}

/** Real paths of the entries that exist (folders, or files for allowWrite), without duplicates. */
function existingRealPaths(paths: readonly string[]): string[] {
  const out = new Set<string>();
  for (const path of paths) {
    try {
      statSync(path);
      out.add(realpathSync(path));
    } catch {
      // A folder that is gone cannot be written anyway.
    }
  }
  return [...out];
}

