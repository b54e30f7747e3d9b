import type { MessageParam, ToolUnion } from '@anthropic-ai/sdk/resources/messages';
import { feature } from '../feature/index.ts';
import type { Tool, ToolContext } from '../tools/tool.ts';
import type { AssembledTurn } from './assemble.ts';
import { createQueryClient, type QueryClient } from './client.ts';
import { contextPolicy, ContextTracker, type ContextPolicy } from './context.ts';
import { QueryError } from './errors.ts';
import type { ModelStopReason, QueryEvent, RequestPurpose, ResultEvent, ResultSubtype } from './events.ts';
import { UsageLedger } from './ledger.ts';
import { DEFAULT_MODEL, type QueryOptions } from './options.ts';
import { defaultPricing } from './pricing.ts';
import { retryPolicy, type RetryPolicy } from './retry.ts';
import { streamTurn, TurnAbortedError, type TurnParams } from './stream-turn.ts';
import { toApiTool } from './tool-schema.ts';
import { denyAsk, runToolCalls, type ToolCall } from './tool-runner.ts';
import { textOf, type ConversationBlock, type ConversationMessage } from './types.ts';

/** Per-run state shared by the loop's steps. */
interface Run {
  readonly options: QueryOptions;
  readonly client: QueryClient;
  readonly model: string;
  readonly maxTokens: number;
  readonly apiTools: ToolUnion[];
  readonly tools: ReadonlyMap<string, Tool<any, any>>;
  readonly policy: RetryPolicy;
  readonly context: ContextPolicy;
  readonly tracker: ContextTracker;
  readonly ledger: UsageLedger;
  readonly signal: AbortSignal;
  readonly toolContext: ToolContext;
  messages: ConversationMessage[];
  turns: number;
  apiMs: number;
}

/**
 * Runs the agent loop: stream a turn, run the tools it asks for, send the
 * results, until the model ends its turn, `maxTurns` is reached, the budget
 * check says stop, the signal aborts, or a QueryError ends it. Yields every
 * QueryEvent as it happens; the last one is the `result`, also returned.
 *
 * API failures never throw: they end the run with a `result` of subtype
 * `error` carrying the QueryError. Only bugs throw.
 */
export async function* runQuery(options: QueryOptions): AsyncGenerator<QueryEvent, ResultEvent, undefined> {
  const started = performance.now();
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  const ledger = new UsageLedger({ ...defaultPricing(), ...options.pricing });
  let run: Run | undefined;
  const end = (subtype: ResultSubtype, stopReason: ResultEvent['stopReason'], extra: Partial<ResultEvent> = {}): ResultEvent => {
    const messages = run?.messages ?? [...options.messages];
    return {
      type: 'result', subtype, isError: subtype !== 'success', stopReason,
      result: textOf(messages.findLast((m) => m.role === 'assistant')),
      numTurns: run?.turns ?? 0, durationMs: Math.round(performance.now() - started), durationApiMs: Math.round(run?.apiMs ?? 0),
      usage: ledger.total, totalCostUsd: ledger.costUsd, modelUsage: ledger.snapshot(), messages, ...extra,
    };
  };
  let ended = false;
  try {
    let result: ResultEvent;
    try {
      run = setup(options, controller.signal, ledger);
      result = yield* loop(run, started, end);
    } catch (error) {
      if (error instanceof TurnAbortedError) result = end('aborted', 'aborted', error.partial.length ? { partial: error.partial } : {});
      else if (error instanceof QueryError) result = end('error', 'error', { error });
      else throw error;
    }
    ended = true;
    yield result;
    return result;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    // The consumer stopped early, or a bug threw: stop whatever still runs. A run that
    // ended normally leaves the signal alone (tools may tie longer-lived work to it).
    if (!ended) controller.abort();
  }
}

