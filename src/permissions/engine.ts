import { homedir } from 'node:os';
import { feature } from '../feature/index.ts';
import type { Tool, ToolContext } from '../tools/tool.ts';
import { commandOf, shellBashAnalyser, type BashAnalyser } from './bash-analyser.ts';
import { failClosed } from './bash/index.ts';
import { decideBashRead, decideBashWrite } from './bash-reads.ts';
import { strictest, type PermissionDecision } from './decision.ts';
import { hostOf } from './domain-rules.ts';
import { PERMISSION_MODES, permissiveness, type PermissionMode } from './modes.ts';
import { modeGrant, safeIsReadOnly, toolNameAllowed, toolsOwnView } from './engine-sources.ts';
import type { PathCandidates } from './path-rules.ts';
import { protectedReadReason, protectedWriteReason, type ProtectedLocations } from './protected-paths.ts';
import { canonicalDir, defaultCaseInsensitive, isDirectory, isInside, lexicalPath, realPathOf } from './real-path.ts';
import {
  bashSpecifiers,
  domainRuleVerdicts,
  emptyVerdicts,
  pathRuleVerdicts,
  record,
  toolRuleApplies,
  toolRuleVerdicts,
  type Verdicts,
} from './rule-decisions.ts';
import type { PermissionRule } from './rule-parse.ts';
import { suggestRule } from './suggest-rule.ts';
import { fileFamilyOf, filePathOf, reachesOutside, type FileFamily } from './tool-families.ts';

/** How to build an engine; everything but `cwd` and `protectedLocations` has a safe default. */
export interface PermissionEngineOptions {
  /** The session's working directory (canonicalised: symlinks resolved). */
  readonly cwd: string;
  /** Folders besides cwd the session may work in (settings `additionalDirectories`, `--add-dir`). */
  readonly additionalDirectories?: readonly string[];
  /** @default 'default' */
  readonly mode?: PermissionMode;
  /** Parsed rules from every source; order does not matter (deny > ask > allow). */
  readonly rules?: readonly PermissionRule[];
  /** Set when settings say `permissions.disableBypassPermissionsMode: "disable"`. @default false */
  readonly bypassDisabled?: boolean;
  /** Wren's own config files: writes to them always ask. */
  readonly protectedLocations: ProtectedLocations;
  /** The Bash command analyser. @default the tree-sitter analyser; `null`: none, every Bash call asks (fail closed) */
  readonly bash?: BashAnalyser | null;
  /** @default os.homedir() */
  readonly home?: string;
  /** Compare names without case for allow rules and containment. @default true on macOS and Windows */
  readonly caseInsensitive?: boolean;
}

/** Options for one decision. */
export interface DecideOptions {
  /** Decisions from other sources (hooks, classifiers): a deny or ask counts, an allow can never beat a veto. */
  readonly extra?: readonly PermissionDecision[];
  /**
   * The folder relative paths are resolved against: where the tool really runs.
   * @default the ToolContext's cwd (the live session cwd, moved by `cd`), else the session's root
   */
  readonly cwd?: string;
}

/** The result of a mode change: refused changes say why, with a stable code. */
export type ModeChange =
  | { readonly ok: true; readonly mode: PermissionMode }
  | { readonly ok: false; readonly code: 'BYPASS_DISABLED' | 'PLAN_MODE_UNAVAILABLE' | 'SUBAGENT_CANNOT_ESCALATE' | 'UNKNOWN_MODE'; readonly message: string };

/** What a subagent's engine is derived with; see `PermissionEngine.child`. */
export interface ChildPermissionOptions {
  /** The child's own rules (source layer "subagent"): denies and asks restrict it; allows cannot loosen the parent. */
  readonly rules?: readonly PermissionRule[];
  /** Requested mode; the child gets the stricter of this and the parent's live mode. */
  readonly mode?: PermissionMode;
  /** Tool names (or mcp__server) the child may use at all; others are denied. */
  readonly tools?: readonly string[];
}

/**
 * The one gate every tool call passes through. `decide` collects the verdicts of
 * every source (rules of every layer, the mode, path containment, the Bash
 * analyser, the tool's own checkPermissions, extra sources such as hooks) and
 * returns their strictest: deny beats ask beats allow, and nothing turns a
 * deny into an allow.
 */
