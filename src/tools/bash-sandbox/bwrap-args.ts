import { BASE_MOUNT_ARGS, ISOLATION_ARGS, NO_NETWORK_ARGS, SYSTEM_MOUNT_ARGS } from './probe.ts';

/** Everything one sandboxed command's bwrap command line is built from. */
export interface SandboxPlan {
  /** The folders the command may write (real paths that exist). */
  readonly writable: readonly string[];
  /** Paths mounted read-only over all that: the protected paths (placeholders included), the ssh-agent socket. */
  readonly readOnly: readonly string[];
  /** A host folder mounted at /tmp: the session's private /tmp. */
  readonly privateTmp: string;
  /** A host file the command must be able to write (the Bash tool's working-directory trailer). */
  readonly writableFiles: readonly string[];
  readonly network: 'allow' | 'deny';
  /** Variables set inside (over the inherited environment). */
  readonly setEnv: Readonly<Record<string, string>>;
  /** Where the command starts. */
  readonly cwd: string;
  /** The program and its arguments, as they would run unsandboxed. */
  readonly command: readonly string[];
}

/**
 * bwrap's arguments for one command. Order matters, later mounts cover
 * earlier ones: the read-only world, then the private /tmp, then the writable
 * folders (outer before inner, so a folder inside /tmp lands on the private
 * one), then the protected paths over them (protection always wins), then
 * /dev and /proc, then the trailer file, which may live in the covered /tmp.
 */
export function bwrapArgs(plan: SandboxPlan): string[] {
  const byDepth = (paths: readonly string[]): string[] => [...new Set(paths)].sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));
  const args: string[] = [...ISOLATION_ARGS, ...(plan.network === 'deny' ? NO_NETWORK_ARGS : []), ...BASE_MOUNT_ARGS];
  args.push('--bind', plan.privateTmp, '/tmp');
  for (const dir of byDepth(plan.writable)) args.push('--bind', dir, dir);
  for (const path of byDepth(plan.readOnly)) args.push('--ro-bind', path, path);
  args.push(...SYSTEM_MOUNT_ARGS);
  for (const file of plan.writableFiles) args.push('--bind', file, file);
  for (const [name, value] of Object.entries(plan.setEnv)) args.push('--setenv', name, value);
  args.push('--chdir', plan.cwd, '--', ...plan.command);
  return args;
}

function depth(path: string): number {
  return path.split('/').filter(Boolean).length;
}
