import { basename, dirname, sep } from 'node:path';
import type { PathCandidates } from './path-rules.ts';
import { canonicalDir, isInside } from './real-path.ts';

/** Where Wren's own configuration lives, so writes to it can be held for a human. */
export interface ProtectedLocations {
  /** The user config dir ($WREN_CONFIG_DIR, default ~/.wren): user settings, trust store. */
  readonly configDir: string;
  /** The managed settings file; its folder is protected too. */
  readonly managedSettingsPath?: string;
}

/**
 * Files (by lowercase name, at any depth) that make a program run code or change where
 * secrets go the next time something starts: Wren loads `.env` (ANTHROPIC_BASE_URL
 * there sends the key elsewhere), direnv runs `.envrc`, npm/yarn/pnpm run what their rc
 * files and plugins say, git runs filters named in `.gitattributes` and fetches what
 * `.gitmodules` names, and agent instruction files steer every later session.
 */
const PROTECTED_NAMES: Readonly<Record<string, string>> = {
  '.mcp.json': 'declares MCP servers (.mcp.json)',
  '.envrc': 'is run by direnv when the folder is entered (.envrc)',
  '.npmrc': 'configures npm, which runs what it names (.npmrc)',
  '.yarnrc': 'configures yarn (.yarnrc)',
  '.yarnrc.yml': 'configures yarn, whose plugins run code (.yarnrc.yml)',
  '.pnpmfile.cjs': 'is run by pnpm on install (.pnpmfile.cjs)',
  '.gitattributes': 'names git filters and diff drivers that run programs (.gitattributes)',
  '.gitmodules': 'names the submodules git fetches (.gitmodules)',
  'agents.md': 'instructs every later agent session (AGENTS.md)',
  'wren.md': "instructs every later Wren session (WREN.md)",
};

/** Files inside `.vscode/` that run tasks or set the editor's programs. */
const VSCODE_FILES = new Set(['settings.json', 'tasks.json', 'launch.json']);

/** Why this one candidate path is protected, or undefined. `lower` is lowercased. */
function fileReason(candidate: string, lower: string): string | undefined {
  const parts = lower.split(sep);
  const name = basename(lower);
  if (parts.includes('.wren')) return `${candidate} is Wren configuration (a .wren folder)`;
  // The whole repository folder: config (core.fsmonitor, core.pager run programs), hooks, info/attributes.
  // A `.git` file (worktrees, submodules) says where that folder is.
  if (parts.includes('.git')) return `${candidate} is inside a .git folder, whose config and hooks run programs`;
  if (name === '.env' || name.startsWith('.env.')) return `${candidate} is loaded into the environment (.env), where it can redirect the API key`;
  if (Object.hasOwn(PROTECTED_NAMES, name)) return `${candidate} ${PROTECTED_NAMES[name]}`;
  if (basename(dirname(lower)) === '.vscode' && VSCODE_FILES.has(name)) return `${candidate} configures the editor's tasks and programs (.vscode/${name})`;
  return undefined;
}

/**
 * Why a write to this path must always ask, or undefined. Settings decide what
 * runs next time (hooks, MCP servers, status line, modes), so an agent that can
 * write them can give itself any permission: a peer's sandbox let the agent
 * create a missing settings file and plant a hook (SECURITY.md). Covered: any
 * `.wren/` folder, any `.git/` folder (or `.git` file), the files of PROTECTED_NAMES
 * and `.env`/`.env.*` at any depth, `.vscode/` settings, tasks and launch files, the
 * user config dir, the managed settings folder. Both the real and the lexical path
 * are checked, case-insensitively. The engine applies this in every mode, bypass included.
 */
export function protectedWriteReason(path: PathCandidates, where: ProtectedLocations): string | undefined {
  const configDirs = new Set([where.configDir, canonicalDir(where.configDir)]);
  const managedDirs = where.managedSettingsPath
    ? new Set([dirname(where.managedSettingsPath), canonicalDir(dirname(where.managedSettingsPath))])
    : new Set<string>();
  for (const candidate of new Set([path.real, path.lexical])) {
    const why = fileReason(candidate, candidate.toLowerCase());
    if (why) return why;
    for (const dir of configDirs) if (isInside(candidate, dir, true)) return `${candidate} is in the user config dir`;
    for (const dir of managedDirs) if (isInside(candidate, dir, true)) return `${candidate} is in the managed settings folder`;
  }
  return undefined;
}

/** `/proc/<pid>/environ` (and a thread's): another process's environment, API keys included. */
const PROC_ENVIRON = /^\/proc\/[^/]+\/(task\/[^/]+\/)?environ$/;
/** bash opens a network connection for `/dev/tcp/host/port` and `/dev/udp/host/port`. */
const DEV_NET = /^\/dev\/(tcp|udp)(\/|$)/;

/**
 * Why reading this path must always ask, or undefined: it holds the environment of a
 * process (Wren's own holds the API key) or it is a network socket, not a file.
 */
export function protectedReadReason(path: PathCandidates): string | undefined {
  for (const candidate of new Set([path.real, path.lexical])) {
    if (PROC_ENVIRON.test(candidate)) return `${candidate} is a process's environment, which holds secrets such as API keys`;
    if (DEV_NET.test(candidate)) return `${candidate} opens a network connection`;
  }
  return undefined;
}
