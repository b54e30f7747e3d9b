import { execFileSync } from 'node:child_process';
import {
  createPermissionEngine, describeTrustEffects, loadSettings, resolveConfigDir, resolveWorkspaceTrust,
  type CliSettings, type LoadedSettings, type TrustEffects, type WorkspaceTrust,
} from '../config/index.ts';
import { canonicalDir, fileFamilyOf, isInside, isReadOnlyCommand, prepareBashAnalyser, type PermissionEngine } from '../permissions/index.ts';
import { DEFAULT_MODEL, denyAsk, runQuery, type AskHandler, type ConversationMessage, type QueryEvent } from '../query/index.ts';
import { feature } from '../feature/index.ts';
import { continueSession, openSession, resumeSession, unansweredToolUses, type Session } from '../session/index.ts';
import { loadTools, shutdownBashTools, type Tool, type ToolContext } from '../tools/index.ts';
import { RuntimeError } from './errors.ts';
import { createEventPersister } from './persist.ts';
import { loadExtensions } from './extensions.ts';
import { buildSystemPrompt } from './system-prompt.ts';
import { toolEnvironment } from './tool-env.ts';
import { tuningFromEnv } from './tuning.ts';

export type SessionChoice = { readonly kind: 'new' } | { readonly kind: 'continue' } | { readonly kind: 'resume'; readonly id: string };

export interface RuntimeOptions {
  readonly cwd: string;
  /** The process environment (settings `env` is layered over it for the API and the tools). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Non-interactive (`-p`): never asks, never trusts a folder by itself. */
  readonly headless: boolean;
  /** `--trust`: trust this folder for this run only. */
  readonly trustFlag?: boolean;
  readonly cli: CliSettings;
  readonly model?: string;
  readonly maxTurns?: number;
  readonly systemPrompt?: string;
  readonly appendSystemPrompt?: string;
  readonly session: SessionChoice;
  /** Where managed settings live. @default /etc/wren/managed-settings.json */
  readonly managedSettingsPath?: string;
  readonly now?: () => Date;
}

/** Everything a session needs, assembled once: both headless and interactive modes drive this. */
export interface Runtime {
  readonly trust: WorkspaceTrust;
  readonly loaded: LoadedSettings;
  readonly engine: PermissionEngine;
  readonly tools: readonly Tool<any, any>[];
  /** The current transcript (changes on `switchSession`). */
  readonly session: Session;
  /** The current model (changes on `setModel`). */
  readonly model: string;
  readonly system: string;
  readonly configDir: string;
  /** Things the user should be told before the run (ignored project files, refused modes). */
  readonly notices: readonly string[];
  /** Runs one user prompt to the end of the agent's turn; every event is also written to the transcript. */
  submit(prompt: string, options: TurnRunOptions): AsyncGenerator<QueryEvent, void, undefined>;
  /** Summarises the conversation now (`/compact [focus]`); the transcript records the compaction. */
  compact(focus: string | undefined, options: TurnRunOptions): AsyncGenerator<QueryEvent, void, undefined>;
  /** Appends a message to the conversation without a model turn (`!command` output). */
  record(message: ConversationMessage): void;
  /** The tool context of this session (cwd, read files), for calls made outside the loop. */
  toolContext(signal: AbortSignal): ToolContext;
  setModel(model: string): void;
  /** Closes the current transcript and continues in another: a new one (`/clear`) or a past one (`/resume`). */
  switchSession(choice: SessionChoice): Promise<void>;
  close(reason: Parameters<Session['close']>[0]): Promise<void>;
}

export interface TurnRunOptions {
  readonly signal: AbortSignal;
  /** Resolves the gate's `ask` decisions. @default deny (headless) */
  readonly ask?: AskHandler;
}

/**
 * Trust first, then settings (project layers only if trusted), then the
 * permission engine, tools, transcript and system prompt. Nothing from the
 * project is read before the trust decision.
 */
