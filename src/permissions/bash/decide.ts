import type { PermissionDecision } from '../decision.ts';
import { analyseBashCommand, type AnalyseOptions } from './analyse.ts';
import { formatRule, matchRule, parseBashRule, type BashRule } from './rules.ts';
import { suggestRule } from './suggest.ts';
import type { AnalysedCommand, Analysis, FileRead, Word } from './types.ts';
import { clip } from './words.ts';
import { failClosed } from './fail-closed.ts';

/** The `Bash(...)` specifiers of each list, as written in settings. */
export interface BashRules {
  readonly allow: readonly string[];
  readonly ask: readonly string[];
  readonly deny: readonly string[];
}

/** Options for one decision. */
export interface BashDecisionOptions extends AnalyseOptions {
  /**
   * Allow commands of the built-in read-only list (`ls`, `git status`, `grep`...) without a
   * rule. Plan mode and the default mode want this; a caller that wants rules only turns it off.
   * @default true
   */
  readonly readOnlyAutoAllow?: boolean;
  /**
   * Decides a redirection that writes to a literal path (`> out.txt`), e.g. with the engine's
   * Edit rules and path containment. Without it, every write to a file asks.
   */
  readonly checkWrite?: (path: string) => PermissionDecision | Promise<PermissionDecision>;
  /**
   * Decides what a read-only command reads (`cat x`, `grep -r p dir`, `cd dir`, `< file`), e.g.
   * with the engine's Read rules and the working directories. A deny denies the command; any
   * other answer than allow makes a command that would be allowed ask. Without it, reads are
   * not checked (the analyser alone knows no working directory).
   */
  readonly checkRead?: (read: BashRead) => PermissionDecision | Promise<PermissionDecision>;
}

/** One thing a command reads, as the engine is asked about it. */
export interface BashRead {
  /** The literal path or glob pattern; undefined when it is computed at run time (or relative after a cd). */
  readonly path: string | undefined;
  /** `path` is an unquoted glob the shell expands (`src/*.ts`). */
  readonly glob: boolean;
  /** Everything below it is read (`grep -r`, `find`, `rg`, `ls -R`). */
  readonly recursive: boolean;
  /** The command moves there (`cd`). */
  readonly changesDirectory: boolean;
  /** The command names no path: it reads its cwd. */
  readonly implicit: boolean;
  /** The word as written, for messages. */
  readonly text: string;
}

const SOURCE = 'bash command analyser';

const ask = (reason: string, source = SOURCE): PermissionDecision => ({ behavior: 'ask', reason, source });

const WHERE: Record<AnalysedCommand['origin'], string> = {
  top: '',
  substitution: ' (inside a command or process substitution)',
  'shell-string': ' (inside a string run by a shell, eval or trap)',
  'find-exec': ' (run by find -exec)',
  heredoc: ' (inside a here-document)',
};

const describe = (c: AnalysedCommand): string => `'${clip(c.text)}'${WHERE[c.origin]}`;

/**
 * Decides whether a Bash command line may run: `deny` when any command in it (wherever
 * it hides: substitutions, wrappers, `bash -c`, `eval`, `find -exec`) matches a deny rule;
 * `allow` only when every command in it is allowed by a rule or is read-only and nothing
 * unsafe is present (writes by redirection, `eval`, `VAR=x cmd`, expansion tricks,
 * unparseable syntax); `ask` otherwise, with a reason naming the command and the rule.
 * Never throws: a parser failure or timeout is an `ask`.
 */
export async function decideBashCommand(command: string, rules: BashRules, options: BashDecisionOptions = {}): Promise<PermissionDecision> {
  let analysis: Analysis;
  try {
    analysis = await analyseBashCommand(command, options);
  } catch (error) {
    return failClosed(command, rules.deny, error);
  }
  try {
    return await decide(analysis, rules, options);
  } catch (error) {
    return failClosed(command, rules.deny, error);
  }
}