export class PermissionEngine {
  #mode: PermissionMode;
  #rules: PermissionRule[];
  #dirs: string[];
  readonly #options: PermissionEngineOptions;
  readonly #parent: PermissionEngine | undefined;
  readonly #childTools: readonly string[] | undefined;
  readonly #home: string;
  readonly #ci: boolean;
  readonly #bash: BashAnalyser | null;

  constructor(options: PermissionEngineOptions, parent?: PermissionEngine, childTools?: readonly string[]) {
    this.#options = options;
    this.#parent = parent;
    this.#childTools = childTools;
    this.#home = options.home ?? homedir();
    this.#ci = options.caseInsensitive ?? defaultCaseInsensitive();
    this.#rules = [...(options.rules ?? [])];
    this.#bash = options.bash === undefined ? shellBashAnalyser() : options.bash;
    this.#dirs = [options.cwd, ...(options.additionalDirectories ?? [])].map((d) => canonicalDir(d, options.cwd, this.#home));
    this.#mode = 'default';
    const initial = this.setMode(options.mode ?? 'default');
    if (!initial.ok) this.#mode = 'default';
  }

  /** The current mode. */
  get mode(): PermissionMode {
    return this.#mode;
  }

  /** The session's cwd (canonical). */
  get cwd(): string {
    return this.#dirs[0]!;
  }

  /** cwd and additional directories, canonical. */
  get workingDirectories(): readonly string[] {
    return this.#parent ? this.#parent.workingDirectories : [...this.#dirs];
  }

  /** Every rule in force: a child's parent's (live) and its own. */
  get rules(): readonly PermissionRule[] {
    return this.#parent ? [...this.#parent.rules, ...this.#rules] : [...this.#rules];
  }

  /** Whether bypassPermissions may be entered. */
  get bypassAllowed(): boolean {
    return !this.#options.bypassDisabled && (this.#parent?.bypassAllowed ?? true);
  }

  /** Switch mode (shift-tab, /permissions, plan approval). bypassPermissions is refused when disabled. */
  setMode(mode: PermissionMode): ModeChange {
    if (!(PERMISSION_MODES as readonly string[]).includes(mode)) return { ok: false, code: 'UNKNOWN_MODE', message: `unknown permission mode "${String(mode)}"` };
    if (mode === 'bypassPermissions' && !this.bypassAllowed) {
      return { ok: false, code: 'BYPASS_DISABLED', message: 'bypassPermissions is disabled by managed settings (permissions.disableBypassPermissionsMode)' };
    }
    if (this.#parent && permissiveness(mode) > permissiveness(this.#parent.mode)) {
      return { ok: false, code: 'SUBAGENT_CANNOT_ESCALATE', message: `a subagent cannot use ${mode} while its parent is in ${this.#parent.mode}` };
    }
    if (mode === 'plan') {
      if (feature('PLAN_MODE')) {
        // available
      } else {
        return { ok: false, code: 'PLAN_MODE_UNAVAILABLE', message: 'plan mode is not part of this build' };
      }
    }
    this.#mode = mode;
    return { ok: true, mode };
  }

  /** Add rules for the rest of the session ("always allow" answers). Any behavior may be added. */
  addRules(rules: readonly PermissionRule[]): void {
    this.#rules.push(...rules);
  }

  /** Drop the rules `match` picks (a rule the user removed in /permissions); returns how many went. */
  removeRules(match: (rule: PermissionRule) => boolean): number {
    const before = this.#rules.length;
    this.#rules = this.#rules.filter((rule) => !match(rule));
    return before - this.#rules.length;
  }

  /** Add a working directory (`/add-dir`). */
  addDirectory(dir: string): void {
    this.#dirs.push(canonicalDir(dir, this.cwd, this.#home));
  }

