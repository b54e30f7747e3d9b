import type { BashAnalyser, BashRuleSpecifiers, PermissionDecision } from '../../src/permissions/index.ts';

/*
 * A deliberately small stand-in for src/permissions/bash (built separately),
 * with the same contract: deny if any part matches a deny specifier, ask if
 * any part matches an ask specifier or is not understood, allow when every
 * part is allowed; `*` in allow matches every understood command. It lets the
 * engine's own wiring be tested (which lists reach the analyser, how its
 * verdict combines with modes and other sources) without the real parser.
 */
const NOT_UNDERSTOOD = /\$\(|`|<\(|>\(|\beval\b/;
const READ_ONLY = new Set(['ls', 'cat', 'pwd', 'echo', 'git status', 'git diff', 'grep', 'head']);

function parts(command: string): string[] {
  return command.split(/&&|\|\||;|\||\n/).map((p) => p.trim()).filter((p) => p !== '');
}

function matches(part: string, specifier: string): boolean {
  if (specifier === '*') return true;
  if (specifier.endsWith(':*')) {
    const prefix = specifier.slice(0, -2);
    return part === prefix || part.startsWith(`${prefix} `);
  }
  return part === specifier;
}

export function fakeBashAnalyser(): BashAnalyser & { calls: { command: string; rules: BashRuleSpecifiers }[] } {
  const calls: { command: string; rules: BashRuleSpecifiers }[] = [];
  return {
    calls,
    async decideBashCommand(command, rules): Promise<PermissionDecision> {
      calls.push({ command, rules: { allow: [...rules.allow], ask: [...rules.ask], deny: [...rules.deny] } });
      const list = parts(command);
      const denied = list.find((p) => rules.deny.some((s) => matches(p, s)));
      if (denied) return { behavior: 'deny', reason: `"${denied}" matches a deny rule`, source: 'bash' };
      if (NOT_UNDERSTOOD.test(command)) return { behavior: 'ask', reason: 'not understood', source: 'bash' };
      const asked = list.find((p) => rules.ask.some((s) => matches(p, s)));
      if (asked) return { behavior: 'ask', reason: `"${asked}" matches an ask rule`, source: 'bash' };
      if (list.length > 0 && list.every((p) => rules.allow.some((s) => matches(p, s)))) return { behavior: 'allow', reason: 'allowed', source: 'bash' };
      return { behavior: 'ask', reason: 'no rule allows it', source: 'bash' };
    },
    isReadOnlyCommand(command) {
      if (NOT_UNDERSTOOD.test(command) || command.includes('>')) return false;
      return parts(command).every((p) => [...READ_ONLY].some((c) => p === c || p.startsWith(`${c} `)));
    },
  };
}
