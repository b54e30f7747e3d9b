import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHookRunner } from '../../../src/hooks/index.ts';
import { parseRule, PermissionEngine, type PermissionBehavior } from '../../../src/permissions/index.ts';
import { toApiTool } from '../../../src/query/tool-schema.ts';
import { connectMcpServers, type McpConnections, type McpTool, type McpToolOutput } from '../../../src/tools/mcp/index.ts';
import type { ToolErrorValue } from '../../../src/tools/tool.ts';
import { ECHO_SCHEMA, PNG_1X1 } from './fixtures/test-server.ts';
import { context, stdioEntry, tempDir, waitForFile } from './mcp-support.ts';

let d: string;
let cleanup: () => void;
let mcp: McpConnections;
/** The same server with a short call timeout. */
let impatient: McpConnections;

beforeAll(async () => {
  ({ dir: d, cleanup } = tempDir());
  [mcp, impatient] = await Promise.all([
    connectMcpServers({ settings: { trusted: true, mcpServers: [stdioEntry(d, 't')] }, cwd: d, limits: { maxChars: 1000 } }),
    connectMcpServers({ settings: { trusted: true, mcpServers: [stdioEntry(d, 'slowpoke')] }, cwd: d, callTimeoutMs: 300 }),
  ]);
});

afterAll(async () => {
  await Promise.all([mcp?.close(), impatient?.close()]);
  cleanup?.();
});

function tool(name: string, from: McpConnections = mcp): McpTool {
  const found = from.tools.find((t) => t.name === name);
  if (!found) throw new Error(`no tool ${name} among ${from.tools.map((t) => t.name).join(', ')}`);
  return found;
}

async function run(t: McpTool, input: Record<string, unknown>, signal?: AbortSignal): Promise<{ progress: string[]; output: McpToolOutput | ToolErrorValue }> {
  const progress: string[] = [];
  let output: McpToolOutput | ToolErrorValue | undefined;
  for await (const event of t.call(t.inputSchema.parse(input), context(d, signal))) {
    if (event.type === 'progress') progress.push(event.message);
    else output = event.output;
  }
  return { progress, output: output! };
}

describe('server tools as Wren tools', () => {
  test('named mcp__<server>__<tool>, with characters the API refuses replaced', () => {
    expect(mcp.servers).toEqual([
      expect.objectContaining({ name: 't', status: 'connected', instructions: 'Use echo to echo.', serverInfo: { name: 'wren-test-server', version: '1.2.3' } }),
    ]);
    expect(mcp.tools.map((t) => t.name)).toEqual([
      'mcp__t__echo',
      'mcp__t__slow',
      'mcp__t__fail',
      'mcp__t__throws',
      'mcp__t__media',
      'mcp__t__big',
      'mcp__t__spawn_child',
      'mcp__t__with_dots',
    ]);
  });

  test("the model sees the server's own JSON Schema and description", () => {
    const api = toApiTool(tool('mcp__t__echo'));
    expect(api).toEqual({ name: 'mcp__t__echo', description: 'Echoes text back.', input_schema: ECHO_SCHEMA });
  });

  test('input is validated against that schema ($ref, enum, required, additionalProperties)', () => {
    const schema = tool('mcp__t__echo').inputSchema;
    expect(schema.safeParse({ text: 'hi', times: 2, style: 'loud' }).success).toBe(true);
    expect(schema.safeParse({}).success).toBe(false);
    expect(schema.safeParse({ text: 'hi', extra: 1 }).success).toBe(false);
    expect(schema.safeParse({ text: 'hi', style: 'whisper' }).success).toBe(false);
    expect(schema.safeParse({ text: 'hi', times: 9 }).success).toBe(false);
    expect(schema.safeParse('hi').success).toBe(false);
    // The messages say what to fix (the model reads them).
    const messages = (input: unknown) => schema.safeParse(input).error?.issues.map((i) => i.message);
    expect(messages({})).toEqual(['#: Instance does not have required property "text".']);
    expect(messages({ text: 'hi', style: 'whisper' })).toEqual(['#/style: Instance does not match any of ["plain","loud"].']);
    expect(messages({ text: 'hi', extra: 1 })).toEqual(['#: Property "extra" does not match additional properties schema.']);
  });

  test('readOnlyHint is shown but not trusted', () => {
    const echo = tool('mcp__t__echo');
    expect(echo.mcp.annotations?.readOnlyHint).toBe(true);
    expect(echo.isReadOnly({ text: 'x' })).toBe(false);
    expect(echo.isConcurrencySafe({ text: 'x' })).toBe(false);
  });
});

