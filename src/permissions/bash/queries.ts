import { analyseBashCommand, analyseWith, type AnalyseOptions } from './analyse.ts';
import { decide, type BashRules } from './decide.ts';
import { loadedShellParser, loadShellParser } from './parser.ts';
import { commandPrefix, suggestRule } from './suggest.ts';
import type { Analysis, CommandOrigin } from './types.ts';

/** One simple command of a command line, for the UI. */
export interface BashCommandSummary {
  /** The command as written. */
  readonly text: string;
  readonly origin: CommandOrigin;
  /** The argv that really runs (after wrappers); null for words computed at run time. */
  readonly argv: readonly (string | null)[];
  /** The words a prefix rule would name (`['npm', 'test']`), when they are known. */
  readonly prefix: readonly string[] | undefined;
  /** The specifier to offer for "allow always" (`npm test:*`), when a rule could allow it. */
  readonly suggestedRule: string | undefined;
  readonly readOnly: boolean;
}

/** Loads the shell parser now (it is otherwise loaded on the first analysis). */
export async function prepareBashAnalyser(): Promise<void> {
  await loadShellParser();
}

/** Every simple command of `command`, wrappers seen through. Throws BashParseError. */
export async function listBashCommands(command: string, options: AnalyseOptions = {}): Promise<BashCommandSummary[]> {
  const analysis = await analyseBashCommand(command, options);
  return analysis.commands.map((c) => ({
    text: c.text,
    origin: c.origin,
    argv: c.inner.map((w) => (w.kind === 'literal' ? w.value! : null)),
    prefix: c.selfTransparent ? undefined : commandPrefix(c.inner),
    suggestedRule: c.selfTransparent ? undefined : suggestRule(c),
    readOnly: c.notReadOnly === undefined,
  }));
}

/**
 * The specifiers to offer for "allow always" so that `command` would be allowed next
 * time: one per command that the rules (and the read-only list) do not allow yet.
 * Empty when no rule could allow it (eval, writes, unparseable syntax).
 */
export async function suggestBashRules(command: string, rules: BashRules = { allow: [], ask: [], deny: [] },
  options: AnalyseOptions = {}): Promise<string[]> {
  let analysis: Analysis;
  try {
    analysis = await analyseBashCommand(command, options);
  } catch {
    return [];
  }
  if (analysis.problems.length > 0 || analysis.writes.length > 0) return [];
  const out: string[] = [];
  const allow = [...rules.allow];
  for (const c of analysis.commands) {
    if (c.selfTransparent) continue;
    const single: Analysis = { ...analysis, commands: [{ ...c, parent: undefined }] };
    const decision = await decide(single, { ...rules, allow });
    if (decision.behavior === 'allow') continue;
    const rule = suggestRule(c);
    if (rule === undefined) return [];
    if (!out.includes(rule)) out.push(rule);
    allow.push(rule);
  }
  return out;
}

/** True when nothing in `analysis` writes, runs hidden code or falls outside the read-only list. */
function readOnly(analysis: Analysis): boolean {
  return analysis.problems.length === 0 && analysis.writes.length === 0 &&
    analysis.commands.every((c) => c.hazards.length === 0 && (c.selfTransparent || c.notReadOnly === undefined));
}

/**
 * Whether `command` only reads (for the Bash tool's `isReadOnly`). Synchronous, so it
 * answers false until the parser is loaded (`prepareBashAnalyser`, or any decision).
 */
export function isReadOnlyCommand(command: string, options: AnalyseOptions = {}): boolean {
  const parser = loadedShellParser();
  if (!parser) return false;
  try {
    return readOnly(analyseWith(parser, command, options));
  } catch {
    return false;
  }
}

/** Whether `command` only reads, loading the parser if needed. */
export async function isReadOnlyCommandAsync(command: string, options: AnalyseOptions = {}): Promise<boolean> {
  try {
    return readOnly(await analyseBashCommand(command, options));
  } catch {
    return false;
  }
}
