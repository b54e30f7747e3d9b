import type { MessageCreateParamsBase, RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { TurnAssembler, type AssembledTurn } from './assemble.ts';
import type { QueryClient } from './client.ts';
import type { QueryEvent, RequestPurpose } from './events.ts';
import { classify, RetryBudget, StreamIncompleteError, type Failure, type RetryPolicy } from './retry.ts';
import type { ConversationBlock } from './types.ts';

/** The parameters of one request, without `stream` (always on). */
export type TurnParams = Omit<MessageCreateParamsBase, 'stream'>;

/** The run was aborted while a request was in flight; `partial` is what had streamed. */
export class TurnAbortedError extends Error {
  readonly partial: ConversationBlock[];
  constructor(partial: ConversationBlock[]) {
    super('aborted');
    this.name = 'TurnAbortedError';
    this.partial = partial;
  }
}

export interface StreamTurnContext {
  readonly client: QueryClient;
  readonly signal: AbortSignal;
  readonly policy: RetryPolicy;
  readonly turn: number;
  readonly purpose: RequestPurpose;
  readonly estimatedInputTokens: number;
  /** Adds time spent waiting on the API. */
  readonly onApiTime: (ms: number) => void;
}

/**
 * Streams one model turn, retrying what can be retried. A stream cut midway
 * is discarded whole and the same request sent again: a partial turn is never
 * stitched to a retried one.
 *
 * @throws QueryError when the API refuses or the retry caps are reached
 * @throws TurnAbortedError when the signal aborts
 */
export async function* streamTurn(params: TurnParams, ctx: StreamTurnContext): AsyncGenerator<QueryEvent, AssembledTurn, undefined> {
  const budget = new RetryBudget(ctx.policy);
  for (;;) {
    yield {
      type: 'request_start', turn: ctx.turn, attempt: budget.attempts, purpose: ctx.purpose,
      model: params.model, estimatedInputTokens: ctx.estimatedInputTokens,
    };
    const assembler = new TurnAssembler();
    const started = performance.now();
    let failure: Failure | undefined;
    try {
      failure = yield* attempt(params, ctx, assembler);
    } finally {
      ctx.onApiTime(performance.now() - started);
    }
    if (!failure && ctx.signal.aborted) failure = { kind: 'aborted' };
    if (!failure && !assembler.complete) failure = classify(new StreamIncompleteError(), ctx.signal, ctx.policy.now);
    if (!failure) return assembler.finish();
    if (failure.kind === 'aborted') throw new TurnAbortedError(assembler.partial());
    if (failure.kind === 'fatal') throw failure.error;
    const next = budget.next(failure);
    if ('exhausted' in next) throw next.exhausted;
    yield {
      type: 'retry', turn: ctx.turn, purpose: ctx.purpose, nextAttempt: budget.attempts, delayMs: next.delayMs,
      reason: failure.reason, message: failure.message, ...(failure.status !== undefined ? { status: failure.status } : {}),
    };
    try {
      await ctx.policy.sleep(next.delayMs, ctx.signal);
    } catch (error) {
      if (ctx.signal.aborted) throw new TurnAbortedError([]);
      throw error;
    }
  }
}

/** One attempt: returns the failure, if any; deltas are yielded as they arrive. */
async function* attempt(params: TurnParams, ctx: StreamTurnContext, assembler: TurnAssembler): AsyncGenerator<QueryEvent, Failure | undefined, undefined> {
  // Its own controller, so the idle watchdog can drop this attempt without aborting the run.
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(ctx.signal.reason);
  if (ctx.signal.aborted) onAbort();
  else ctx.signal.addEventListener('abort', onAbort, { once: true });
  const watchdog = new IdleWatchdog(ctx.policy.idleTimeoutMs, () => controller.abort());
  const failed = (error: unknown): Failure =>
    watchdog.fired && !ctx.signal.aborted
      ? classify(new StreamIncompleteError(`no data from the API for ${Math.round(ctx.policy.idleTimeoutMs / 1000)} s`), ctx.signal, ctx.policy.now)
      : classify(error, ctx.signal, ctx.policy.now);
  let iterator: AsyncIterator<RawMessageStreamEvent> | undefined;
  let finished = false;
  try {
    try {
      const stream = await ctx.client.messages.create({ ...params, stream: true }, { signal: controller.signal });
      iterator = stream[Symbol.asyncIterator]();
    } catch (error) {
      return failed(error);
    }
    for (;;) {
      watchdog.reset();
      let next: IteratorResult<RawMessageStreamEvent>;
      try {
        next = await iterator.next();
      } catch (error) {
        finished = true;
        return failed(error);
      }
      if (next.done) {
        finished = true;
        // The SDK ends a stream quietly when its request is aborted: a watchdog drop is a failure.
        return watchdog.fired && !ctx.signal.aborted ? failed(undefined) : undefined;
      }
      // Outside the try above: a bug in assembling must throw, not be retried as a network error.
      const delta = assembler.handle(next.value);
      if (delta?.kind === 'text') yield { type: 'text_delta', turn: ctx.turn, index: delta.index, text: delta.text };
      else if (delta?.kind === 'thinking') yield { type: 'thinking_delta', turn: ctx.turn, index: delta.index, thinking: delta.thinking };
    }
  } finally {
    watchdog.stop();
    ctx.signal.removeEventListener('abort', onAbort);
    // The consumer stopped early (or we threw): let the SDK abort the HTTP response.
    if (iterator && !finished) await iterator.return?.();
  }
}

/** Calls `onIdle` once if `reset` is not called within `ms`. */
class IdleWatchdog {
  fired = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly ms: number;
  private readonly onIdle: () => void;

  constructor(ms: number, onIdle: () => void) {
    this.ms = ms;
    this.onIdle = onIdle;
    this.reset();
  }

  reset(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.fired = true;
      this.onIdle();
    }, this.ms);
    // A watchdog alone must not keep the process alive.
    this.timer.unref?.();
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}
