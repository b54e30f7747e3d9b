import { z } from 'zod';

/*
 * The headless output schema (README.md, "Headless output"), version 1, as a
 * user's script would check it. Kept independent of src/ on purpose: a change
 * to the emitted shape must break these tests.
 */
const usage = z.strictObject({
  input_tokens: z.number().int().nonnegative(),
  output_tokens: z.number().int().nonnegative(),
  cache_creation_input_tokens: z.number().int().nonnegative(),
  cache_read_input_tokens: z.number().int().nonnegative(),
});

export const resultRecord = z.strictObject({
  type: z.literal('result'),
  subtype: z.enum(['success', 'error_max_turns', 'error_budget', 'aborted', 'error']),
  is_error: z.boolean(),
  result: z.string(),
  session_id: z.uuid(),
  num_turns: z.number().int().nonnegative(),
  duration_ms: z.number().nonnegative(),
  duration_api_ms: z.number().nonnegative(),
  total_cost_usd: z.number().nonnegative(),
  usage,
  stop_reason: z.string(),
  schema_version: z.literal(1),
  error: z.strictObject({ code: z.string(), message: z.string() }).optional(),
});

export const initRecord = z.strictObject({
  type: z.literal('system'),
  subtype: z.literal('init'),
  schema_version: z.literal(1),
  session_id: z.uuid(),
  cwd: z.string(),
  model: z.string(),
  tools: z.array(z.string()),
  permission_mode: z.string(),
  wren_version: z.string(),
});

const block = z.looseObject({ type: z.string() });

export const assistantRecord = z.strictObject({
  type: z.literal('assistant'),
  session_id: z.uuid(),
  message: z.strictObject({ id: z.string(), model: z.string(), role: z.literal('assistant'), content: z.array(block), stop_reason: z.string().nullable() }),
});

export const userRecord = z.strictObject({
  type: z.literal('user'),
  session_id: z.uuid(),
  message: z.strictObject({ role: z.literal('user'), content: z.array(block) }),
});

export const systemRecord = z.looseObject({ type: z.literal('system'), subtype: z.enum(['compaction', 'retry', 'permission']), session_id: z.uuid() });

export const streamRecord = z.union([initRecord, assistantRecord, userRecord, systemRecord, resultRecord]);
