import type { PermissionDecision } from '../decision.ts';

const SOURCE = 'bash command analyser';

/**
 * The program a deny specifier is about (`rm` for `rm -rf:*`), as a pattern over raw
 * text, or undefined when it names none. A leading wildcard word (`* --force`) names
 * every program.
 */
function programPattern(spec: string): RegExp | undefined {
  const body = spec.trim().replace(/:\*$/, '').trim();
  const first = body.split(/\s+/)[0]?.replace(/['"\\]/g, '');
  if (!first) return undefined;
  if (first === '*') return /[\s\S]/;
  const source = first.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^\\s;&|<>()]*');
  // A whole word: not part of a longer name (`farm` is not `rm`); a path before it is fine (`/bin/rm`).
  return new RegExp(`(?<![A-Za-z0-9_.+-])${source}(?![A-Za-z0-9_.+-])`, 'i');
}

/**
 * The decision when a command could not be analysed (a parser failure, a timeout, an
 * analyser bug such as a stack overflow on a huge word): a deny rule must not turn into
 * an ask because the analyser gave up. So: deny when the program any deny rule names
 * appears as a whole word anywhere in the raw command (also with quotes and backslashes
 * removed: `r""m` runs rm), else ask.
 */
export function failClosed(command: string, deny: readonly string[], error: unknown): PermissionDecision {
  const why = error instanceof Error ? error.message : String(error);
  const unquoted = command.replace(/['"\\]/g, '');
  for (const spec of deny) {
    const pattern = programPattern(spec);
    if (pattern && (pattern.test(command) || pattern.test(unquoted))) {
      return {
        behavior: 'deny',
        reason: `the command could not be analysed (${why}) and it names the program of deny rule Bash(${spec.trim()}), so it is denied`,
        source: `Bash(${spec.trim()})`,
      };
    }
  }
  return { behavior: 'ask', reason: `the command could not be analysed (${why}), so it needs your approval`, source: SOURCE };
}
