import { describe, expect, it } from 'vitest';
import { createTodoStore, createTodoWriteTool, featureModule, getTodoStore, todoWriteTool, type TodoItem } from '../../src/tools/todo-write/index.ts';
import { testdir } from '../support/testdir.ts';
import { failed, makeSession, ok, runTool } from './shell-web-support.ts';

const task = (content: string, status: TodoItem['status']): TodoItem => ({ content, status, activeForm: `Doing ${content}` });

describe('TodoWrite', () => {
  it('is a ready feature', () => {
    expect(featureModule).toMatchObject({ flag: 'TODO_TOOL', status: 'ready', provides: ['TodoWrite'] });
  });

  it('replaces the list, returns the old one, and tells subscribers', async () => {
    const store = createTodoStore([task('old', 'pending')]);
    const tool = createTodoWriteTool(store);
    const seen: (readonly TodoItem[])[] = [];
    store.subscribe((todos) => seen.push(todos));
    const todos = [task('write tests', 'in_progress'), task('fix bug', 'pending'), task('read code', 'completed')];
    const out = ok((await runTool(tool, { todos }, makeSession(testdir()).ctx)).output);
    expect(out.oldTodos).toEqual([task('old', 'pending')]);
    expect(out.newTodos).toEqual(todos);
    expect(store.get()).toEqual(todos);
    expect(seen).toEqual([todos]);
    expect(tool.toModelContent(out)).toMatch(/^Todo list updated: 1 completed, 1 in progress, 1 pending\. Todos have been modified successfully/);
  });

  it('refuses more than one task in progress, leaving the list unchanged', async () => {
    const store = createTodoStore([task('keep', 'pending')]);
    const tool = createTodoWriteTool(store);
    const error = failed((await runTool(tool, { todos: [task('a', 'in_progress'), task('b', 'in_progress')] }, makeSession(testdir()).ctx)).output);
    expect(error.kind).toBe('invalid_todos');
    expect(error.message).toMatch(/Only one task may be in_progress at a time; got 2: "a", "b"/);
    expect(store.get()).toEqual([task('keep', 'pending')]);
  });

  it('clears the list once every task is completed', async () => {
    const store = createTodoStore([task('a', 'in_progress')]);
    const tool = createTodoWriteTool(store);
    const out = ok((await runTool(tool, { todos: [task('a', 'completed'), task('b', 'completed')] }, makeSession(testdir()).ctx)).output);
    expect(out.newTodos).toEqual([]);
    expect(store.get()).toEqual([]);
    expect(tool.toModelContent(out)).toMatch(/2 completed, 0 in progress, 0 pending \(every task is done, so the list was cleared\)/);
  });

  it('accepts an empty list, clearing it', async () => {
    const store = createTodoStore([task('a', 'pending')]);
    const tool = createTodoWriteTool(store);
    const out = ok((await runTool(tool, { todos: [] }, makeSession(testdir()).ctx)).output);
    expect(store.get()).toEqual([]);
    expect(tool.toModelContent(out)).toMatch(/^The todo list is now empty\./);
  });

  it('validates each task as the model sees it', () => {
    const schema = todoWriteTool.inputSchema;
    expect(schema.safeParse({ todos: [task('a', 'pending')] }).success).toBe(true);
    expect(schema.safeParse({ todos: [{ ...task('a', 'pending'), status: 'done' }] }).success).toBe(false);
    expect(schema.safeParse({ todos: [{ content: 'a', status: 'pending' }] }).success).toBe(false);
    expect(schema.safeParse({ todos: [task('  ', 'pending')] }).success).toBe(false);
    expect(schema.safeParse({ todos: [{ ...task('a', 'pending'), id: '1' }] }).success).toBe(false);
    expect(schema.safeParse({}).success).toBe(false);
  });

  it('writes the session store by default and needs no permission', async () => {
    const session = makeSession(testdir());
    expect((await todoWriteTool.checkPermissions({ todos: [] }, session.ctx)).behavior).toBe('allow');
    expect(todoWriteTool.isReadOnly({ todos: [] })).toBe(true);
    ok((await runTool(todoWriteTool, { todos: [task('session task', 'pending')] }, session.ctx)).output);
    expect(getTodoStore().get()).toEqual([task('session task', 'pending')]);
    expect(getTodoStore()).toBe(getTodoStore());
  });

  it('hands out a frozen list, so a reader cannot change the store behind its back', () => {
    const store = createTodoStore();
    store.set([task('a', 'pending')]);
    expect(Object.isFrozen(store.get())).toBe(true);
    expect(Object.isFrozen(store.get()[0])).toBe(true);
  });
});
