import { join } from 'node:path';
import { glob } from 'tinyglobby';
import { buildInfo } from '../../build-info/index.ts';
import { describeTrustEffects, projectPaths, resolveConfigDir, resolveWorkspaceTrust, trust, userPaths } from '../../config/index.ts';
import { parseRule } from '../../permissions/index.ts';
import { DEFAULT_MODEL, defaultPricing, type ConversationMessage } from '../../query/index.ts';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../runtime/index.ts';
import { listSessions, projectDir } from '../../session/index.ts';
import type { InteractiveRuntime, Outcome, RuleDestination, RuleEntry, SessionInfo, TurnOptions } from '../../ui/runtime.ts';
import { askBridge } from './ask-bridge.ts';
import { doctorChecks } from './doctor.ts';
import { editSettingsRule } from './settings-rules.ts';
import { runShellCommand } from './shell-command.ts';
import { sessionStatus, effectiveConfig } from './status.ts';

/** Asks the model to write AGENTS.md (`/init`). */
const INIT_PROMPT = [
  'Write an AGENTS.md file at the root of this repository for coding agents that will work in it.',
  'Read the repository first: its layout, how to build it, how to run its tests and linters, its conventions.',
  'Keep it short and concrete: commands that work, where things live, rules a newcomer would get wrong.',
  'If an AGENTS.md already exists, improve it rather than starting over.',
].join(' ');

export type InteractiveRuntimeOptions = Omit<RuntimeOptions, 'headless'> & { readonly verbose: boolean };

/**
 * The interactive UI's port (src/ui/runtime.ts) over the real subsystems.
 * Nothing of the project is loaded until the folder is trusted: before that,
 * only the trust question and what trusting would enable are available.
 */
