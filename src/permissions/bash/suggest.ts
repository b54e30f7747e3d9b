import { shellQuote } from './quote.ts';
import type { AnalysedCommand, Word } from './types.ts';
import { commandName } from './wrappers.ts';

/** Programs whose first argument names a subcommand (`git status`, `npm test`). */
const SUBCOMMAND_TOOLS = new Set(['git', 'npm', 'pnpm', 'yarn', 'bun', 'deno', 'cargo', 'go', 'docker', 'kubectl', 'make', 'pip',
  'pip3', 'poetry', 'uv', 'gh', 'brew', 'apt', 'apt-get', 'dotnet', 'mvn', 'gradle', 'terraform', 'helm', 'rustup', 'nx', 'turbo',
  'composer', 'bundle', 'rake', 'mix', 'swift', 'just', 'task', 'podman', 'systemctl', 'npx']);

/** Script runners whose second argument names the script (`npm run build`). */
const RUN_SCRIPT = new Set(['npm', 'pnpm', 'yarn', 'bun']);

/** Programs for which a prefix rule would allow far more than the user meant: suggest the exact command. */
const EXACT_ONLY = new Set(['rm', 'dd', 'mv', 'cp', 'chmod', 'chown', 'kill', 'pkill', 'killall', 'python', 'python3', 'node',
  'perl', 'ruby', 'bash', 'sh', 'zsh', 'dash', 'eval', 'sudo', 'doas', 'su', 'ssh', 'scp', 'curl', 'wget', 'awk', 'gawk', 'xargs',
  'env', 'exec', 'source', '.', 'find', 'sed', 'tee', 'truncate', 'shred', 'mkfs', 'reboot', 'shutdown']);

const literal = (w: Word | undefined): string | undefined => (w?.kind === 'literal' ? w.value : undefined);

/** The words a prefix rule should name for this argv (`npm run build`), or undefined. */
export function commandPrefix(argv: readonly Word[]): string[] | undefined {
  const name = literal(argv[0]);
  if (name === undefined) return undefined;
  const words = [name];
  const base = commandName(argv[0])!;
  const sub = literal(argv[1]);
  if (SUBCOMMAND_TOOLS.has(base) && sub !== undefined && /^[A-Za-z][\w:.-]*$/.test(sub)) {
    words.push(sub);
    const script = literal(argv[2]);
    if (RUN_SCRIPT.has(base) && sub === 'run' && script !== undefined && /^[\w:.-]+$/.test(script)) words.push(script);
  }
  return words;
}

/**
 * The rule specifier to offer for "allow always": a prefix (`npm test:*`) where that is
 * a sensible grant, the exact command otherwise, undefined when no rule could allow it.
 */
export function suggestRule(command: AnalysedCommand): string | undefined {
  const view = command.views[0]!;
  const firstOpaque = command.views.findIndex((v) => !v.transparent);
  // Through transparent wrappers the inner command alone is enough (`timeout 9 npm test` -> `npm test:*`).
  const argv = firstOpaque === -1 ? command.inner : view.argv;
  const innerIndex = firstOpaque === -1 ? 0 : view.innerIndex;
  if (argv.some((w, i) => i <= innerIndex && w.kind !== 'literal')) return undefined;
  const name = commandName(command.inner[0]);
  if (command.hazards.length > 0 || (name !== undefined && EXACT_ONLY.has(name))) {
    if (argv.some((w) => w.kind !== 'literal')) return undefined;
    return argv.map((w) => shellQuote(w.value!)).join(' ');
  }
  const prefix = commandPrefix(argv.slice(innerIndex));
  if (!prefix) return undefined;
  const head = argv.slice(0, innerIndex).map((w) => shellQuote(w.value!));
  return `${[...head, ...prefix.map(shellQuote)].join(' ')}:*`;
}
