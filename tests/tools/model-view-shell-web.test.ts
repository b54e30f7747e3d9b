import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bashTool, loadBashTools } from '../../src/tools/bash/index.ts';
import type { Tool } from '../../src/tools/tool.ts';
import { todoWriteTool } from '../../src/tools/todo-write/index.ts';
import { webFetchTool } from '../../src/tools/web-fetch/index.ts';

/**
 * What the model sees of the shell, web and todo tools: name, description and
 * the JSON Schema of the input it must produce. Any change shows up here in review.
 */
function modelView(tool: Tool<unknown, unknown>) {
  return {
    name: tool.name,
    description: tool.description,
    input_schema: z.toJSONSchema(tool.inputSchema, { io: 'input' }),
  };
}

describe("the model's view of Bash, BashOutput, KillShell, WebFetch and TodoWrite", () => {
  it('plain Bash (a build without background shells)', () => {
    expect(modelView(bashTool as Tool<unknown, unknown>)).toMatchSnapshot();
  });

  it('Bash with background shells, BashOutput and KillShell', async () => {
    const tools = await loadBashTools();
    expect(tools.map(modelView)).toMatchSnapshot();
  });

  it('WebFetch', () => {
    expect(modelView(webFetchTool as Tool<unknown, unknown>)).toMatchSnapshot();
  });

  it('TodoWrite', () => {
    expect(modelView(todoWriteTool as Tool<unknown, unknown>)).toMatchSnapshot();
  });

  it('every schema is an object schema the Messages API accepts', async () => {
    for (const tool of [bashTool, ...(await loadBashTools()), webFetchTool, todoWriteTool] as Tool<unknown, unknown>[]) {
      const schema = z.toJSONSchema(tool.inputSchema, { io: 'input' }) as { type?: string; additionalProperties?: unknown };
      expect(schema.type, tool.name).toBe('object');
      expect(schema.additionalProperties, tool.name).toBe(false);
      expect(tool.description.length, tool.name).toBeGreaterThan(100);
    }
  });
});