describe('calling tools', () => {
  test('a call returns the server content as tool_result blocks', async () => {
    const { output } = await run(tool('mcp__t__echo'), { text: 'hi', times: 2, style: 'loud' });
    expect(output).toEqual({ blocks: [{ type: 'text', text: 'HIHI' }], truncated: false });
    expect(tool('mcp__t__echo').toModelContent(output as McpToolOutput)).toEqual([{ type: 'text', text: 'HIHI' }]);
  });

  test('a renamed tool calls the server by its own name', async () => {
    const { output } = await run(tool('mcp__t__with_dots'), {});
    expect(output).toEqual({ blocks: [{ type: 'text', text: 'dots ok' }], truncated: false });
  });

  test('images the API takes are images; other media become notes', async () => {
    const { output } = await run(tool('mcp__t__media'), {});
    expect((output as McpToolOutput).blocks).toEqual([
      { type: 'text', text: 'here you go' },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG_1X1 } },
      { type: 'text', text: expect.stringMatching(/^\[image: image\/tiff, 3 bytes, not shown/) },
      { type: 'text', text: '[audio: audio/wav, 3 bytes, not shown]' },
      { type: 'text', text: '[resource file:///notes.txt]\nnote body' },
      { type: 'text', text: '[resource: big.bin file:///big.bin]' },
    ]);
  });

  test('text is capped', async () => {
    const { output } = await run(tool('mcp__t__big'), { n: 5000 });
    const blocks = (output as McpToolOutput).blocks as { type: 'text'; text: string }[];
    expect((output as McpToolOutput).truncated).toBe(true);
    expect(blocks[0]!.text).toHaveLength(1000);
    expect(blocks.at(-1)!.text).toMatch(/output truncated/);
  });

  test('a tool error is an error value with the server message', async () => {
    expect((await run(tool('mcp__t__fail'), {})).output).toEqual({ error: { kind: 'mcp_tool_error', message: 'disk quota exceeded' } });
  });

  test('a protocol error is an error value', async () => {
    expect((await run(tool('mcp__t__throws'), {})).output).toEqual({ error: { kind: 'mcp_error', message: expect.stringMatching(/refused the call: .*no such widget/) } });
  });

  test('progress notifications become progress events', async () => {
    const { progress, output } = await run(tool('mcp__t__slow'), { ms: 10 });
    expect(progress).toEqual(['half way']);
    expect(output).toEqual({ blocks: [{ type: 'text', text: 'done' }], truncated: false });
  });

  test('a call past its timeout is an error value, and the server is told to cancel', async () => {
    const started = Date.now();
    const { output } = await run(tool('mcp__slowpoke__slow', impatient), { ms: 60_000 });
    expect(output).toEqual({ error: { kind: 'timeout', message: expect.stringMatching(/did not answer within/) } });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await waitForFile(join(d, 'slowpoke.notes'))).toBe(true);
  });

  test('aborting a call interrupts it and cancels it on the server', async () => {
    const controller = new AbortController();
    const pending = run(tool('mcp__t__slow'), { ms: 60_000 }, controller.signal);
    setTimeout(() => controller.abort(), 100);
    const { output } = await pending;
    expect(output).toEqual({ error: { kind: 'interrupted', message: expect.any(String) } });
    expect(await waitForFile(join(d, 't.notes'))).toBe(true);
    expect(readFileSync(join(d, 't.notes'), 'utf8')).toContain('cancelled');
    // The connection is still usable.
    expect((await run(tool('mcp__t__echo'), { text: 'still here' })).output).toMatchObject({ blocks: [{ text: 'still here' }] });
  });
});

describe('MCP tools at the permission gate (the real engine)', () => {
  const engineWith = (rules: [PermissionBehavior, string][], mode?: 'bypassPermissions' | 'plan') =>
    new PermissionEngine({
      cwd: d,
      rules: rules.map(([behavior, text]) => {
        const parsed = parseRule(text);
        if (!parsed.ok) throw new Error(parsed.message);
        return { ...parsed.rule, behavior, source: { layer: 'user' as const, root: d } };
      }),
      protectedLocations: { configDir: join(d, 'cfg'), managedSettingsPath: join(d, 'managed.json') },
      ...(mode ? { mode } : {}),
    });
  const decide = async (rules: [PermissionBehavior, string][], mode?: 'bypassPermissions' | 'plan') => {
    const echo = tool('mcp__t__echo');
    return engineWith(rules, mode).decide(echo.name, { text: 'x' }, echo, context(d));
  };

  test.each([
    [[], undefined, 'ask'],
    [[['allow', 'mcp__t']], undefined, 'allow'],
    [[['allow', 'mcp__t__echo']], undefined, 'allow'],
    [[['allow', 'mcp__t__*']], undefined, 'allow'],
    [[['allow', 'mcp__t'], ['deny', 'mcp__t__echo']], undefined, 'deny'],
    [[['allow', 'mcp__t'], ['ask', 'mcp__t__echo']], undefined, 'ask'],
    [[['allow', 'mcp__other']], undefined, 'ask'],
    [[], 'bypassPermissions', 'allow'],
    [[['deny', 'mcp__t']], 'bypassPermissions', 'deny'],
    // A readOnlyHint does not make the tool usable in plan mode.
    [[['allow', 'mcp__t']], 'plan', 'deny'],
  ] as const)('rules %j in mode %s -> %s', async (rules, mode, expected) => {
    expect((await decide(rules as unknown as [PermissionBehavior, string][], mode)).behavior).toBe(expected);
  });

  test('without a rule, the question says which rule would allow the call', async () => {
    expect((await decide([])).reason).toMatch(/echo of the MCP server t needs approval .*mcp__t__echo/);
  });

  test('a PreToolUse hook matching mcp__t__.* may skip the prompt but not a deny rule', async () => {
    const runner = createHookRunner({
      settings: { trusted: true, projectRoot: d, settings: { hooks: { PreToolUse: [{ matcher: 'mcp__t__.*', hooks: [{ type: 'command', command: `cat >/dev/null; echo '{"hookSpecificOutput":{"permissionDecision":"allow"}}'` }], source: { layer: 'user', file: 'settings.json' } }] } } },
      sessionId: 's',
      transcriptPath: '',
      cwd: () => d,
    });
    const echo = tool('mcp__t__echo');
    const gate = (rules: [PermissionBehavior, string][]) =>
      runner.preToolUse({ tool: echo, input: { text: 'x' }, decide: (input, extra) => engineWith(rules).decide(echo.name, input, echo, context(d), { extra }) });
    expect((await gate([])).decision.behavior).toBe('allow');
    expect((await gate([['deny', 'mcp__t']])).decision.behavior).toBe('deny');
  });
});