async function* loop(
  run: Run, started: number, end: (s: ResultSubtype, r: ResultEvent['stopReason'], extra?: Partial<ResultEvent>) => ResultEvent,
): AsyncGenerator<QueryEvent, ResultEvent, undefined> {
  const { options } = run;
  if (options.compactNow) {
    // /compact: summarise what there is now, then end without a model turn.
    yield* manageContext(run, 1, options.compactNow);
    return end('success', 'end_turn');
  }
  for (;;) {
    if (run.signal.aborted) return end('aborted', 'aborted');
    if (options.maxTurns !== undefined && run.turns >= options.maxTurns) return end('error_max_turns', 'max_turns');
    const budgetReason = options.budget?.({
      turns: run.turns, usage: run.ledger.total, costUsd: run.ledger.costUsd, durationMs: performance.now() - started,
    });
    if (budgetReason) return end('error_budget', 'budget', { budgetReason });

    const turn = run.turns + 1;
    yield* manageContext(run, turn);
    const params = await buildParams(run, run.messages, 'turn');
    const assembled = yield* request(run, params, turn, 'turn');
    run.turns = turn;
    if (assembled.content.length) run.messages.push({ role: 'assistant', content: assembled.content });
    run.tracker.record(assembled.usage, run.messages.length);
    yield { type: 'assistant', turn, id: assembled.id, model: assembled.model, message: { role: 'assistant', content: assembled.content }, stopReason: assembled.stopReason };
    yield usageEvent(run, turn, 'turn', assembled);

    const calls = toolCalls(assembled);
    if (calls.length === 0) {
      if (assembled.stopReason === 'pause_turn' && assembled.content.length) continue; // the API wants the turn sent back to go on
      return end('success', (assembled.stopReason ?? 'end_turn') as ModelStopReason);
    }
    const results = yield* runToolCalls(calls, {
      tools: run.tools, canUseTool: options.canUseTool, ask: options.ask ?? denyAsk, context: run.toolContext,
      maxConcurrency: options.maxToolConcurrency ?? 10, turn,
    });
    const message: ConversationMessage = { role: 'user', content: results };
    run.messages.push(message);
    yield { type: 'tool_results', turn, message };
  }
}

function setup(options: QueryOptions, signal: AbortSignal, ledger: UsageLedger): Run {
  const client = options.client ?? createQueryClient(options.connection);
  const tools = new Map<string, Tool<any, any>>();
  for (const tool of options.tools ?? []) {
    if (tools.has(tool.name)) throw new Error(`two tools are named ${tool.name}`);
    tools.set(tool.name, tool);
  }
  return {
    options, client, ledger, signal, tools,
    model: options.model ?? DEFAULT_MODEL,
    maxTokens: options.maxTokens ?? 16_384,
    apiTools: [...tools.values()].map(toApiTool),
    policy: retryPolicy(options.retry),
    context: contextPolicy(options.context),
    tracker: new ContextTracker(),
    toolContext: toolContext(options, signal),
    messages: [...options.messages],
    turns: 0,
    apiMs: 0,
  };
}

function toolContext(options: QueryOptions, signal: AbortSignal): ToolContext {
  const given = options.toolContext ?? {};
  let cwd = given.cwd ?? process.cwd();
  return {
    // A getter, so a `cd` in one call (setCwd) is the cwd of the next.
    get cwd() { return cwd; },
    setCwd(next: string) {
      cwd = next;
      given.setCwd?.(next);
    },
    signal,
    additionalDirectories: given.additionalDirectories ?? [],
    // The session's bounds and read check (src/tools/tool.ts) pass through untouched.
    ...(given.projectRoot !== undefined ? { projectRoot: given.projectRoot } : {}),
    ...(given.canRead ? { canRead: given.canRead } : {}),
    readFiles: given.readFiles ?? new Map(),
    now: given.now ?? Date.now,
    env: given.env ?? process.env,
  };
}

/** The request for `messages`, with the flags' additions: thinking, cache breakpoints. */
async function buildParams(run: Run, messages: readonly ConversationMessage[], purpose: RequestPurpose): Promise<TurnParams> {
  const { options } = run;
  let params: TurnParams = {
    model: run.model,
    max_tokens: run.maxTokens,
    messages: messages as MessageParam[],
    ...(options.system?.length ? { system: options.system } : {}),
    ...(run.apiTools.length ? { tools: run.apiTools } : {}),
  };
  // A summary needs no tools and no thinking; keeping the tool list keeps the cached prefix.
  if (purpose === 'compaction' && run.apiTools.length) params = { ...params, tool_choice: { type: 'none' } };
  if (purpose === 'turn' && options.thinkingBudget !== undefined) {
    if (feature('EXTENDED_THINKING')) {
      const { thinkingParams } = await import('./extended-thinking/index.ts');
      params = { ...params, ...thinkingParams(options.thinkingBudget, params.max_tokens) };
    }
  }
  if (options.promptCaching !== false) {
    if (feature('PROMPT_CACHING')) {
      const { addCacheBreakpoints } = await import('./prompt-caching/index.ts');
      params = addCacheBreakpoints(params);
    }
  }
  return params;
}

