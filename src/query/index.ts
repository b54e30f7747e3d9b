/**
 * The query engine: the agent loop over the Messages API.
 *
 * ```ts
 * for await (const event of runQuery({ messages: [{ role: 'user', content: prompt }], tools, canUseTool })) {
 *   if (event.type === 'result') ...
 * }
 * ```
 */
export { runQuery } from './run-query.ts';
export { DEFAULT_MODEL, type BudgetCheck, type QueryOptions, type Spent } from './options.ts';
export { createQueryClient, type ConnectionOptions, type QueryClient } from './client.ts';
export { QueryError, isQueryError, type QueryErrorCode } from './errors.ts';
export { denyAsk, type AskHandler, type AskRequest, type CanUseTool, type GateAnswer } from './tool-runner.ts';
export { toApiTool } from './tool-schema.ts';
export { defaultPricing, costOf, priceFor, type ModelPrice, type PricingTable, type Rates } from './pricing.ts';
export { estimateTokens, type ContextOptions } from './context.ts';
export { parseRetryAfter, type RetryOptions, type RetryReason } from './retry.ts';
export { QUERY_EVENT_SCHEMA_VERSION } from './events.ts';
export type {
  AssistantEvent,
  CompactionEvent,
  ModelStopReason,
  PermissionEvent,
  QueryEvent,
  RequestPurpose,
  RequestStartEvent,
  ResultEvent,
  ResultSubtype,
  RetryEvent,
  TextDeltaEvent,
  ThinkingDeltaEvent,
  ToolOutcome,
  ToolProgressEvent,
  ToolResultEvent,
  ToolResultsEvent,
  ToolStartEvent,
  UsageEvent,
} from './events.ts';
export { addUsage, textOf, ZERO_USAGE, type ConversationBlock, type ConversationMessage, type TokenUsage } from './types.ts';