export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  // The shell parser (a 1.4 MB wasm) is loaded once the first request is on the wire,
  // so it never delays it; it is ready long before the model's answer asks for Bash.
  let analyserStarted = false;
  const startAnalyser = () => {
    if (analyserStarted) return;
    analyserStarted = true;
    void prepareBashAnalyser().catch(() => undefined);
  };
  const tuning = tuningFromEnv(options.env);
  const configDir = resolveConfigDir(options.env);
  const managedPath = options.managedSettingsPath;
  // Trust is decided before anything of the project is read (the interactive
  // session asks first and records the answer; headless never trusts by itself).
  const trustState = resolveWorkspaceTrust({ cwd: options.cwd, configDir, headless: options.headless, trustFlag: options.trustFlag === true });
  const loaded = loadSettings({ cwd: options.cwd, configDir, cli: options.cli, trusted: trustState.trusted, ...(managedPath ? { managedPath } : {}) });
  if (loaded.fatal) {
    const first = loaded.problems.find((p) => p.severity === 'error');
    throw new RuntimeError('SETTINGS_FATAL', first ? `${first.file}: ${first.keyPath}: ${first.message}` : 'invalid command-line settings');
  }
  const env = { ...options.env, ...loaded.settings.env };
  const connectionEnv = withApiKey(env, loaded);
  // The API key (the environment's or apiKeyHelper's) goes to the API only, never to a command or a hook.
  const toolEnv = toolEnvironment(env);
  const engine = createPermissionEngine(loaded);
  let model = options.model ?? loaded.settings.model ?? env['ANTHROPIC_MODEL'] ?? DEFAULT_MODEL;
  const cwd = loaded.projectRoot;
  let session = await openChosenSession(options.session, { cwd, configDir, model });
  let workingDir = cwd;
  const extensions = await loadExtensions({
    loaded, engine, env: toolEnv, sessionId: session.id, transcriptPath: session.path, resumed: options.session.kind !== 'new', cwd: () => workingDir,
  });
  const tools = [
    ...(await loadTools({
      isReadOnlyCommand,
      sandbox: {
        ...loaded.settings.sandbox,
        workingDirectories: engine.workingDirectories,
        configDir,
        // Said once, at the first command; headless has stderr, the interactive screen has /doctor.
        onNotice: (message) => {
          if (options.headless) process.stderr.write(`wren: ${message}\n`);
        },
      },
    })),
    ...extensions.tools,
  ];
  const append = [options.appendSystemPrompt, ...extensions.sessionContext].filter((x): x is string => !!x).join('\n\n');
  const system = buildSystemPrompt({
    cwd, configDir, trusted: trustState.trusted, now: (options.now ?? (() => new Date()))(), platform: process.platform,
    ...(options.systemPrompt !== undefined ? { replace: options.systemPrompt } : {}),
    ...(append ? { append } : {}),
  });
  const readFiles = new Map<string, { mtimeMs: number; size: number }>();
  // Say that project configuration is being ignored only when there is some to ignore.
  const ignoring = trustState.notice !== undefined && hasProjectConfiguration(describeTrustEffects(options.cwd, { configDir }));
  const notices = [...(ignoring ? [trustState.notice!] : []), ...loaded.notices, ...extensions.notices];
  // The ask handler of the run in progress: a subagent asks whoever its parent asks.
  let askNow: AskHandler | undefined;
  if (feature('SUBAGENTS')) {
    const { createTaskTool } = await import('../agents/subagents/index.ts');
    const task = await createTaskTool({
      parentTools: () => tools, engine, gate: extensions.gate, ask: (request) => (askNow ?? denyAsk)(request),
      runQueryOptions: () => ({ connection: { env: connectionEnv }, retry: tuning.retry, context: tuning.context }),
      configDir, projectRoot: cwd, trusted: trustState.trusted, model: () => model,
    });
    tools.push(task);
    notices.push(...task.notices);
  }
  const toolContextFields = () => ({
    cwd: workingDir,
    // The cwd never leaves the working directories; the Bash tool already keeps it inside and tells the model.
    setCwd: (dir: string) => { workingDir = insideWorkingDirectories(engine, dir) ? dir : cwd; },
    projectRoot: cwd,
    // The engine's list (canonical, and it grows with /add-dir), so tools and gate agree on the bounds.
    additionalDirectories: engine.workingDirectories.slice(1),
    canRead: (path: string) => canRead(engine, path),
    readFiles,
    env: toolEnv,
  });

  /** One run of the query loop over the transcript's conversation, every event persisted. */
  async function* run(messages: ConversationMessage[], persisted: number, turn: TurnRunOptions, extra: { compactNow?: { focus?: string } } = {}) {
    const persister = createEventPersister(session, persisted);
    askNow = turn.ask;
    const events = runQuery({
      messages,
      canUseTool: (tool, input, ctx, toolUseId) => extensions.gate(tool, input, ctx, toolUseId),
      ...(turn.ask ? { ask: turn.ask } : {}),
      model, system, tools,
      signal: turn.signal,
      connection: { env: connectionEnv },
      retry: tuning.retry,
      context: tuning.context,
      ...(options.maxTurns !== undefined ? { maxTurns: options.maxTurns } : {}),
      ...(extra.compactNow ? { compactNow: extra.compactNow } : {}),
      toolContext: toolContextFields(),
    });
    for await (const event of events) {
      if (event.type === 'request_start') setImmediate(startAnalyser);
      persister.onEvent(event);
      yield event;
    }
  }

  return {
    trust: trustState, loaded, engine, tools, system, notices, configDir,
    get session() { return session; },
    get model() { return model; },
    async *submit(prompt, turn) {
      const hooked = await extensions.beforePrompt(prompt, turn.signal);
      if (hooked.blocked !== undefined) throw new RuntimeError('PROMPT_BLOCKED', `a UserPromptSubmit hook blocked the prompt: ${hooked.blocked}`);
      const history = withInterruptedCallsAnswered(session);
      const content = hooked.context.length ? `${prompt}\n\n${hooked.context.join('\n\n')}` : prompt;
      const userMessage: ConversationMessage = { role: 'user', content };
      session.append({ type: 'message', message: userMessage });
      yield* run([...history, userMessage], history.length + 1, turn);
    },
    async *compact(focus, turn) {
      const history = withInterruptedCallsAnswered(session);
      yield* run(history, history.length, turn, { compactNow: focus ? { focus } : {} });
    },
    record(message) {
      session.append({ type: 'message', message });
    },
    toolContext(signal) {
      return { ...toolContextFields(), signal, now: Date.now };
    },
    setModel(next) {
      model = next;
    },
    async switchSession(choice) {
      const next = await openChosenSession(choice, { cwd, configDir, model });
      await session.close('user_exit');
      session = next;
      readFiles.clear();
    },
    async close(reason) {
      await extensions.close(reason);
      await shutdownBashTools();
      await session.close(reason);
    },
  };
}

