import type { FeatureModule } from '../../feature/feature-module.ts';
import { blocksOf, textOf, type ConversationBlock, type ConversationMessage } from '../types.ts';
import continuationTemplate from './continuation.md';
import summaryPrompt from './prompt.md';

/**
 * AUTO_COMPACT's gated module: summarise the conversation when the context window nears its limit.
 */
export const featureModule: FeatureModule = {
  flag: 'AUTO_COMPACT',
  status: 'ready',
  provides: ['auto-compact'],
};

/** The conversation cut in two: what the summary replaces, and the turns kept verbatim. */
export interface CompactionPlan {
  readonly older: readonly ConversationMessage[];
  readonly recent: readonly ConversationMessage[];
}

/**
 * Where to cut: `recent` starts at an assistant message, so every tool_use in
 * it keeps its tool_result and the summary (a user message) can precede it.
 * At least one assistant turn is summarised; undefined when there is none.
 */
export function planCompaction(messages: readonly ConversationMessage[], keepTurns: number): CompactionPlan | undefined {
  const assistants = messages.flatMap((m, i) => (m.role === 'assistant' ? [i] : []));
  if (assistants.length === 0) return undefined;
  const keep = Math.max(0, Math.min(keepTurns, assistants.length - 1));
  const cut = keep === 0 ? messages.length : assistants[assistants.length - keep]!;
  return { older: messages.slice(0, cut), recent: messages.slice(cut) };
}

/** The messages of the summary request: the older part, then the instruction to summarise (with the user's focus, from /compact). */
export function summaryRequestMessages(older: readonly ConversationMessage[], focus?: string): ConversationMessage[] {
  const out = [...older];
  const last = out.at(-1);
  const text = focus?.trim() ? `${summaryPrompt.trim()}\n\nIn the summary, pay particular attention to: ${focus.trim()}` : summaryPrompt.trim();
  const instruction: ConversationBlock = { type: 'text', text };
  if (last?.role === 'user') out[out.length - 1] = { role: 'user', content: [...blocksOf(last), instruction] };
  else out.push({ role: 'user', content: [instruction] });
  return out;
}

/** What a compaction keeps besides the model's summary, taken from the conversation itself. */
export interface CompactionFacts {
  /** The user's original request, verbatim (cut at 8,000 characters). */
  readonly task: string;
  /** Paths of files the tools were called on, first use first. */
  readonly files: readonly string[];
  /** Todos not completed, from the latest todo list a tool was given. */
  readonly todos: readonly string[];
}

const PATH_KEYS = ['file_path', 'path', 'notebook_path'];
const TASK_LIMIT = 8000;

/** Facts of the older part, carried over from an earlier compaction's message when there was one. */
export function collectFacts(older: readonly ConversationMessage[]): CompactionFacts {
  const previous = older[0] ? parseContinuation(textOf(older[0])) : undefined;
  const files = new Set(previous?.files ?? []);
  let todos: string[] | undefined;
  for (const message of older) {
    if (message.role !== 'assistant') continue;
    for (const block of blocksOf(message)) {
      if (block.type !== 'tool_use') continue;
      const input = (block.input ?? {}) as Record<string, unknown>;
      for (const key of PATH_KEYS) if (typeof input[key] === 'string' && input[key]) files.add(input[key]);
      if (Array.isArray(input['todos'])) todos = openTodos(input['todos']);
    }
  }
  const task = previous?.task ?? textOf(older.find((m) => m.role === 'user'));
  return { task: task.slice(0, TASK_LIMIT), files: [...files], todos: todos ?? [...(previous?.todos ?? [])] };
}

function openTodos(list: unknown[]): string[] {
  const out: string[] = [];
  for (const item of list) {
    if (typeof item !== 'object' || item === null) continue;
    const { content, status } = item as { content?: unknown; status?: unknown };
    if (typeof content !== 'string' || status === 'completed') continue;
    out.push(`[${typeof status === 'string' ? status : 'pending'}] ${content}`);
  }
  return out;
}

/** The conversation after compaction: one user message with the summary and the facts, then the kept turns. */
export function compactedConversation(summary: string, facts: CompactionFacts, recent: readonly ConversationMessage[]): ConversationMessage[] {
  const values: Record<string, string> = {
    summary: summary.trim(),
    task: facts.task || '(not recorded)',
    files: facts.files.join('\n') || '(none)',
    todos: facts.todos.map((t) => `- ${t}`).join('\n') || '(none)',
  };
  // One pass, so a summary that happens to contain {{files}} stays as written.
  const text = continuationTemplate.trim().replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
  return [{ role: 'user', content: [{ type: 'text', text }] }, ...recent];
}

/** Reads the facts back from an earlier compaction's message, so a second compaction keeps them. */
function parseContinuation(text: string): { task: string; files: string[]; todos: string[] } | undefined {
  const firstLine = continuationTemplate.trim().split('\n')[0]!;
  if (!text.startsWith(firstLine)) return undefined;
  const section = (tag: string): string => text.match(new RegExp(`<${tag}>\\n([\\s\\S]*?)\\n</${tag}>`))?.[1] ?? '';
  const lines = (tag: string): string[] => section(tag).split('\n').filter((l) => l && l !== '(none)');
  return {
    task: section('original-request'),
    files: lines('files-touched'),
    todos: lines('open-todos').map((l) => l.replace(/^- /, '')),
  };
}