/** Decides from a finished analysis (exported for callers that analysed already). */
export async function decide(analysis: Analysis, rules: BashRules, options: BashDecisionOptions = {}): Promise<PermissionDecision> {
  const deny = rules.deny.map(parseBashRule);
  const askRules = rules.ask.map(parseBashRule);
  const allow = rules.allow.map(parseBashRule);
  const whole = analysis.source.trim();

  // 1. Deny beats everything, wherever the command hides.
  const denied = findRule(analysis, deny);
  if (denied?.result === 'yes') {
    return { behavior: 'deny', reason: `${denied.where} matches deny rule ${formatRule(denied.rule.spec)}`, source: formatRule(denied.rule.spec) };
  }
  const writeDecisions = await checkWrites(analysis, options);
  const deniedWrite = writeDecisions.find((d) => d.decision?.behavior === 'deny');
  if (deniedWrite?.decision) {
    return { ...deniedWrite.decision, reason: `the redirection '${clip(deniedWrite.text)}' writes a file: ${deniedWrite.decision.reason}` };
  }
  const readDecisions = await checkReads(analysis, options);
  const deniedRead = readDecisions.find((r) => r.decision.behavior === 'deny');
  if (deniedRead) return { ...deniedRead.decision, reason: `${readerOf(analysis, deniedRead.read)} reads '${clip(deniedRead.read.target.text)}': ${deniedRead.decision.reason}` };
  if (denied) {
    return ask(`${denied.where} could match deny rule ${formatRule(denied.rule.spec)} depending on values only known when it runs`, formatRule(denied.rule.spec));
  }
  // 2. Ask rules beat allow rules.
  const asked = findRule(analysis, askRules);
  if (asked) return ask(`${asked.where} matches ask rule ${formatRule(asked.rule.spec)}`, formatRule(asked.rule.spec));

  // 3. A rule naming this whole command line, character for character.
  const wholeRule = allow.find((r) => r.kind === 'text' && r.text === whole);
  if (wholeRule) return { behavior: 'allow', reason: `the command matches allow rule ${formatRule(wholeRule.spec)}`, source: formatRule(wholeRule.spec) };

  // 4. Constructs no rule can allow.
  const problem = analysis.problems[0];
  if (problem) {
    return ask(`${problem.command ? `'${clip(problem.command)}': ` : ''}${problem.message}; it needs your approval`);
  }
  for (const w of writeDecisions) {
    if (w.decision?.behavior === 'allow') continue;
    const why = w.decision ? w.decision.reason : w.target.kind === 'literal' ? `writes to '${w.target.value}'` : 'writes to a file named at run time';
    return ask(`the redirection '${clip(w.text)}' ${w.decision ? `writes a file: ${why}` : why}`);
  }
  const shellRead = readDecisions.find((r) => r.read.command === undefined && r.decision.behavior !== 'allow');
  if (shellRead) return ask(`the redirection reads '${clip(shellRead.read.target.text)}': ${shellRead.decision.reason}`);

  // 5. Every command must be allowed on its own.
  const readOnly = options.readOnlyAutoAllow ?? true;
  const exactly = new Set<number>();
  const granted: string[] = [];
  for (let i = 0; i < analysis.commands.length; i++) {
    const c = analysis.commands[i]!;
    if (c.parent !== undefined && exactly.has(c.parent)) {
      exactly.add(i);
      continue;
    }
    const unread = readDecisions.find((r) => r.read.command === i && r.decision.behavior !== 'allow');
    const refuseRead = (how: string): PermissionDecision =>
      ask(`${describe(c)} ${how}, but it reads '${clip(unread!.read.target.text)}': ${unread!.decision.reason}`, unread!.decision.source ?? SOURCE);
    const exact = allow.find((r) => (isExact(r) || isEverything(r)) && matchRule(r, c.views[0]!.argv).result === 'yes');
    if (exact) {
      if (unread) return refuseRead(`is allowed by ${formatRule(exact.spec)}`);
      exactly.add(i);
      granted.push(`${describe(c)} by ${formatRule(exact.spec)}`);
      continue;
    }
    if (c.selfTransparent) continue;
    if (c.hazards.length > 0) {
      return ask(`${describe(c)}: ${c.hazards[0]}; only an exact rule for the whole command can allow this`);
    }
    const rule = allowingRule(c, allow);
    if (rule) {
      if (unread) return refuseRead(`is allowed by ${formatRule(rule.spec)}`);
      granted.push(`${describe(c)} by ${formatRule(rule.spec)}`);
      continue;
    }
    if (readOnly && c.notReadOnly === undefined) {
      if (unread) return refuseRead('is read-only');
      granted.push(`${describe(c)} as read-only`);
      continue;
    }
    const suggestion = suggestRule(c);
    const notReadOnly = c.readOnlyListed && c.notReadOnly ? ` and is not read-only (${c.notReadOnly})` : '';
    return ask(`${describe(c)} is not allowed by any Bash rule${notReadOnly}${suggestion ? `; to allow it, add ${formatRule(suggestion)}` : ''}`);
  }
  return { behavior: 'allow', reason: `every command is allowed: ${granted.join(', ') || 'nothing runs'}`, source: SOURCE };
}

/** `Bash(*)`: every command, so also whatever a command runs out of sight. */
function isEverything(rule: BashRule): boolean {
  return rule.kind === 'pattern' && rule.tokens.length === 1 && rule.tokens[0]!.any;
}

