import type { PermissionDecision } from './decision.ts';
import { decideBashCommand, isReadOnlyCommandAsync, type BashRead } from './bash/index.ts';

export type { BashRead };

/** The specifiers inside `Bash(...)` rules, by list, from every source. */
export interface BashRuleSpecifiers {
  readonly allow: readonly string[];
  readonly ask: readonly string[];
  readonly deny: readonly string[];
}

/** What the engine lends the analyser for one decision. */
export interface BashDecisionHelpers {
  /** The engine's verdict on a file a redirection writes (Edit rules, containment, protected files). */
  readonly checkWrite?: (path: string) => Promise<PermissionDecision>;
  /**
   * The engine's verdict on what a read-only command reads (Read rules, containment,
   * secret-bearing files): `cat ~/.ssh/id_rsa` is read-only, and still a read.
   */
  readonly checkRead?: (read: BashRead) => Promise<PermissionDecision>;
}

/**
 * What the engine needs from the Bash command analyser (src/permissions/bash/).
 * `decideBashCommand` is the authority on a command under the given
 * specifiers: deny if any part matches a deny specifier, ask if any part
 * matches an ask specifier or cannot be understood, allow only when every
 * simple command is allowed. The engine passes `*` in `allow` when the whole
 * tool is granted (a bare `Bash` allow rule, bypassPermissions): a lone `*`
 * word matches every command the analyser understands.
 */
export interface BashAnalyser {
  decideBashCommand(command: string, rules: BashRuleSpecifiers, helpers?: BashDecisionHelpers): Promise<PermissionDecision>;
  /** True only when the whole command provably changes nothing (plan mode's test). */
  isReadOnlyCommand(command: string): boolean | Promise<boolean>;
}

/** The real analyser (tree-sitter-bash), as the engine uses it unless a test injects another. */
export function shellBashAnalyser(): BashAnalyser {
  return {
    decideBashCommand: (command, rules, helpers) => decideBashCommand(command, rules, {
      ...(helpers?.checkWrite ? { checkWrite: helpers.checkWrite } : {}),
      ...(helpers?.checkRead ? { checkRead: helpers.checkRead } : {}),
    }),
    isReadOnlyCommand: (command) => isReadOnlyCommandAsync(command),
  };
}

/** The command a Bash tool input carries, or undefined. */
export function commandOf(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const command = (input as Record<string, unknown>)['command'];
  return typeof command === 'string' ? command : undefined;
}
