import type { QueryEvent } from '../../query/index.ts';
import type {
  InteractiveRuntime,
  PermissionAnswer,
  PermissionRequest,
  PlanApprovalAnswer,
  PlanApprovalRequest,
  TurnOptions,
} from '../runtime.ts';
import type { UiStore } from './store.ts';
import { TurnTracker } from './turn-tracker.ts';
import type { LiveTurn } from './types.ts';

/** Why the UI wants the user's attention (bell / OSC 9 when the terminal is unfocused). */
export type AttentionReason = 'turn_done' | 'input_needed';

export interface ControllerOptions {
  readonly runtime: InteractiveRuntime;
  readonly store: UiStore;
  readonly now?: () => number;
  /** Called when a long turn ends or a dialog needs an answer. */
  readonly onAttention?: (reason: AttentionReason, message: string, turnMs: number) => void;
}

/**
 * Runs turns against the runtime and answers its questions through dialogs.
 * Components call it; it never touches React. One turn at a time: prompts
 * sent while one runs are queued and sent after it, in order.
 */
export class SessionController {
  private readonly runtime: InteractiveRuntime;
  private readonly store: UiStore;
  private readonly now: () => number;
  private readonly onAttention: NonNullable<ControllerOptions['onAttention']>;
  private abort: AbortController | undefined;
  private running: Promise<void> | undefined;

  constructor(options: ControllerOptions) {
    this.runtime = options.runtime;
    this.store = options.store;
    this.now = options.now ?? Date.now;
    this.onAttention = options.onAttention ?? (() => {});
  }

  isRunning(): boolean {
    return this.abort !== undefined;
  }

  /** Resolves when the current turn (and the queue after it) has finished. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Sends a prompt (expanded), or queues it while a turn runs. `shown` is what the transcript shows. */
  submitPrompt(prompt: string, shown: string = prompt): void {
    if (this.isRunning()) {
      this.store.update({ queued: [...this.store.getState().queued, prompt] });
      return;
    }
    this.store.append({ kind: 'user', text: shown, mode: 'prompt' });
    void this.run((o) => this.runtime.submit(prompt, o));
  }

  /** `!command`: a Bash call through the permission gate. */
  runShell(command: string): void {
    if (this.isRunning()) return;
    this.store.append({ kind: 'user', text: command, mode: 'shell' });
    void this.run((o) => this.runtime.runShell(command, o), 'tools');
  }

  /**
   * Runs any model-driving call (a prompt, /compact, /init) as a turn:
   * renders its events, and resolves once its `result` arrived.
   */
  run(start: (options: TurnOptions) => AsyncIterable<QueryEvent>, phase: LiveTurn['phase'] = 'requesting'): Promise<void> {
    const abort = new AbortController();
    this.abort = abort;
    const tracker = new TurnTracker(this.store, this.now, { verbose: this.store.getState().info.verbose });
    tracker.start(phase);
    const startedAt = this.now();
    const options: TurnOptions = {
      signal: abort.signal,
      askPermission: (request) => this.askPermission(request, abort.signal),
      askPlanApproval: (request) => this.askPlanApproval(request, abort.signal),
    };
    const run = (async () => {
      try {
        for await (const event of start(options)) tracker.apply(event);
      } catch (error) {
        // The runtime must end every run with a result; an exception is reported, not fatal.
        this.store.append({ kind: 'notice', tone: 'error', text: `Error: ${error instanceof Error ? error.message : String(error)}` });
      } finally {
        if (this.store.getState().live) {
          tracker.apply({
            type: 'result', subtype: abort.signal.aborted ? 'aborted' : 'error', isError: true, stopReason: abort.signal.aborted ? 'aborted' : 'error',
            result: '', numTurns: 0, durationMs: 0, durationApiMs: 0,
            usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
            totalCostUsd: 0, modelUsage: {}, messages: [],
          });
        }
        this.abort = undefined;
      }
      const turnMs = this.now() - startedAt;
      if (!abort.signal.aborted) this.onAttention('turn_done', 'Wren is waiting for your input', turnMs);
      this.store.update({ info: this.runtime.info() });
      const [next, ...rest] = this.store.getState().queued;
      if (next !== undefined) {
        this.store.update({ queued: rest });
        this.submitPrompt(next);
      }
    })();
    this.running = run;
    void run.finally(() => {
      if (this.running === run) this.running = undefined;
    });
    return run;
  }

  /** Esc: interrupts the running turn (open dialogs answer "no"). Returns whether there was one. */
  interrupt(): boolean {
    if (!this.abort) return false;
    this.store.updateLive({ interrupting: true });
    this.abort.abort();
    return true;
  }

  /** Drops the queued prompts (Esc on an idle prompt with a queue, or after an interrupt). */
  clearQueue(): string[] {
    const queued = [...this.store.getState().queued];
    this.store.update({ queued: [] });
    return queued;
  }

  private askPermission(request: PermissionRequest, signal: AbortSignal): Promise<PermissionAnswer> {
    return this.ask<PermissionAnswer>(signal, { kind: 'deny', note: 'The user interrupted.' }, (resolve) =>
      this.store.pushDialog({ kind: 'permission', request, resolve }), `Wren needs your permission to use ${request.toolName}`);
  }

  private askPlanApproval(request: PlanApprovalRequest, signal: AbortSignal): Promise<PlanApprovalAnswer> {
    return this.ask<PlanApprovalAnswer>(signal, { approved: false, feedback: 'The user interrupted.' }, (resolve) =>
      this.store.pushDialog({ kind: 'plan', request, resolve }), 'Wren has a plan for your approval');
  }

  private ask<T>(signal: AbortSignal, onAbort: T, open: (resolve: (answer: T) => void) => number, message: string): Promise<T> {
    if (signal.aborted) return Promise.resolve(onAbort);
    return new Promise<T>((resolve) => {
      let id = 0;
      const finish = (answer: T) => {
        signal.removeEventListener('abort', aborted);
        this.store.removeDialog(id);
        resolve(answer);
      };
      const aborted = () => finish(onAbort);
      signal.addEventListener('abort', aborted, { once: true });
      id = open(finish);
      this.onAttention('input_needed', message, 0);
    });
  }
}