function request(run: Run, params: TurnParams, turn: number, purpose: RequestPurpose): AsyncGenerator<QueryEvent, AssembledTurn, undefined> {
  const messages = params.messages as ConversationMessage[];
  return streamTurn(params, {
    client: run.client, signal: run.signal, policy: run.policy, turn, purpose,
    // The API's last count covers run.messages; a summary request is another conversation.
    estimatedInputTokens: purpose === 'turn' ? run.tracker.estimate(params, messages) : new ContextTracker().estimate(params, messages),
    onApiTime: (ms) => { run.apiMs += ms; },
  });
}

function usageEvent(run: Run, turn: number, purpose: RequestPurpose, assembled: AssembledTurn): QueryEvent {
  const model = assembled.model || run.model;
  const costUsd = run.ledger.add(model, assembled.usage);
  return {
    type: 'usage', turn, purpose, model, usage: assembled.usage, costUsd,
    totalUsage: run.ledger.total, totalCostUsd: run.ledger.costUsd,
  };
}

function toolCalls(turn: AssembledTurn): ToolCall[] {
  return turn.content.flatMap((b: ConversationBlock) => {
    if (b.type !== 'tool_use') return [];
    const invalid = turn.invalidInputs.get(b.id);
    return [{ id: b.id, name: b.name, input: b.input, ...(invalid !== undefined ? { invalidJson: invalid } : {}) }];
  });
}

/**
 * Makes room before a request: clears stale tool results past one threshold
 * (MICRO_COMPACT), then has the model summarise older turns past another
 * (AUTO_COMPACT). At most one of each per turn.
 */
async function* manageContext(run: Run, turn: number, manual?: { readonly focus?: string }): AsyncGenerator<QueryEvent, void, undefined> {
  const { context: policy, tracker } = run;
  const fixed = { system: run.options.system, tools: run.apiTools };
  let estimate = tracker.estimate(fixed, run.messages);
  if (!manual && policy.microCompact && estimate >= policy.microCompactAt * policy.windowTokens) {
    if (feature('MICRO_COMPACT')) {
      const { microCompact } = await import('./micro-compact/index.ts');
      const compacted = microCompact(run.messages, policy.keepToolResults);
      if (compacted.cleared > 0) {
        run.messages = compacted.messages;
        tracker.reset();
        const after = tracker.estimate(fixed, run.messages);
        yield { type: 'compaction', turn, kind: 'micro', tokensBefore: estimate, tokensAfter: after, clearedToolResults: compacted.cleared, messages: [...run.messages] };
        estimate = after;
      }
    }
  }
  if (manual || (policy.autoCompact && estimate >= policy.compactAt * policy.windowTokens)) {
    if (feature('AUTO_COMPACT')) {
      const compactor = await import('./auto-compact/index.ts');
      const plan = compactor.planCompaction(run.messages, policy.keepTurns);
      if (!plan) return;
      const params = await buildParams(run, compactor.summaryRequestMessages(plan.older, manual?.focus), 'compaction');
      let summaryTurn: AssembledTurn;
      try {
        summaryTurn = yield* request(run, params, turn, 'compaction');
      } catch (error) {
        // What streamed of a summary is no partial answer to report.
        if (error instanceof TurnAbortedError) throw new TurnAbortedError([]);
        throw error;
      }
      yield usageEvent(run, turn, 'compaction', summaryTurn);
      const summary = textOf({ role: 'assistant', content: summaryTurn.content });
      if (!summary.trim()) return; // nothing to replace the turns with: go on uncompacted
      run.messages = compactor.compactedConversation(summary, compactor.collectFacts(plan.older), plan.recent);
      tracker.reset();
      const after = tracker.estimate(fixed, run.messages);
      yield { type: 'compaction', turn, kind: 'auto', tokensBefore: estimate, tokensAfter: after, summary, messages: [...run.messages] };
    }
  }
}
