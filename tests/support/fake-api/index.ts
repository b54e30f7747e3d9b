/**
 * The fake Messages API: the project's stand-in for the model in every test.
 * It speaks the real HTTP + SSE protocol to the real @anthropic-ai/sdk.
 *
 * ```ts
 * const api = await startFakeApi([
 *   turn([text('Let me look.'), toolUse('Read', { file_path: 'src/a.ts' })]),
 *   fault.rateLimited({ retryAfter: 1 }),
 *   'All done.',
 * ]);
 * // ...point ANTHROPIC_BASE_URL at api.url, run, then:
 * expect(toolResultsOf(api.messageRequests[1]!.body)[0]!.tool_use_id).toBe('toolu_fake_0001');
 * await api.close();
 * ```
 */
export { startFakeApi, type FakeApi, type FakeApiOptions } from './server.ts';
export { fault, text, thinking, toolUse, turn, type TurnOptions } from './builders.ts';
export { blocksOf, cacheBreakpointsOf, credentialOf, textOf, toolResultsOf } from './inspect.ts';
export { countInputTokens, estimateTokens } from './usage.ts';
export type {
  Block,
  BodyBlock,
  BodyMessage,
  CacheControl,
  Fault,
  MessagesBody,
  RecordedRequest,
  Reply,
  ReplyKind,
  Script,
  ScriptEntry,
  StopReason,
  Turn,
  TurnTiming,
  UsageNumbers,
} from './types.ts';
