import type { Tool as ApiTool } from '@anthropic-ai/sdk/resources/messages';
import { z } from 'zod';
import type { Tool } from '../tools/tool.ts';

/**
 * A tool as the Messages API declares it: name, description and the JSON
 * Schema derived from its zod input schema (the input side: defaults optional).
 *
 * @throws Error if the schema is not an object schema (a bug in the tool)
 */
export function toApiTool(tool: Tool<any, any>): ApiTool {
  const schema = z.toJSONSchema(tool.inputSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete schema['$schema'];
  if (schema['type'] !== 'object') throw new Error(`tool ${tool.name}: inputSchema must be a zod object, got JSON Schema type ${String(schema['type'])}`);
  return { name: tool.name, description: tool.description, input_schema: dropSafeIntegerBounds(schema) as ApiTool.InputSchema };
}

/** zod states `.int()` as ±2^53 bounds: tokens that tell the model nothing. */
function dropSafeIntegerBounds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropSafeIntegerBounds);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === 'minimum' && item === Number.MIN_SAFE_INTEGER) continue;
    if (key === 'maximum' && item === Number.MAX_SAFE_INTEGER) continue;
    out[key] = dropSafeIntegerBounds(item);
  }
  return out;
}