  /**
   * A subagent's engine: a subset of this one. Its decision is the strictest of
   * this engine's live decision and its own (its rules, its mode, its tool list),
   * so it can add denies and asks but never loosen anything.
   */
  child(options: ChildPermissionOptions = {}): PermissionEngine {
    const mode = options.mode && permissiveness(options.mode) <= permissiveness(this.#mode) ? options.mode : this.#mode;
    return new PermissionEngine(
      { ...this.#options, bash: this.#bash, cwd: this.cwd, additionalDirectories: this.#dirs.slice(1), mode, rules: options.rules ?? [] },
      this,
      options.tools,
    );
  }

  /**
   * Decide whether a tool call may run. Call it again for every rewritten input
   * (a hook's edit) and every redirect target: the decision is about this input only.
   */
  async decide(toolName: string, input: unknown, tool?: Tool<never, unknown> | Tool, ctx?: ToolContext, options: DecideOptions = {}): Promise<PermissionDecision> {
    const own = await this.#decideOwn(toolName, input, tool, ctx, options);
    if (!this.#parent) return own;
    // The parent's live decision bounds the child's: nothing the child holds can loosen it.
    return strictest([await this.#parent.decide(toolName, input, tool, ctx, options), own]);
  }

  async #decideOwn(toolName: string, input: unknown, tool: Tool<never, unknown> | Tool | undefined, ctx: ToolContext | undefined, options: DecideOptions): Promise<PermissionDecision> {
    const verdicts = emptyVerdicts();
    const rules = this.rules;
    // Tools resolve relative paths against the live cwd (a Bash `cd` moves it), so the engine does too.
    const cwd = options.cwd ?? ctx?.cwd ?? this.cwd;
    if (this.#childTools && !this.#childTools.some((name) => toolNameAllowed(name, toolName))) {
      record(verdicts, { behavior: 'deny', reason: `${toolName} is not among this subagent's tools`, source: 'subagent' });
    }
    const family = fileFamilyOf(toolName);
    toolRuleVerdicts(rules, toolName, verdicts);
    if (family) this.#fileVerdicts(rules, toolName, family, input, verdicts, cwd);
    else if (toolName === 'Bash') await this.#bashVerdicts(rules, input, verdicts, cwd);
    else if (toolName === 'WebFetch') this.#fetchVerdicts(rules, input, verdicts);
    else if (this.#mode === 'bypassPermissions') record(verdicts, modeGrant('bypassPermissions'));
    else if (tool && !reachesOutside(toolName) && safeIsReadOnly(tool, input)) {
      record(verdicts, { behavior: 'allow', reason: `${toolName} is read-only`, source: 'read-only' });
    }
    if (this.#mode === 'plan') await this.#planVerdicts(toolName, input, tool, verdicts);
    // The tool's own deny is a veto; its ask is the question to put when no rule or mode settles the call.
    const view = tool && ctx ? await toolsOwnView(tool, input, ctx) : undefined;
    if (view?.behavior === 'deny') record(verdicts, view);
    for (const d of options.extra ?? []) record(verdicts, d);
    const grant = verdicts.grants[0];
    const suggestion = `to allow it, add ${suggestRule(toolName, input, this.cwd)} to permissions.allow`;
    const fallback: PermissionDecision = view?.behavior === 'ask'
      ? { ...view, reason: `${view.reason}; ${suggestion}` }
      : { behavior: 'ask', reason: `no rule allows ${toolName} here; ${suggestion}`, source: 'default' };
    return strictest([...verdicts.vetoes, grant ?? fallback]);
  }

  /**
   * The verdict on reading or editing one path, as a file tool would get it:
   * for tools that touch files indirectly (Bash redirections, Grep results).
   * A relative `path` is resolved against `cwd` (the live session cwd), else the session's root.
   */
  async checkPath(family: FileFamily, path: string, cwd?: string): Promise<PermissionDecision> {
    const toolName = family === 'read' ? 'Read' : 'Edit';
    return this.decide(toolName, { file_path: path }, undefined, undefined, cwd === undefined ? {} : { cwd });
  }

  #candidates(path: string, cwd: string): PathCandidates | PermissionDecision {
    const lexical = lexicalPath(path, cwd, this.#home);
    try {
      const real = realPathOf(path, cwd, this.#home);
      return { real, lexical, isDirectory: isDirectory(real) };
    } catch (error) {
      return { behavior: 'deny', reason: `${path} cannot be resolved (${(error as Error).message})`, source: 'path' };
    }
  }

  #fileVerdicts(rules: readonly PermissionRule[], toolName: string, family: FileFamily, input: unknown, verdicts: Verdicts, cwd: string): void {
    const raw = filePathOf(toolName, input);
    if (raw === undefined) {
      record(verdicts, { behavior: 'ask', reason: `${toolName} names no path`, source: 'path' });
      return;
    }
    const path = this.#candidates(raw, cwd);
    if ('behavior' in path) return record(verdicts, path);
    pathRuleVerdicts(rules, toolName, path, { caseInsensitive: this.#ci, home: this.#home }, verdicts);
    const inside = this.workingDirectories.some((dir) => isInside(path.real, dir, this.#ci));
    // Held for a human in every mode, bypass included: these run code or carry secrets.
    const why = family === 'edit' ? protectedWriteReason(path, this.#options.protectedLocations) : protectedReadReason(path);
    if (why) {
      const what = family === 'edit' ? 'writes to settings and to files that run code always need approval' : 'reading it always needs approval';
      record(verdicts, { behavior: 'ask', reason: `${why}: ${what}`, source: 'protected-path' });
    }
    if (this.#mode === 'bypassPermissions') record(verdicts, modeGrant('bypassPermissions'));
    if (!inside) return;
    if (family === 'read') record(verdicts, { behavior: 'allow', reason: `${path.real} is inside the working directories`, source: 'workspace' });
    else if (this.#mode === 'acceptEdits') record(verdicts, modeGrant('acceptEdits'));
  }

  async #bashVerdicts(rules: readonly PermissionRule[], input: unknown, verdicts: Verdicts, cwd: string): Promise<void> {
    const command = commandOf(input);
    const analyser = this.#bash;
    if (command === undefined || !analyser) {
      record(verdicts, { behavior: 'ask', reason: command === undefined ? 'Bash call without a command' : 'no Bash analyser: every command asks', source: 'bash' });
      return;
    }
    const specs = bashSpecifiers(rules);
    const wholeTool = this.#mode === 'bypassPermissions' || rules.some((r) => r.behavior === 'allow' && toolRuleApplies(r, 'Bash'));
    if (wholeTool) specs.allow.push('*');
    const reads = { cwd, home: this.#home, rules, workingDirectories: this.workingDirectories, caseInsensitive: this.#ci, wholeTool,
      checkRead: (path: string) => this.checkPath('read', path, cwd) };
    try {
      // Redirections are writes: the analyser asks the engine about each target, as an Edit.
      // What read-only commands read is checked as a Read (`cat ~/.ssh/id_rsa` is read-only).
      record(verdicts, await analyser.decideBashCommand(command, specs, {
        checkWrite: (path) => decideBashWrite(path, (p) => this.checkPath('edit', p, cwd)),
        checkRead: (read) => decideBashRead(read, reads),
      }));
    } catch (error) {
      // Fail closed towards deny: a crash must not turn a deny rule into a question.
      record(verdicts, failClosed(command, specs.deny, error));
    }
  }

  #fetchVerdicts(rules: readonly PermissionRule[], input: unknown, verdicts: Verdicts): void {
    const url = typeof input === 'object' && input !== null ? (input as Record<string, unknown>)['url'] : undefined;
    const host = typeof url === 'string' ? hostOf(url) : undefined;
    if (host === undefined) {
      record(verdicts, { behavior: 'ask', reason: 'WebFetch without a valid http(s) URL', source: 'domain' });
      return;
    }
    domainRuleVerdicts(rules, host, verdicts);
    if (this.#mode === 'bypassPermissions') record(verdicts, modeGrant('bypassPermissions'));
  }

  async #planVerdicts(toolName: string, input: unknown, tool: Tool<never, unknown> | Tool | undefined, verdicts: Verdicts): Promise<void> {
    if (feature('PLAN_MODE')) {
      const plan = await import('./plan-mode/index.ts');
      const bash = this.#bash;
      const decision = await plan.planModeDecision({
        toolName,
        input,
        isReadOnly: tool ? safeIsReadOnly(tool, input) : false,
        isReadOnlyCommand: bash ? async (command: string) => bash.isReadOnlyCommand(command) : undefined,
      });
      if (decision) record(verdicts, decision);
    } else {
      record(verdicts, { behavior: 'deny', reason: 'plan mode is not part of this build', source: 'mode' });
    }
  }
}
