import { z } from 'zod';
import type { Tool } from '../tool.ts';
import description from './prompt.md';
import { getTodoStore, type TodoItem, type TodoStore } from './todo-store.ts';

export const todoWriteInputSchema = z.strictObject({
  todos: z.array(z.strictObject({
    content: z.string().trim().min(1).describe('What needs to be done, in the imperative'),
    status: z.enum(['pending', 'in_progress', 'completed']),
    activeForm: z.string().trim().min(1).describe('The task in the present continuous, shown while it is in progress'),
  })).describe('The updated todo list'),
});

export type TodoWriteInput = z.infer<typeof todoWriteInputSchema>;

export interface TodoWriteOutput {
  readonly oldTodos: readonly TodoItem[];
  /** The list as stored: empty when every task was completed. */
  readonly newTodos: readonly TodoItem[];
  /** The list as the model sent it. */
  readonly sent: readonly TodoItem[];
}

/** Builds TodoWrite over a store; by default the session's (`getTodoStore()`), looked up at call time. */
export function createTodoWriteTool(store?: TodoStore): Tool<TodoWriteInput, TodoWriteOutput> {
  return {
    name: 'TodoWrite',
    description,
    inputSchema: todoWriteInputSchema,
    // Touches no file and runs nothing: session state only, so plan mode may use it.
    isReadOnly: () => true,
    // Each call replaces the list: two in one turn must apply in order.
    isConcurrencySafe: () => false,
    async checkPermissions() {
      return { behavior: 'allow', reason: "updating the session's todo list changes nothing outside the session", source: 'TodoWrite' };
    },
    async *call(input) {
      const active = input.todos.filter((t) => t.status === 'in_progress');
      if (active.length > 1) {
        yield {
          type: 'result',
          output: { error: { kind: 'invalid_todos', message: `Only one task may be in_progress at a time; got ${active.length}: ${active.map((t) => JSON.stringify(t.content)).join(', ')}. Keep one in_progress and set the others to pending or completed.` } },
        };
        return;
      }
      const target = store ?? getTodoStore();
      const oldTodos = target.get();
      const allDone = input.todos.length > 0 && input.todos.every((t) => t.status === 'completed');
      // A finished list is cleared, so the UI stops showing work that is over.
      const newTodos = allDone ? [] : input.todos;
      target.set(newTodos);
      yield { type: 'result', output: { oldTodos, newTodos: target.get(), sent: input.todos } };
    },
    toModelContent(output) {
      const count = (status: TodoItem['status']) => output.sent.filter((t) => t.status === status).length;
      const summary = output.sent.length === 0
        ? 'The todo list is now empty.'
        : `Todo list updated: ${count('completed')} completed, ${count('in_progress')} in progress, ${count('pending')} pending${output.newTodos.length === 0 ? ' (every task is done, so the list was cleared)' : ''}.`;
      return `${summary} Todos have been modified successfully. Ensure that you continue to use the todo list to track your progress. Please proceed with the current tasks if applicable.`;
    },
  };
}

/** TodoWrite over the session's store. */
export const todoWriteTool: Tool<TodoWriteInput, TodoWriteOutput> = createTodoWriteTool();