function isExact(rule: BashRule): boolean {
  return rule.kind === 'pattern' && rule.tokens.every((t) => !t.any && t.regex === undefined);
}

/** A prefix or wildcard rule that names the command that really runs, through transparent wrappers. */
function allowingRule(c: AnalysedCommand, allow: readonly BashRule[]): BashRule | undefined {
  for (const view of c.views) {
    if (!view.transparent) continue;
    for (const rule of allow) {
      const m = matchRule(rule, view.argv);
      if (m.result === 'yes' && m.consumed > view.innerIndex) return rule;
    }
  }
  return undefined;
}

interface RuleHit {
  readonly rule: BashRule;
  readonly where: string;
  readonly result: 'yes' | 'maybe';
}

/** The first deny/ask rule that matches any command (yes before maybe), on every view. */
function findRule(analysis: Analysis, rules: readonly BashRule[]): RuleHit | undefined {
  if (rules.length === 0) return undefined;
  const whole = analysis.source.trim();
  let maybe: RuleHit | undefined;
  for (const rule of rules) {
    if (rule.kind === 'text' && (rule.text === whole || analysis.commands.some((c) => c.text.trim() === rule.text))) {
      return { rule, where: 'the command', result: 'yes' };
    }
    // A malformed deny/ask rule still says which program it is about: fail closed on it.
    const head = rule.kind === 'invalid' ? rule.spec.trim().split(/\s+/)[0]!.replace(/:\*$/, '').replace(/['"\\]/g, '') : '';
    const named = head && analysis.commands.find((c) => c.views.some((v) => v.argv[0]?.kind === 'literal' &&
      v.argv[0].value!.slice(v.argv[0].value!.lastIndexOf('/') + 1) === head));
    if (named) maybe ??= { rule, where: `${describe(named)} (the rule is malformed: ${rule.error})`, result: 'maybe' };
  }
  for (const c of analysis.commands) {
    for (const argv of candidates(c)) {
      for (const rule of rules) {
        const m = matchRule(rule, argv);
        if (m.result === 'yes') return { rule, where: describe(c), result: 'yes' };
        if (m.result === 'maybe') maybe ??= { rule, where: describe(c), result: 'maybe' };
      }
    }
  }
  return maybe;
}

/**
 * Every argv a deny rule is tried on: each wrapper view, the same with the command's path
 * removed (`/bin/rm` is `rm`) and lowercased (`RM` runs rm on a case-insensitive file
 * system), and every suffix after a wrapper that could not be seen through.
 */
function candidates(c: AnalysedCommand): (readonly Word[])[] {
  const out: (readonly Word[])[] = [];
  const withBase = (argv: readonly Word[]) => {
    out.push(argv);
    const name = argv[0];
    if (name?.kind !== 'literal') return;
    const base = name.value!.slice(name.value!.lastIndexOf('/') + 1).toLowerCase();
    if (base !== name.value) out.push([{ kind: 'literal', value: base, text: base }, ...argv.slice(1)]);
  };
  for (const view of c.views) withBase(view.argv);
  if (c.opaqueTail) for (let i = 0; i < c.opaqueTail.length; i++) withBase(c.opaqueTail.slice(i));
  return out;
}

interface WriteCheck {
  readonly text: string;
  readonly target: Word;
  readonly decision: PermissionDecision | undefined;
}

interface ReadCheck {
  readonly read: FileRead;
  readonly decision: PermissionDecision;
}

/** Asks the engine about every read (none without a `checkRead`). */
async function checkReads(analysis: Analysis, options: BashDecisionOptions): Promise<ReadCheck[]> {
  const out: ReadCheck[] = [];
  if (!options.checkRead) return out;
  for (const read of analysis.reads) {
    const t = read.target;
    const request: BashRead = {
      path: t.kind === 'dynamic' ? undefined : t.value,
      glob: t.kind === 'glob',
      recursive: read.recursive,
      changesDirectory: read.changesDirectory,
      implicit: read.implicit,
      text: t.text,
    };
    out.push({ read, decision: await options.checkRead(request) });
  }
  return out;
}

function readerOf(analysis: Analysis, read: FileRead): string {
  const c = read.command === undefined ? undefined : analysis.commands[read.command];
  return c ? describe(c) : 'a redirection';
}

async function checkWrites(analysis: Analysis, options: BashDecisionOptions): Promise<WriteCheck[]> {
  const out: WriteCheck[] = [];
  for (const w of analysis.writes) {
    const decision = w.target.kind === 'literal' && options.checkWrite ? await options.checkWrite(w.target.value!) : undefined;
    out.push({ text: w.text, target: w.target, decision });
  }
  return out;
}
