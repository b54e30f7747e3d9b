import type { QueryEvent, ResultEvent, ToolOutcome } from '../../src/query/index.ts';
import type { InteractiveRuntime, PermissionAnswer, SessionInfo, TurnOptions } from '../../src/ui/index.ts';

/*
 * A scripted stand-in for the agent runtime, for component tests, the tmux
 * tests (bundled into a small entry) and the UI bench. Each submitted prompt
 * plays the next scripted turn as the real query engine would emit it:
 * request_start, streamed deltas, assistant, usage, then per tool call
 * permission (asking through the UI when scripted to), tool_start, progress,
 * tool_result, and one result. It honours the abort signal like the engine.
 */

export interface FakeTool {
  readonly name: string;
  readonly input: Record<string, unknown>;
  /** The tool_result text. */
  readonly result: string;
  readonly isError?: boolean;
  /** Ask the human (the permission dialog) before running. */
  readonly ask?: boolean;
  readonly progress?: readonly string[];
  /** Structured output passed along with the result (Edit's hunks). */
  readonly output?: unknown;
  /** How long the call runs. */
  readonly runMs?: number;
}

/** One model request of a turn: thinking, streamed text, then tool calls. */
export interface FakeRequest {
  readonly thinking?: string;
  readonly text?: string;
  readonly tools?: readonly FakeTool[];
  /** Characters per text_delta. @default 12 */
  readonly chunk?: number;
  /** Pause between deltas. @default 0 */
  readonly chunkDelayMs?: number;
  readonly outputTokens?: number;
}

export type FakeTurn = readonly FakeRequest[];

export interface FakeRuntime extends InteractiveRuntime {
  /** Prompts received, in order. */
  readonly prompts: string[];
  /** Every permission answer the UI gave. */
  readonly answers: PermissionAnswer[];
  /** Turns not played yet. */
  readonly turns: FakeTurn[];
  trusted: boolean;
  closed: string | undefined;
}

export const FAKE_INFO: SessionInfo = {
  sessionId: '00000000-0000-4000-8000-000000000001',
  cwd: '/srv/project',
  projectDir: '/srv/project',
  model: 'claude-sonnet-5-5',
  version: '0.1.0',
  permissionMode: 'default',
  trusted: true,
  verbose: false,
  paths: { history: '', userCommands: '/nonexistent/user-commands', projectCommands: '/nonexistent/project-commands' },
};

const USAGE0 = { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };

