import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runQuery, type AskRequest, type QueryEvent } from '../../../src/query/index.ts';
import { fault, text, textOf, toolResultsOf, toolUse, turn } from '../../support/fake-api/index.ts';
import { collect, fakeApi, ofType } from '../../query/helpers.ts';
import { agentFile, PARENT_SYSTEM, session, systemOf, toolNamesOf } from './support.ts';

const task = (subagent_type: string, prompt: string, id = 'toolu_task_1') =>
  toolUse('Task', { description: 'Look at the code', prompt, subagent_type }, { id });

describe('Task: a subagent with an isolated context', () => {
  it('runs its own tool loop and returns only its final report to the parent', async () => {
    const api = await fakeApi([]);
    const s = await session({ api, workspace: { 'src/a.ts': 'export const secret = 41;\n' } });
    api.push(
      [text('I will ask a subagent.'), task('general-purpose', 'Find what src/a.ts exports and report it.')],
      [text('Reading.'), toolUse('Read', { file_path: join(s.ws, 'src/a.ts') }, { id: 'toolu_sub_read' })],
      'src/a.ts exports `secret`, a number.',
      'The file exports secret.',
    );
    const { events, result } = await collect(s.parentOptions('What does src/a.ts export?'));
    expect(result).toMatchObject({ subtype: 'success', result: 'The file exports secret.', numTurns: 2 });
    expect(api.messageRequests).toHaveLength(4);
    const [parent1, sub1, sub2, parent2] = api.messageRequests.map((r) => r.body);

    // The subagent's requests: its own system prompt, its own fresh conversation, its tool subset.
    for (const body of [sub1!, sub2!]) {
      expect(systemOf(body)).toContain('You are a subagent of Wren');
      expect(systemOf(body)).toContain(`Working directory: ${s.ws}`);
      expect(systemOf(body)).not.toContain(PARENT_SYSTEM);
      expect(toolNamesOf(body)).toEqual(['Read', 'Write', 'Edit', 'Glob']);
    }
    expect(sub1!.messages).toHaveLength(1);
    expect(sub1!.messages[0]!.role).toBe('user');
    expect(textOf(sub1!.messages[0])).toBe('Find what src/a.ts exports and report it.');
    expect(toolResultsOf(sub2!)[0]).toMatchObject({ tool_use_id: 'toolu_sub_read' });
    expect(textOf(sub2!.messages.at(-1))).toContain('export const secret = 41;');

    // The parent's next request holds its own three messages; the Task result is the report and a footer.
    expect(toolNamesOf(parent1!)).toEqual(['Read', 'Write', 'Edit', 'Glob', 'Task']);
    expect(parent2!.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    const [taskResult] = toolResultsOf(parent2!);
    expect(taskResult).toMatchObject({ tool_use_id: 'toolu_task_1' });
    expect(taskResult!['is_error']).toBeUndefined();
    const content = String(taskResult!['content']);
    expect(content).toMatch(/^src\/a\.ts exports `secret`, a number\.\n\n\(general-purpose subagent: 2 turns, 1 tool uses, \d+ tokens, [\d.]+ s\)$/);
    // Nothing the subagent saw or said along the way reaches the parent.
    const parentWire = JSON.stringify(parent2!.messages);
    expect(parentWire).not.toContain('export const secret = 41;');
    expect(parentWire).not.toContain('toolu_sub_read');
    expect(parentWire).not.toContain('Reading.');
    expect(result.messages).toHaveLength(4);

    // The parent's stream shows what the subagent does as progress of the Task call.
    expect(ofType(events, 'tool_progress').map((e) => [e.toolName, e.message])).toEqual([['Task', 'Read src/a.ts']]);
    expect(ofType(events, 'tool_result').map((e) => [e.toolName, e.outcome])).toEqual([['Task', 'ok']]);
  });

  it('never gives a subagent Task (no recursion) nor ExitPlanMode, even an agent that lists them', async () => {
    const api = await fakeApi([]);
    const s = await session({
      api,
      config: { 'agents/greedy.md': agentFile({ name: 'greedy', description: 'Wants everything', tools: 'Read, Task, ExitPlanMode' }) },
    });
    api.push(
      task('greedy', 'Start another agent.'),
      toolUse('Task', { description: 'Recurse', prompt: 'again', subagent_type: 'greedy' }, { id: 'toolu_inner_task' }),
      'I could not start another agent.',
      'ok',
    );
    const { result } = await collect(s.parentOptions('go'));
    expect(result.subtype).toBe('success');
    const sub1 = api.messageRequests[1]!.body;
    expect(toolNamesOf(sub1)).toEqual(['Read']);
    const inner = toolResultsOf(api.messageRequests[2]!.body)[0]!;
    expect(inner).toMatchObject({ tool_use_id: 'toolu_inner_task', is_error: true });
    expect(String(inner['content'])).toContain('No tool named Task');
    expect(api.messageRequests).toHaveLength(4); // no fifth request: no nested subagent ran
  });

  it("gives an agent only the tools its file lists, and only among the parent's", async () => {
    const api = await fakeApi([]);
    const s = await session({
      api,
      workspace: { 'src/a.ts': 'x' },
      config: { 'agents/reader.md': agentFile({ name: 'reader', description: 'Reads files', tools: 'Read, Glob, WebFetch, mcp__gh' }, 'You only read.') },
    });
    const target = join(s.ws, 'out.txt');
    api.push(
      task('reader', 'Write out.txt.'),
      toolUse('Write', { file_path: target, content: 'pwned' }, { id: 'toolu_sub_write' }),
      'I cannot write files.',
      'ok',
    );
    const { result } = await collect(s.parentOptions('go'));
    expect(result.subtype).toBe('success');
    const sub1 = api.messageRequests[1]!.body;
    // WebFetch and mcp__gh are listed but the parent has neither: the subagent gets neither.
    expect(toolNamesOf(sub1)).toEqual(['Read', 'Glob']);
    expect(systemOf(sub1)).toMatch(/^You only read\.\n\n<env>/);
    const denied = toolResultsOf(api.messageRequests[2]!.body)[0]!;
    expect(denied).toMatchObject({ tool_use_id: 'toolu_sub_write', is_error: true });
    expect(String(denied['content'])).toBe('No tool named Write. Available tools: Read, Glob.');
    expect(existsSync(target)).toBe(false);
    // And the gate itself: the child engine the Task tool builds denies a tool outside the list.
    const child = s.engine.child({ tools: ['Read', 'Glob'] });
    expect(await child.decide('Write', { file_path: target, content: 'x' })).toMatchObject({ behavior: 'deny', source: 'subagent' });
  });

  it("cannot use a tool the parent's rules deny, even when its agent file lists it and the human would allow it", async () => {
    const asked: AskRequest[] = [];
    const api = await fakeApi([]);
    const s = await session({
      api,
      rules: [['deny', 'Write'], ['allow', 'Edit']],
      ask: async (request) => {
        asked.push(request);
        return { behavior: 'allow', reason: 'yes to everything' };
      },
      config: { 'agents/writer.md': agentFile({ name: 'writer', description: 'Writes files', tools: 'Read, Write' }) },
    });
    const target = join(s.ws, 'notes.txt');
    api.push(
      task('writer', 'Write notes.txt.'),
      toolUse('Write', { file_path: target, content: 'hello' }, { id: 'toolu_sub_write' }),
      'The write was denied.',
      'ok',
    );
    const { events } = await collect(s.parentOptions('go'));
    const denied = toolResultsOf(api.messageRequests[2]!.body)[0]!;
    expect(denied).toMatchObject({ tool_use_id: 'toolu_sub_write', is_error: true });
    expect(String(denied['content'])).toMatch(/^Permission to use Write was denied: .*deny rule/);
    expect(asked).toHaveLength(0); // a deny is never put to the human
    expect(existsSync(target)).toBe(false);
    expect(ofType(events, 'tool_progress').map((e) => e.message)).toEqual(['Write denied']);
  });

  it("puts the subagent's `ask` decisions to the parent's ask handler, saying a subagent asks", async () => {
    const asked: AskRequest[] = [];
    const api = await fakeApi([]);
    const s = await session({
      api,
      ask: async (request) => {
        asked.push(request);
        return { behavior: 'allow', reason: 'the human said yes' };
      },
    });
    const target = join(s.ws, 'notes.txt');
    api.push(
      task('general-purpose', 'Write notes.txt.'),
      toolUse('Write', { file_path: target, content: 'hello' }),
      'Written.',
      'ok',
    );
    await collect(s.parentOptions('go'));
    expect(asked).toHaveLength(1);
    expect(asked[0]!.tool.name).toBe('Write');
    expect(asked[0]!.decision.reason).toMatch(/^\(general-purpose subagent\) /);
    expect(readFileSync(target, 'utf8')).toBe('hello');
  });

  it("inherits the parent's plan mode: no writes, even with a human who would allow them", async () => {
    const api = await fakeApi([]);
    const s = await session({ api, ask: async () => ({ behavior: 'allow', reason: 'yes' }) });
    expect(s.engine.setMode('plan')).toMatchObject({ ok: true });
    const target = join(s.ws, 'plan.txt');
    api.push(task('general-purpose', 'Write plan.txt.'), toolUse('Write', { file_path: target, content: 'x' }), 'Plan mode stopped me.', 'ok');
    const { events } = await collect(s.parentOptions('go'));
    expect(ofType(events, 'tool_result')[0]).toMatchObject({ toolName: 'Task', outcome: 'ok' }); // Task itself runs in plan mode
    expect(String(toolResultsOf(api.messageRequests[2]!.body)[0]!['content'])).toMatch(/denied: plan mode runs only read-only tools/);
    expect(existsSync(target)).toBe(false);
  });

  it('denies what would need approval when there is no ask handler (headless)', async () => {
    const api = await fakeApi([]);
    const s = await session({ api });
    const target = join(s.ws, 'notes.txt');
    api.push(task('general-purpose', 'Write notes.txt.'), toolUse('Write', { file_path: target, content: 'x' }), 'Denied.', 'ok');
    await collect(s.parentOptions('go'));
    expect(String(toolResultsOf(api.messageRequests[2]!.body)[0]!['content'])).toMatch(/denied.*no one to ask/);
    expect(existsSync(target)).toBe(false);
  });

  it('runs on the model its agent file names, else on the parent\'s', async () => {
    const api = await fakeApi([]);
    const s = await session({ api, config: { 'agents/quick.md': agentFile({ name: 'quick', description: 'Fast answers', model: 'haiku' }) } });
    api.push(task('quick', 'Say hi.', 'toolu_t1'), 'hi', task('general-purpose', 'Say hi.', 'toolu_t2'), 'hi', 'done');
    await collect(s.parentOptions('go'));
    expect(api.messageRequests.map((r) => r.body.model)).toEqual([
      'claude-sonnet-5-5', 'claude-haiku-5-5', 'claude-sonnet-5-5', 'claude-sonnet-5-5', 'claude-sonnet-5-5',
    ]);
  });

  it('reports an unknown subagent_type as an error the model can act on', async () => {
    const api = await fakeApi([task('nope', 'x'), 'ok']);
    const s = await session({ api });
    await collect(s.parentOptions('go'));
    const result = toolResultsOf(api.messageRequests[1]!.body)[0]!;
    expect(result).toMatchObject({ is_error: true });
    expect(String(result['content'])).toBe('There is no agent type "nope". Available agent types: general-purpose.');
    expect(api.messageRequests).toHaveLength(2);
  });

  it("returns the subagent's API failure as an error result, and the parent goes on", async () => {
    const api = await fakeApi([]);
    const s = await session({ api });
    api.push(task('general-purpose', 'x'), fault.badRequest('prompt is too long'), 'I will do it myself.');
    const { result, events } = await collect(s.parentOptions('go'));
    expect(result).toMatchObject({ subtype: 'success', result: 'I will do it myself.' });
    const error = toolResultsOf(api.messageRequests[2]!.body)[0]!;
    expect(error).toMatchObject({ tool_use_id: 'toolu_task_1', is_error: true });
    expect(String(error['content'])).toMatch(/^The general-purpose subagent failed: .*prompt is too long.*\(bad_request|invalid_request/);
    expect(ofType(events, 'tool_result')[0]).toMatchObject({ toolName: 'Task', outcome: 'tool_error' });
  });

  it('stops a subagent at its turn limit and says so', async () => {
    const api = await fakeApi([]);
    const s = await session({ api, workspace: { 'a.txt': 'a' }, deps: { maxTurns: 2 } });
    const read = { file_path: join(s.ws, 'a.txt') };
    api.push(task('general-purpose', 'Read forever.'), [text('One.'), toolUse('Read', read)], [text('Two.'), toolUse('Read', read)], 'ok');
    await collect(s.parentOptions('go'));
    expect(api.messageRequests).toHaveLength(4); // 1 parent, 2 subagent turns, 1 parent
    const error = toolResultsOf(api.messageRequests[3]!.body)[0]!;
    expect(error).toMatchObject({ is_error: true });
    expect(String(error['content'])).toBe('The general-purpose subagent stopped after 2 turns, its limit, before finishing. Narrow the task or split it.\nIts last message:\nTwo.');
  });

  it("aborts the subagent's run when the parent's signal aborts", async () => {
    const api = await fakeApi([]);
    const s = await session({ api });
    api.push(task('general-purpose', 'Take your time.'), turn([text('Thinking about it for a long while')], { stallAfterEvents: 3 }));
    const controller = new AbortController();
    const events: QueryEvent[] = [];
    const run = (async () => {
      for await (const event of runQuery(s.parentOptions('go', { signal: controller.signal }))) events.push(event);
    })();
    await api.waitForRequests(2); // the subagent's request is on the wire, stalled
    controller.abort();
    await run;
    const result = events.at(-1)!;
    expect(result).toMatchObject({ type: 'result', subtype: 'aborted' });
    expect(ofType(events, 'tool_result')).toMatchObject([{ toolName: 'Task', outcome: 'interrupted' }]);
    // The subagent's stalled request was given up, not waited for: the server saw its client leave.
    await expect.poll(() => api.requests[1]!.finishedAt).toBeDefined();
    expect(api.messageRequests).toHaveLength(2);
  });

  it('runs several subagents of one turn at the same time, each with its own conversation', async () => {
    const api = await fakeApi((request) => {
      const prompt = textOf(request.body.messages[0]);
      if (prompt === 'go') return request.body.messages.length === 1 ? [task('general-purpose', 'alpha', 'toolu_a'), task('general-purpose', 'beta', 'toolu_b')] : 'both done';
      // Slow enough that a second subagent started only after the first finished could not overlap it.
      return turn(`report on ${prompt}`, { latencyMs: 300 });
    });
    const s = await session({ api });
    const { result } = await collect(s.parentOptions('go'));
    expect(result.subtype).toBe('success');
    const results = toolResultsOf(api.messageRequests.at(-1)!.body);
    expect(results.map((r) => [r['tool_use_id'], String(r['content']).split('\n')[0]])).toEqual([['toolu_a', 'report on alpha'], ['toolu_b', 'report on beta']]);
    const subRequests = api.messageRequests.filter((r) => systemOf(r.body).includes('subagent of Wren'));
    expect(subRequests).toHaveLength(2);
    expect(subRequests.every((r) => r.body.messages.length === 1)).toBe(true);
    // The second subagent's request arrived while the first one's was still being answered: the runs overlapped.
    const [first, second] = [...subRequests].sort((a, b) => a.receivedAt - b.receivedAt);
    expect(second!.receivedAt).toBeLessThan(first!.finishedAt!);
  });
});
