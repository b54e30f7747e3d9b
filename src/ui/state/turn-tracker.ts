import { feature } from '../../feature/index.ts';
import type { QueryEvent, ResultEvent, ToolResultEvent } from '../../query/index.ts';
import { stableBoundary } from '../markdown/stream-split.ts';
import type { UiStore } from './store.ts';
import type { LiveTurn, TodoEntry, ToolCallRecord } from './types.ts';

/** Progress messages kept per running tool. */
const PROGRESS_KEPT = 5;

/** Characters per token, to estimate output tokens while a reply streams (usage events correct it). */
const CHARS_PER_TOKEN = 4;

/**
 * Applies one run's QueryEvents to the store: streamed text is committed to
 * the transcript block by block, tool calls live while they run and are
 * committed when they finish, usage updates the spinner. One tracker per run.
 */
export class TurnTracker {
  /** Tool calls the model asked for (from `assistant` messages): inputs for denied calls too. */
  private readonly toolUses = new Map<string, { name: string; input: unknown }>();
  private textIndex = -1;
  private streamedText = false;
  private streamedThinking = false;
  /** Output tokens reported by usage events of this run's earlier requests. */
  private reportedTokens = 0;
  private streamedChars = 0;

  private readonly store: UiStore;
  private readonly now: () => number;
  private readonly options: { readonly verbose: boolean };

  constructor(store: UiStore, now: () => number, options: { readonly verbose: boolean }) {
    this.store = store;
    this.now = now;
    this.options = options;
  }

  start(phase: LiveTurn['phase'] = 'requesting'): void {
    this.store.update({
      live: {
        startedAt: this.now(), phase, text: '', textContinues: false, thinking: '', tools: [],
        outputTokens: 0, costUsd: 0, interrupting: false,
      },
    });
  }

  apply(event: QueryEvent): void {
    const live = this.store.getState().live;
    if (!live) return;
    switch (event.type) {
      case 'request_start':
        this.textIndex = -1;
        this.streamedText = false;
        this.streamedThinking = false;
        this.streamedChars = 0;
        this.store.updateLive({ phase: event.purpose === 'compaction' ? 'compacting' : 'requesting', retry: undefined });
        break;
      case 'retry':
        // What the failed attempt streamed is void; anything already committed stays, so say so.
        if (this.streamedText) this.store.append({ kind: 'notice', tone: 'warning', text: 'The answer above was cut off; it is being sent again.' });
        this.store.updateLive({
          phase: 'retrying', text: '', thinking: '', textContinues: false,
          retry: { until: this.now() + event.delayMs, message: `${event.message}${event.status ? ` (${event.status})` : ''}` },
        });
        break;
      case 'thinking_delta':
        this.streamedThinking = true;
        this.streamedChars += event.thinking.length;
        this.store.updateLive({ phase: 'thinking', thinking: this.options.verbose ? live.thinking + event.thinking : '', outputTokens: this.estimate() });
        break;
      case 'text_delta':
        this.onText(live, event.index, event.text);
        break;
      case 'assistant':
        this.onAssistant(live, event.message.content);
        break;
      case 'usage':
        if (event.purpose === 'turn') this.reportedTokens += event.usage.output_tokens;
        this.streamedChars = 0;
        this.store.updateLive({ outputTokens: this.reportedTokens, costUsd: event.totalCostUsd });
        break;
      case 'permission':
        if (event.decision.behavior === 'deny' || event.asked) this.store.updateLive({ phase: 'tools' });
        break;
      case 'tool_start':
        this.onToolStart(live, event.toolUseId, event.toolName, event.input);
        break;
      case 'tool_progress':
        this.store.updateLive({
          tools: live.tools.map((t) => (t.toolUseId === event.toolUseId ? { ...t, progress: [...t.progress, event.message].slice(-PROGRESS_KEPT) } : t)),
        });
        break;
      case 'tool_result':
        this.onToolResult(live, event);
        break;
      case 'tool_results':
        this.store.updateLive({ phase: 'requesting' });
        break;
      case 'compaction':
        this.store.append({
          kind: 'notice', tone: 'info',
          text: event.kind === 'auto'
            ? `Conversation compacted: ${event.tokensBefore} → ${event.tokensAfter} tokens (older turns summarised).`
            : `Cleared ${event.clearedToolResults ?? 0} stale tool results: ${event.tokensBefore} → ${event.tokensAfter} tokens.`,
        });
        break;
      case 'result':
        this.onResult(live, event);
        break;
    }
  }

  private onText(live: LiveTurn, index: number, delta: string): void {
    this.streamedText = true;
    this.streamedChars += delta.length;
    let text = live.text;
    let continues = live.textContinues;
    if (index !== this.textIndex) {
      // A new text block: the previous one is complete.
      this.commitText(text, continues);
      text = '';
      continues = false;
      this.textIndex = index;
    }
    text += delta;
    const boundary = stableBoundary(text);
    if (boundary > 0) {
      this.commitText(text.slice(0, boundary), continues);
      text = text.slice(boundary);
      continues = true;
    }
    this.store.updateLive({ phase: 'responding', text, textContinues: continues, outputTokens: this.estimate() });
  }

