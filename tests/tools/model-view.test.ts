import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { editTool } from '../../src/tools/edit/tool.ts';
import { globTool } from '../../src/tools/glob/tool.ts';
import { grepTool } from '../../src/tools/grep/tool.ts';
import { lsTool } from '../../src/tools/ls/tool.ts';
import { notebookEditTool } from '../../src/tools/notebook-edit/index.ts';
import { readTool } from '../../src/tools/read/tool.ts';
import type { Tool } from '../../src/tools/tool.ts';
import { writeTool } from '../../src/tools/write/tool.ts';

/**
 * What the model sees of the file tools: name, description and the JSON Schema
 * of the input it must produce (input side: optional fields stay optional).
 * Any change to the model's view shows up in this snapshot in review.
 * The lead extends this to every tool through the registry.
 */
const FILE_TOOLS = [readTool, writeTool, editTool, globTool, grepTool, lsTool, notebookEditTool] as unknown as Tool<unknown, unknown>[];

function modelView(tool: Tool<unknown, unknown>) {
  return { name: tool.name, description: tool.description, input_schema: z.toJSONSchema(tool.inputSchema, { io: 'input' }) };
}

describe("the model's view of the file tools", () => {
  it.each(FILE_TOOLS.map((t) => [t.name, t] as const))('%s', (_name, tool) => {
    expect(modelView(tool)).toMatchSnapshot();
  });

  it('every schema is a closed object schema and every description says something', () => {
    for (const tool of FILE_TOOLS) {
      const schema = z.toJSONSchema(tool.inputSchema, { io: 'input' }) as { type?: string; additionalProperties?: unknown; properties?: object };
      expect(schema.type, tool.name).toBe('object');
      expect(schema.additionalProperties, tool.name).toBe(false);
      expect(Object.keys(schema.properties ?? {}).length, tool.name).toBeGreaterThan(0);
      expect(tool.description.length, tool.name).toBeGreaterThan(200);
    }
  });

  it('uses the field names the model knows from Claude Code', () => {
    const fields = (tool: Tool<unknown, unknown>) => Object.keys((z.toJSONSchema(tool.inputSchema) as { properties: object }).properties).sort();
    expect(fields(readTool as never)).toEqual(['file_path', 'limit', 'offset']);
    expect(fields(writeTool as never)).toEqual(['content', 'file_path']);
    expect(fields(editTool as never)).toEqual(['file_path', 'new_string', 'old_string', 'replace_all']);
    expect(fields(globTool as never)).toEqual(['path', 'pattern']);
    expect(fields(grepTool as never)).toEqual(['-A', '-B', '-C', '-i', '-n', 'glob', 'head_limit', 'multiline', 'offset', 'output_mode', 'path', 'pattern', 'type']);
    expect(fields(lsTool as never)).toEqual(['ignore', 'path']);
    expect(fields(notebookEditTool as never)).toEqual(['cell_id', 'cell_type', 'edit_mode', 'new_source', 'notebook_path']);
  });

  it('every tool name is unique', () => {
    expect(new Set(FILE_TOOLS.map((t) => t.name)).size).toBe(FILE_TOOLS.length);
  });
});
