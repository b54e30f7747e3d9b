import { resolveConfigDir } from './paths.ts';
import { trustStatus } from './trust-store.ts';

/** How the session decides trust at start-up. */
export interface WorkspaceTrustOptions {
  readonly cwd: string;
  /** @default resolveConfigDir() */
  readonly configDir?: string;
  /** A non-interactive run (`-p`): it never shows a dialog and never trusts by itself. */
  readonly headless: boolean;
  /** `--trust`: trust this folder for this run only (not stored). */
  readonly trustFlag?: boolean;
}

export interface WorkspaceTrust {
  readonly trusted: boolean;
  /** stored: the trust store says so; flag: `--trust` for this run; none: untrusted. */
  readonly via: 'stored' | 'flag' | 'none';
  /** Interactive and untrusted: show the trust dialog (describeTrustEffects) before loading project settings. */
  readonly needsDialog: boolean;
  /** Headless and untrusted: print this on stderr. */
  readonly notice?: string;
}

/**
 * Trust at start-up. Headless mode never trusts a folder on its own, so a pull
 * request's settings, hooks and `.env` do not run in CI: untrusted, it runs
 * with user settings only and says so on stderr, unless `--trust` is given.
 */
export function resolveWorkspaceTrust(options: WorkspaceTrustOptions): WorkspaceTrust {
  const status = trustStatus(options.cwd, { configDir: options.configDir ?? resolveConfigDir() });
  if (status.trusted) return { trusted: true, via: 'stored', needsDialog: false };
  if (options.trustFlag) return { trusted: true, via: 'flag', needsDialog: false };
  if (!options.headless) return { trusted: false, via: 'none', needsDialog: true };
  const folder = status.folder ?? options.cwd;
  return {
    trusted: false,
    via: 'none',
    needsDialog: false,
    notice:
      `wren: ${folder} is not a trusted folder: running with user settings only ` +
      '(project settings, hooks, MCP servers, status line, .env and instruction files are ignored). ' +
      'Trust it from an interactive session, or pass --trust for this run.',
  };
}
