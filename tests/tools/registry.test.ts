import { afterEach, describe, expect, it, vi } from 'vitest';
import { toApiTool } from '../../src/query/index.ts';
import { loadTools, type Tool } from '../../src/tools/index.ts';

/*
 * What the model sees: every tool of the registry, rendered exactly as the
 * Messages API request carries it (name, description, input JSON Schema).
 * Any change to the model's view shows up in this snapshot in review.
 */
afterEach(() => vi.unstubAllEnvs());

async function toolsFor(target: 'internal' | 'external'): Promise<Tool<any, any>[]> {
  vi.stubEnv('WREN_TARGET', target);
  return loadTools();
}

describe("the model's view of every tool", () => {
  it('renders each tool as the API receives it', async () => {
    for (const tool of await toolsFor('internal')) expect(toApiTool(tool)).toMatchSnapshot(tool.name);
  });

  it('every schema is a closed object schema, every description says something, every name is unique', async () => {
    const tools = await toolsFor('internal');
    expect(new Set(tools.map((t) => t.name)).size).toBe(tools.length);
    for (const tool of tools) {
      const schema = toApiTool(tool).input_schema as { type?: string; additionalProperties?: unknown; properties?: object };
      expect(schema.type, tool.name).toBe('object');
      expect(schema.additionalProperties, tool.name).toBe(false);
      expect(tool.description.length, tool.name).toBeGreaterThan(100);
    }
  });

  it('uses the field names the model knows from Claude Code', async () => {
    const fields = Object.fromEntries((await toolsFor('internal')).map((t) => [t.name, Object.keys((toApiTool(t).input_schema as { properties: object }).properties).sort()]));
    expect(fields).toMatchObject({
      Read: ['file_path', 'limit', 'offset'],
      Write: ['content', 'file_path'],
      Edit: ['file_path', 'new_string', 'old_string', 'replace_all'],
      Glob: ['path', 'pattern'],
      Grep: ['-A', '-B', '-C', '-i', '-n', 'glob', 'head_limit', 'multiline', 'offset', 'output_mode', 'path', 'pattern', 'type'],
      LS: ['ignore', 'path'],
      NotebookEdit: ['cell_id', 'cell_type', 'edit_mode', 'new_source', 'notebook_path'],
      Bash: ['command', 'description', 'run_in_background', 'timeout'],
      WebFetch: ['prompt', 'url'],
      TodoWrite: ['todos'],
    });
  });

  it('is assembled from the flags of the build', async () => {
    const names = (await toolsFor('external')).map((t) => t.name);
    expect(names).toEqual(['Read', 'Write', 'Edit', 'Glob', 'Grep', 'LS', 'Bash', 'BashOutput', 'KillShell', 'TodoWrite', 'NotebookEdit', 'WebFetch', 'ExitPlanMode']);
  });
});