  private commitText(markdown: string, continues: boolean): void {
    if (markdown.trim() === '') return;
    this.store.append({ kind: 'assistant', markdown: markdown.trimEnd(), first: !continues });
  }

  private onAssistant(live: LiveTurn, content: string | readonly { type: string }[]): void {
    const blocks = typeof content === 'string' ? [{ type: 'text', text: content }] : content;
    if (this.streamedThinking && this.options.verbose && live.thinking.trim() !== '') {
      this.store.append({ kind: 'thinking', text: live.thinking.trim() });
    }
    if (!this.streamedThinking && this.options.verbose) {
      for (const b of blocks) if (b.type === 'thinking') this.store.append({ kind: 'thinking', text: (b as unknown as { thinking: string }).thinking.trim() });
    }
    if (this.streamedText) this.commitText(live.text, live.textContinues);
    else for (const b of blocks) if (b.type === 'text') this.commitText((b as unknown as { text: string }).text, false);
    for (const b of blocks) {
      if (b.type === 'tool_use') {
        const use = b as unknown as { id: string; name: string; input: unknown };
        this.toolUses.set(use.id, { name: use.name, input: use.input });
      }
    }
    this.store.updateLive({ text: '', thinking: '', textContinues: false });
  }

  private onToolStart(live: LiveTurn, toolUseId: string, name: string, input: unknown): void {
    const record: ToolCallRecord = { toolUseId, name, input, startedAt: this.now(), progress: [] };
    // The todo list (TODO_TOOL) is rendered from the list the model sends.
    if (feature('TODO_TOOL') && name === 'TodoWrite') {
      const todos = todosOf(input);
      if (todos) this.store.update({ todos: todos.every((t) => t.status === 'completed') ? [] : todos });
    }
    this.store.updateLive({ phase: 'tools', tools: [...live.tools, record] });
  }

  private onToolResult(live: LiveTurn, event: ToolResultEvent): void {
    const running = live.tools.find((t) => t.toolUseId === event.toolUseId);
    const asked = this.toolUses.get(event.toolUseId);
    const output = (event as { output?: unknown }).output;
    const call: ToolCallRecord = {
      toolUseId: event.toolUseId,
      name: event.toolName,
      input: running?.input ?? asked?.input,
      startedAt: running?.startedAt ?? this.now(),
      progress: running?.progress ?? [],
      outcome: event.outcome,
      isError: event.isError,
      resultText: contentText(event.content),
      durationMs: event.durationMs,
      ...(output !== undefined ? { output } : {}),
    };
    this.store.append({ kind: 'tool', call });
    this.store.updateLive({ tools: live.tools.filter((t) => t.toolUseId !== event.toolUseId) });
  }

  private onResult(live: LiveTurn, event: ResultEvent): void {
    // Anything still live (a stream cut by an abort) is committed as it was.
    if (live.text.trim() !== '') this.commitText(live.text, live.textContinues);
    for (const tool of live.tools) this.store.append({ kind: 'tool', call: { ...tool, outcome: 'interrupted', isError: true } });
    if (event.subtype === 'aborted') this.store.append({ kind: 'notice', tone: 'warning', text: 'Interrupted. What should Wren do instead?' });
    else if (event.subtype === 'error_max_turns') this.store.append({ kind: 'notice', tone: 'warning', text: `Stopped after ${event.numTurns} turns (the turn limit).` });
    else if (event.subtype === 'error_budget') this.store.append({ kind: 'notice', tone: 'warning', text: `Stopped: ${event.budgetReason ?? 'budget reached'}.` });
    else if (event.subtype === 'error') this.store.append({ kind: 'notice', tone: 'error', text: `Error: ${event.error?.message ?? event.result ?? 'the request failed'}` });
    const totals = this.store.getState().totals;
    this.store.update({
      live: undefined,
      totals: {
        costUsd: totals.costUsd + event.totalCostUsd,
        inputTokens: totals.inputTokens + event.usage.input_tokens + event.usage.cache_read_input_tokens + event.usage.cache_creation_input_tokens,
        outputTokens: totals.outputTokens + event.usage.output_tokens,
        turns: totals.turns + event.numTurns,
      },
    });
  }

  private estimate(): number {
    return this.reportedTokens + Math.round(this.streamedChars / CHARS_PER_TOKEN);
  }
}

/** The todo list of a TodoWrite input, or undefined when it does not look like one. */
export function todosOf(input: unknown): TodoEntry[] | undefined {
  const todos = (input as { todos?: unknown } | undefined)?.todos;
  if (!Array.isArray(todos)) return undefined;
  return todos.flatMap((t: unknown) => {
    const item = t as Partial<TodoEntry>;
    if (typeof item?.content !== 'string' || !['pending', 'in_progress', 'completed'].includes(item.status as string)) return [];
    return [{ content: item.content, status: item.status!, activeForm: typeof item.activeForm === 'string' ? item.activeForm : item.content }];
  });
}

function contentText(content: ToolResultEvent['content']): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((b) => (b.type === 'text' ? b.text : b.type === 'image' ? '[image]' : '')).join('\n');
}