export async function createInteractiveRuntime(options: InteractiveRuntimeOptions): Promise<InteractiveRuntime & { readonly history: () => readonly ConversationMessage[]; readonly notices: () => readonly string[] }> {
  const configDir = resolveConfigDir(options.env);
  const managedPath = options.managedSettingsPath;
  const initialTrust = resolveWorkspaceTrust({ cwd: options.cwd, configDir, headless: false });
  let runtime: Runtime | undefined;
  const start = async () => {
    runtime = await createRuntime({ ...options, headless: false });
  };
  if (initialTrust.trusted) await start();
  const live = (): Runtime => {
    if (!runtime) throw new Error('the session has not started: the folder is not trusted yet');
    return runtime;
  };

  const destinations = (): RuleDestination[] => {
    const project = projectPaths(live().loaded.projectRoot);
    return [
      { scope: 'local', file: project.local },
      { scope: 'project', file: project.project },
      { scope: 'user', file: userPaths(configDir).settings },
    ];
  };
  const bridge = (turn: TurnOptions) => askBridge(turn, { engine: live().engine, destinations, root: live().loaded.projectRoot });
  const info = (): SessionInfo => {
    const r = runtime;
    const cwd = r?.loaded.projectRoot ?? options.cwd;
    return {
      sessionId: r?.session.id ?? '',
      cwd,
      projectDir: cwd,
      model: r?.model ?? options.model ?? options.env['ANTHROPIC_MODEL'] ?? DEFAULT_MODEL,
      version: buildInfo().version,
      permissionMode: r?.engine.mode ?? 'default',
      trusted: r?.trust.trusted ?? false,
      verbose: options.verbose,
      paths: {
        history: join(projectDir(configDir, cwd), 'prompt-history.jsonl'),
        userCommands: join(configDir, 'commands'),
        projectCommands: join(cwd, '.wren', 'commands'),
      },
    };
  };
  const ok = (message?: string): Outcome => ({ ok: true, ...(message ? { message } : {}) });
  const fail = (error: unknown): Outcome => ({ ok: false, message: error instanceof Error ? error.message : String(error) });

  return {
    history: () => (runtime?.session.messages() ?? []) as ConversationMessage[],
    notices: () => runtime?.notices ?? [],
    trustState: () => (runtime?.trust.trusted
      ? { trusted: true }
      : { trusted: false, effects: describeTrustEffects(options.cwd, { configDir, ...(managedPath ? { managedPath } : {}) }) }),
    async acceptTrust() {
      try {
        trust(options.cwd, { configDir });
        await start();
        return ok();
      } catch (error) {
        return fail(error);
      }
    },
    info,
    submit: (prompt, turn) => live().submit(prompt, { signal: turn.signal, ask: bridge(turn) }),
    runShell(command, turn) {
      const r = live();
      const bash = r.tools.find((t) => t.name === 'Bash');
      if (!bash) throw new Error('this build has no Bash tool');
      return runShellCommand(command, turn, { bash, engine: r.engine, context: r.toolContext(turn.signal), record: (m) => r.record(m) });
    },
    async listFiles(signal) {
      const files = await glob('**/*', { cwd: live().loaded.projectRoot, ignore: ['**/node_modules/**', '**/.git/**'], onlyFiles: true, dot: true });
      return signal.aborted ? [] : files.slice(0, 20_000).sort();
    },
    async clear() {
      try {
        await live().switchSession({ kind: 'new' });
        return ok('Started a new conversation.');
      } catch (error) {
        return fail(error);
      }
    },
    compact: (focus, turn) => live().compact(focus, { signal: turn.signal, ask: bridge(turn) }),
    init: (turn) => live().submit(INIT_PROMPT, { signal: turn.signal, ask: bridge(turn) }),
    async costs() {
      const totals = live().session.totals();
      const usage = (t: { inputTokens: number; outputTokens: number; cacheCreationInputTokens: number; cacheReadInputTokens: number }) => ({
        input_tokens: t.inputTokens, output_tokens: t.outputTokens, cache_creation_input_tokens: t.cacheCreationInputTokens, cache_read_input_tokens: t.cacheReadInputTokens,
      });
      return {
        totalCostUsd: totals.costUsd,
        usage: usage(totals),
        apiDurationMs: 0,
        byModel: Object.entries(totals.byModel).map(([model, t]) => ({ model, usage: usage(t), costUsd: t.costUsd })),
      };
    },
    models: () => Object.keys(defaultPricing()).map((id) => ({ id, label: id })),
    async setModel(id) {
      if (!id.trim()) return { ok: false, message: 'name a model' };
      live().setModel(id.trim());
      return ok(`Model set to ${id.trim()} for this session.`);
    },
    async permissionRules(): Promise<RuleEntry[]> {
      return live().engine.rules.map((rule) => ({
        rule: rule.text,
        behavior: rule.behavior,
        scope: rule.source.layer === 'subagent' ? 'session' : rule.source.layer,
        ...(rule.source.file ? { file: rule.source.file } : {}),
        editable: ['local', 'project', 'user'].includes(rule.source.layer),
      }));
    },
    async addPermissionRule(rule, behavior, destination) {
      const parsed = parseRule(rule);
      if (!parsed.ok) return { ok: false, message: parsed.message };
      const written = editSettingsRule(destination.file, behavior, parsed.rule.text, 'add');
      if (!written.ok) return written;
      live().engine.addRules([{ ...parsed.rule, behavior, source: { layer: destination.scope, file: destination.file, root: live().loaded.projectRoot } }]);
      return ok(`Added ${behavior} rule ${parsed.rule.text} to ${destination.file}.`);
    },
    async removePermissionRule(entry) {
      if (!entry.editable || !entry.file) return { ok: false, message: `${entry.rule} comes from ${entry.scope} settings and cannot be removed here` };
      const written = editSettingsRule(entry.file, entry.behavior, entry.rule, 'remove');
      if (!written.ok) return written;
      live().engine.removeRules((r) => r.text === entry.rule && r.behavior === entry.behavior && r.source.file === entry.file);
      return ok(`Removed ${entry.rule} from ${entry.file}.`);
    },
    ruleDestinations: destinations,
    async memoryFiles() {
      const { existsSync } = await import('node:fs');
      const files = [
        { label: 'MEMORY.md (yours, always loaded)', path: join(configDir, 'MEMORY.md') },
        { label: 'AGENTS.md (this project)', path: join(live().loaded.projectRoot, 'AGENTS.md') },
      ];
      return files.map((f) => ({ ...f, exists: existsSync(f.path) }));
    },
    async listSessions() {
      const listing = await listSessions({ cwd: live().loaded.projectRoot, configDir });
      return listing.sessions.map((s) => ({
        id: s.id, modifiedAt: s.modifiedAt, messageCount: s.messageCount, model: s.model,
        ...(s.firstPrompt ? { firstPrompt: s.firstPrompt } : {}),
      }));
    },
    async resumeSession(id) {
      try {
        await live().switchSession({ kind: 'resume', id });
        return { ok: true, messages: live().session.messages() as ConversationMessage[] };
      } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message : String(error) };
      }
    },
    status: async () => sessionStatus(live(), buildInfo()),
    config: async () => effectiveConfig(live()),
    doctor: () => doctorChecks({ version: buildInfo().version, target: buildInfo().target, env: options.env, ...(runtime ? { loaded: runtime.loaded } : {}) }),
    statusLineConfig() {
      const line = runtime?.loaded.settings.statusLine;
      if (!runtime || !line) return undefined;
      const env = runtime.toolContext(AbortSignal.abort()).env;
      return { command: line.command, env, ...(line.padding !== undefined ? { padding: line.padding } : {}) };
    },
    async close(reason) {
      await runtime?.close(reason === 'exit' ? 'user_exit' : 'aborted');
    },
  };
}