/** A transcript cut off by a kill may end in tool calls that never got results; the API needs one per call. */
function withInterruptedCallsAnswered(session: Session): ConversationMessage[] {
  const messages = session.messages() as ConversationMessage[];
  const open = unansweredToolUses(session.messages());
  if (!open.length) return messages;
  const answer: ConversationMessage = {
    role: 'user',
    content: open.map((call) => ({ type: 'tool_result' as const, tool_use_id: call.id, is_error: true, content: 'Interrupted: the session ended before this tool call finished.' })),
  };
  session.append({ type: 'message', message: answer });
  return [...messages, answer];
}

async function openChosenSession(choice: SessionChoice, where: { cwd: string; configDir: string; model: string }): Promise<Session> {
  switch (choice.kind) {
    case 'continue':
      return continueSession({ cwd: where.cwd, configDir: where.configDir });
    case 'resume':
      return resumeSession({ cwd: where.cwd, configDir: where.configDir, id: choice.id });
    default:
      return openSession(where);
  }
}

/** The API key: the environment's, else what the settings' apiKeyHelper prints. */
function withApiKey(env: Record<string, string | undefined>, loaded: LoadedSettings): Record<string, string | undefined> {
  if (env['ANTHROPIC_API_KEY'] || env['ANTHROPIC_AUTH_TOKEN']) return env;
  const helper = loaded.settings.apiKeyHelper;
  if (!helper) {
    throw new RuntimeError('NO_API_KEY', 'no API key: set ANTHROPIC_API_KEY (or configure apiKeyHelper in your settings)');
  }
  try {
    const key = execFileSync('/bin/sh', ['-c', helper.command], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    if (!key) throw new Error('it printed nothing');
    return { ...env, ANTHROPIC_API_KEY: key };
  } catch (error) {
    throw new RuntimeError('API_KEY_HELPER_FAILED', `apiKeyHelper failed (${helper.source.file}): ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}

/** Whether `dir` (symlinks resolved) is one of the engine's working directories or below one. */
function insideWorkingDirectories(engine: PermissionEngine, dir: string): boolean {
  const real = canonicalDir(dir, engine.cwd);
  return engine.workingDirectories.some((root) => isInside(real, root));
}

/**
 * ToolContext.canRead: false only where the engine's read check denies (a Read
 * deny rule). An `ask` counts as readable: the search that found the path was
 * itself approved, and a question per result would be absurd. With no Read
 * deny rule at all nothing can be denied, and the per-path check is skipped.
 */
async function canRead(engine: PermissionEngine, path: string): Promise<boolean> {
  const readDenies = engine.rules.some((rule) => rule.behavior === 'deny'
    && (rule.matcher.kind === 'path' ? rule.matcher.family === 'read' : rule.matcher.kind === 'tool' && fileFamilyOf(rule.toolName) === 'read'));
  if (!readDenies) return true;
  return (await engine.checkPath('read', path)).behavior !== 'deny';
}

function hasProjectConfiguration(effects: TrustEffects): boolean {
  return effects.files.length > 0 || effects.instructionFiles.length > 0;
}