/** A fake runtime playing `turns`; any port method can be overridden. */
export function createFakeRuntime(turns: FakeTurn[] = [], overrides: Partial<Omit<InteractiveRuntime, 'info'>> & { info?: Partial<SessionInfo> } = {}): FakeRuntime {
  const { info: infoOverride, ...methods } = overrides;
  let info: SessionInfo = { ...FAKE_INFO, ...infoOverride };
  const runtime: FakeRuntime = {
    prompts: [],
    answers: [],
    turns,
    trusted: info.trusted,
    closed: undefined,
    trustState: () => ({ trusted: true }),
    acceptTrust: async () => {
      runtime.trusted = true;
      info = { ...info, trusted: true };
      return { ok: true };
    },
    info: () => info,
    submit(prompt, options) {
      runtime.prompts.push(prompt);
      return playTurn(runtime.turns.shift() ?? [{ text: `(no scripted reply for: ${prompt})` }], options, runtime);
    },
    runShell(command, options) {
      runtime.prompts.push(`!${command}`);
      return playTools([{ name: 'Bash', input: { command }, result: `ran ${command}` }], options, runtime, 1);
    },
    listFiles: async () => ['src/index.ts', 'src/ui/app.tsx', 'README.md', 'package.json'],
    clear: async () => ({ ok: true }),
    compact: (_focus, options) => playTurn([{ text: 'Summary written.' }], options, runtime),
    init: (options) => playTurn([{ text: 'Wrote AGENTS.md.' }], options, runtime),
    costs: async () => ({ totalCostUsd: 0.0123, usage: { ...USAGE0, input_tokens: 1200, output_tokens: 340 }, apiDurationMs: 2100, byModel: [] }),
    models: () => [{ id: 'claude-sonnet-5-5', label: 'Sonnet' }, { id: 'claude-opus-5', label: 'Opus' }],
    setModel: async (id) => {
      info = { ...info, model: id };
      return { ok: true };
    },
    permissionRules: async () => [],
    addPermissionRule: async () => ({ ok: true }),
    removePermissionRule: async () => ({ ok: true }),
    ruleDestinations: () => [{ scope: 'local', file: '.wren/settings.local.json' }],
    memoryFiles: async () => [],
    listSessions: async () => [],
    resumeSession: async () => ({ ok: false, message: 'no such session' }),
    status: async () => [],
    config: async () => [],
    doctor: async () => [],
    statusLineConfig: () => undefined,
    close: async (reason) => {
      runtime.closed = reason;
    },
    ...methods,
  };
  return runtime;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

let toolIds = 0;

async function* playTurn(turn: FakeTurn, options: TurnOptions, runtime: FakeRuntime): AsyncGenerator<QueryEvent> {
  const started = Date.now();
  let cost = 0;
  let text = '';
  for (const [n, request] of turn.entries()) {
    const t = n + 1;
    yield { type: 'request_start', turn: t, attempt: 1, purpose: 'turn', model: 'claude-sonnet-5-5', estimatedInputTokens: 100 };
    if (request.thinking) yield { type: 'thinking_delta', turn: t, index: 0, thinking: request.thinking };
    const chunk = request.chunk ?? 12;
    for (let i = 0; request.text && i < request.text.length; i += chunk) {
      await sleep(request.chunkDelayMs ?? 0, options.signal);
      if (options.signal.aborted) return yield aborted(started, text);
      yield { type: 'text_delta', turn: t, index: 1, text: request.text.slice(i, i + chunk) };
    }
    text = request.text ?? '';
    const tools = (request.tools ?? []).map((tool) => ({ ...tool, id: `toolu_fake_${++toolIds}` }));
    yield {
      type: 'assistant', turn: t, id: `msg_${t}`, model: 'claude-sonnet-5-5', stopReason: tools.length ? 'tool_use' : 'end_turn',
      message: {
        role: 'assistant',
        content: [
          ...(request.text ? [{ type: 'text' as const, text: request.text }] : []),
          ...tools.map((tool) => ({ type: 'tool_use' as const, id: tool.id, name: tool.name, input: tool.input })),
        ],
      },
    };
    cost += 0.001;
    yield { type: 'usage', turn: t, purpose: 'turn', model: 'claude-sonnet-5-5', usage: { ...USAGE0, output_tokens: request.outputTokens ?? 50 }, costUsd: 0.001, totalUsage: USAGE0, totalCostUsd: cost };
    if (tools.length) {
      for await (const event of playTools(tools, options, runtime, t, false)) {
        if (event.type === 'result') return yield event;
        yield event;
      }
      if (options.signal.aborted) return yield aborted(started, text);
    }
  }
  yield result(started, text, cost, turn.length);
}

async function* playTools(tools: readonly (FakeTool & { id?: string })[], options: TurnOptions, runtime: FakeRuntime, t: number, standalone = true): AsyncGenerator<QueryEvent> {
  const started = Date.now();
  for (const tool of tools) {
    const id = tool.id ?? `toolu_fake_${++toolIds}`;
    let outcome: ToolOutcome = 'ok';
    let content = tool.result;
    if (tool.ask) {
      const answer = await options.askPermission({
        toolUseId: id, toolName: tool.name, input: tool.input, reason: `${tool.name} needs approval in default mode`,
        suggestion: { rule: tool.name === 'Bash' ? `Bash(${String(tool.input['command'])})` : tool.name, destinations: [{ scope: 'local', file: '.wren/settings.local.json' }, { scope: 'user', file: '~/.wren/settings.json' }] },
      });
      runtime.answers.push(answer);
      if (answer.kind === 'deny') {
        outcome = 'denied';
        content = `The user denied this call.${answer.note ? ` Their note: ${answer.note}` : ''}`;
      }
      yield { type: 'permission', turn: t, toolUseId: id, toolName: tool.name, asked: true,
        decision: { behavior: outcome === 'denied' ? 'deny' : 'allow', reason: 'asked the user' } };
    }
    if (options.signal.aborted) return yield aborted(started, '');
    if (outcome === 'ok') {
      yield { type: 'tool_start', turn: t, toolUseId: id, toolName: tool.name, input: tool.input };
      for (const message of tool.progress ?? []) yield { type: 'tool_progress', turn: t, toolUseId: id, toolName: tool.name, message };
      await sleep(tool.runMs ?? 0, options.signal);
      if (options.signal.aborted) return yield aborted(started, '');
      if (tool.isError) outcome = 'tool_error';
    }
    yield {
      type: 'tool_result', turn: t, toolUseId: id, toolName: tool.name, outcome, isError: outcome !== 'ok', content, durationMs: tool.runMs ?? 1,
      ...(tool.output !== undefined ? { output: tool.output } : {}),
    } as QueryEvent;
  }
  yield { type: 'tool_results', turn: t, message: { role: 'user', content: [] } };
  if (standalone) yield result(started, '', 0, 0);
}

function result(started: number, text: string, cost: number, turns: number): ResultEvent {
  return {
    type: 'result', subtype: 'success', isError: false, stopReason: 'end_turn', result: text, numTurns: turns,
    durationMs: Date.now() - started, durationApiMs: 1, usage: { ...USAGE0, output_tokens: 50 * turns }, totalCostUsd: cost, modelUsage: {}, messages: [],
  };
}

function aborted(started: number, text: string): ResultEvent {
  return { ...result(started, text, 0, 1), subtype: 'aborted', isError: true, stopReason: 'aborted' };
}
