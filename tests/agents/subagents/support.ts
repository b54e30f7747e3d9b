import { PermissionEngine, parseRule, type PermissionBehavior, type PermissionRule } from '../../../src/permissions/index.ts';
import type { AskHandler, CanUseTool, QueryOptions } from '../../../src/query/index.ts';
import { createTaskTool, type TaskTool, type TaskToolDeps } from '../../../src/agents/subagents/index.ts';
import { editTool } from '../../../src/tools/edit/tool.ts';
import { globTool } from '../../../src/tools/glob/tool.ts';
import { readTool } from '../../../src/tools/read/tool.ts';
import type { Tool } from '../../../src/tools/index.ts';
import { writeTool } from '../../../src/tools/write/tool.ts';
import type { BodyBlock, FakeApi, MessagesBody } from '../../support/fake-api/index.ts';
import { testdir, type Tree } from '../../support/testdir.ts';
import { instantRetries } from '../../query/helpers.ts';

export const PARENT_SYSTEM = 'You are the parent agent of this test.';

/** The real permission engine over `ws`, with `[behavior, rule]` rules from user settings. */
export function engineFor(ws: string, cfg: string, rules: readonly (readonly [PermissionBehavior, string])[] = []): PermissionEngine {
  const parsed: PermissionRule[] = rules.map(([behavior, text], i) => {
    const r = parseRule(text);
    if (!r.ok) throw new Error(r.message);
    return { ...r.rule, behavior, source: { layer: 'user', file: 'settings.json', keyPath: `permissions.${behavior}[${i}]`, root: ws } };
  });
  return new PermissionEngine({ cwd: ws, rules: parsed, protectedLocations: { configDir: cfg }, home: cfg, caseInsensitive: false, bash: null });
}

/** A session as the runtime assembles one: workspace, config dir, engine, parent tools with Task among them. */
export interface Session {
  readonly ws: string;
  readonly cfg: string;
  readonly engine: PermissionEngine;
  readonly tools: Tool<any, any>[];
  readonly task: TaskTool;
  /** Options for the parent's runQuery, against `api`. */
  parentOptions(prompt: string, extra?: Partial<QueryOptions>): QueryOptions;
}

export interface SessionSpec {
  readonly api: FakeApi;
  readonly workspace?: Tree;
  /** Files of the user config dir (`agents/x.md`). */
  readonly config?: Tree;
  readonly rules?: readonly (readonly [PermissionBehavior, string])[];
  readonly trusted?: boolean;
  readonly ask?: AskHandler;
  readonly deps?: Partial<TaskToolDeps>;
  /** @default Read, Write, Edit, Glob */
  readonly parentTools?: readonly Tool<any, any>[];
}

export async function session(spec: SessionSpec): Promise<Session> {
  const ws = testdir(spec.workspace ?? {});
  const cfg = testdir(spec.config ?? {});
  const engine = engineFor(ws, cfg, spec.rules);
  const tools: Tool<any, any>[] = [...(spec.parentTools ?? [readTool, writeTool, editTool, globTool])];
  const connection = { apiKey: spec.api.apiKey, baseURL: spec.api.url, env: {} };
  const task = await createTaskTool({
    parentTools: () => tools,
    engine,
    runQueryOptions: () => ({ connection, retry: instantRetries().retry }),
    configDir: cfg,
    projectRoot: ws,
    trusted: spec.trusted ?? true,
    model: 'claude-sonnet-5-5',
    ...(spec.ask ? { ask: spec.ask } : {}),
    ...spec.deps,
  });
  tools.push(task);
  const canUseTool: CanUseTool = (tool, input, ctx) => engine.decide(tool.name, input, tool, ctx);
  return {
    ws, cfg, engine, tools, task,
    parentOptions: (prompt, extra = {}) => ({
      messages: [{ role: 'user', content: prompt }],
      canUseTool,
      ...(spec.ask ? { ask: spec.ask } : {}),
      system: PARENT_SYSTEM,
      tools,
      connection,
      retry: instantRetries().retry,
      toolContext: { cwd: ws, env: {} },
      ...extra,
    }),
  };
}

/** The system prompt of a recorded request, as one string (cache breakpoints may split it into blocks). */
export function systemOf(body: MessagesBody): string {
  const system = body.system as unknown;
  if (typeof system === 'string') return system;
  if (Array.isArray(system)) return (system as BodyBlock[]).map((b) => String(b['text'] ?? '')).join('');
  return '';
}

export function toolNamesOf(body: MessagesBody): string[] {
  return (body.tools ?? []).map((t) => String(t['name']));
}

/** A user agent file. */
export function agentFile(fields: Record<string, string>, body = 'You are a test agent.'): string {
  return `---\n${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('\n')}\n---\n${body}\n`;
}
