import { afterEach } from 'vitest';
import { z } from 'zod';
import type { PermissionDecision } from '../../src/permissions/index.ts';
import {
  runQuery, type CanUseTool, type QueryEvent, type QueryOptions, type ResultEvent,
} from '../../src/query/index.ts';
import type { Tool, ToolContext, ToolErrorValue } from '../../src/tools/tool.ts';
import { startFakeApi, type FakeApi, type FakeApiOptions, type Script } from '../support/fake-api/index.ts';

/** Starts a fake API closed after the test. */
const open: FakeApi[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((api) => api.close()));
});
export async function fakeApi(script: Script, options?: FakeApiOptions): Promise<FakeApi> {
  const api = await startFakeApi(script, options);
  open.push(api);
  return api;
}

export const allowAll: CanUseTool = async () => ({ behavior: 'allow', reason: 'test allows everything' });

/** Retry settings that never really wait: delays are recorded instead. */
export function instantRetries(overrides: NonNullable<QueryOptions['retry']> = {}): { retry: NonNullable<QueryOptions['retry']>; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    retry: {
      baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.5,
      sleep: async (ms, signal) => {
        waits.push(ms);
        if (signal.aborted) throw signal.reason;
      },
      ...overrides,
    },
  };
}

/** Options pointing the engine at `api`, with instant retries and no environment. */
export function optionsFor(api: FakeApi, extra: Partial<QueryOptions> = {}): QueryOptions {
  return {
    messages: [{ role: 'user', content: 'Please do the task.' }],
    canUseTool: allowAll,
    connection: { apiKey: api.apiKey, baseURL: api.url, env: {} },
    retry: instantRetries().retry,
    toolContext: { cwd: '/repo', env: {} },
    ...extra,
  };
}

/** Runs a query to its end; returns every event and the result. */
export async function collect(options: QueryOptions): Promise<{ events: QueryEvent[]; result: ResultEvent }> {
  const events: QueryEvent[] = [];
  const gen = runQuery(options);
  let next = await gen.next();
  while (!next.done) {
    events.push(next.value);
    next = await gen.next();
  }
  return { events, result: next.value };
}

export function ofType<T extends QueryEvent['type']>(events: readonly QueryEvent[], type: T): Extract<QueryEvent, { type: T }>[] {
  return events.filter((e): e is Extract<QueryEvent, { type: T }> => e.type === type);
}

/** A small tool for tests; `run` gets the validated input. */
export function fakeTool<I>(spec: {
  name: string;
  schema: z.ZodType<I>;
  safe?: boolean;
  progress?: readonly string[];
  permission?: PermissionDecision;
  run: (input: I, ctx: ToolContext) => Promise<string | ToolErrorValue> | string | ToolErrorValue;
}): Tool<I, string> {
  return {
    name: spec.name,
    description: `${spec.name}: a tool for tests.`,
    inputSchema: spec.schema,
    isReadOnly: () => spec.safe ?? false,
    isConcurrencySafe: () => spec.safe ?? false,
    checkPermissions: async () => spec.permission ?? { behavior: 'allow', reason: 'fake tool' },
    async *call(input, ctx) {
      for (const message of spec.progress ?? []) yield { type: 'progress', message };
      yield { type: 'result', output: await spec.run(input, ctx) };
    },
    toModelContent: (output) => output,
  };
}

/** A Read-like tool returning `contents[file_path]`. */
export function readTool(contents: Record<string, string>): Tool<{ file_path: string }, string> {
  return fakeTool({
    name: 'Read',
    schema: z.object({ file_path: z.string() }),
    safe: true,
    run: ({ file_path }) => contents[file_path] ?? { error: { message: `no such file: ${file_path}`, kind: 'not_found' } },
  });
}

/** Resolves when `count` parties have arrived, or after `timeoutMs` (so a sequential run fails the assertion instead of hanging). */
export function barrier(count: number, timeoutMs = 2000): () => Promise<void> {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => { release = resolve; });
  return async () => {
    if (++arrived >= count) release();
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
  };
}
