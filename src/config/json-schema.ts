import { z } from 'zod';
import { McpFileSchema, SettingsSchema } from './schema.ts';

/**
 * The JSON Schema of settings files, generated from the zod schema (what a
 * user writes, so the input side). Snapshot-guarded in tests: a change to what
 * users may write shows up in review.
 */
export function settingsJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(SettingsSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

/** The JSON Schema of `.mcp.json`. */
export function mcpJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(McpFileSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
