import type { TextBlockParam } from '@anthropic-ai/sdk/resources/messages';
import type { Tool, ToolContext } from '../tools/tool.ts';
import type { ConnectionOptions, QueryClient } from './client.ts';
import type { ContextOptions } from './context.ts';
import type { PricingTable } from './pricing.ts';
import type { RetryOptions } from './retry.ts';
import type { AskHandler, CanUseTool } from './tool-runner.ts';
import type { ConversationMessage, TokenUsage } from './types.ts';

/** The model used when none is given. */
export const DEFAULT_MODEL = 'claude-sonnet-5-5';

/** What has been spent so far, for the budget check. */
export interface Spent {
  /** Model turns completed. */
  readonly turns: number;
  readonly usage: TokenUsage;
  readonly costUsd: number;
  readonly durationMs: number;
}

/**
 * Decides, before each request, whether the run may go on: return a reason
 * to stop (the run ends with subtype `error_budget`), or undefined.
 */
export type BudgetCheck = (spent: Spent) => string | undefined;

/** Everything a run needs. Only `messages` and `canUseTool` are required. */
export interface QueryOptions {
  /** The conversation so far, ending with the new user message (a resumed transcript, then the prompt). */
  readonly messages: readonly ConversationMessage[];
  /** The permission gate, asked before every tool call. */
  readonly canUseTool: CanUseTool;
  /** Resolves the gate's `ask` decisions. @default deny (headless: nobody to ask) */
  readonly ask?: AskHandler;
  /** @default DEFAULT_MODEL */
  readonly model?: string;
  /** The system prompt. */
  readonly system?: string | TextBlockParam[];
  /** The tools the model may call. @default none */
  readonly tools?: readonly Tool<any, any>[];
  /** Most model turns (requests) this run may make. @default no limit */
  readonly maxTurns?: number;
  /** max_tokens of each request. @default 16_384 */
  readonly maxTokens?: number;
  /** Thinking budget in tokens (at least 1024); thinking is off when unset. */
  readonly thinkingBudget?: number;
  /** Aborts the stream, the tools and the loop; the result then says `aborted`. */
  readonly signal?: AbortSignal;
  /** An SDK client to use; otherwise one is made from `connection`. */
  readonly client?: QueryClient;
  /** API key, base URL, timeout; defaults from the environment. */
  readonly connection?: ConnectionOptions;
  readonly retry?: RetryOptions;
  readonly context?: ContextOptions;
  /** Set false to send no cache_control breakpoints. @default true */
  readonly promptCaching?: boolean;
  /** Stops the run when it returns a reason. */
  readonly budget?: BudgetCheck;
  /** Prices merged over the default table (model id prefix to USD per million tokens). */
  readonly pricing?: PricingTable;
  /** The tool context's fields; `signal` is the run's. Defaults: process.cwd(), no extra folders, a fresh read-file map, Date.now, process.env. */
  readonly toolContext?: Partial<Omit<ToolContext, 'signal'>>;
  /** Summarise the conversation now (`/compact [focus]`) and end without a model turn. */
  readonly compactNow?: { readonly focus?: string };
  /** Most tool calls running at once in a concurrency-safe batch. @default 10 */
  readonly maxToolConcurrency?: number;
}
