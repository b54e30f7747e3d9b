/** One task of the session's todo list. */
export interface TodoItem {
  /** What to do, imperative: "Run the tests". */
  readonly content: string;
  readonly status: 'pending' | 'in_progress' | 'completed';
  /** The same task while it is being done: "Running the tests" (shown in the UI). */
  readonly activeForm: string;
}

/** The session's todo list, replaced as a whole by each TodoWrite call. */
export interface TodoStore {
  get(): readonly TodoItem[];
  set(todos: readonly TodoItem[]): void;
  /** Called after every change; returns an unsubscribe function. */
  subscribe(listener: (todos: readonly TodoItem[]) => void): () => void;
}

export function createTodoStore(initial: readonly TodoItem[] = []): TodoStore {
  let todos: readonly TodoItem[] = Object.freeze([...initial]);
  const listeners = new Set<(todos: readonly TodoItem[]) => void>();
  return {
    get: () => todos,
    set(next) {
      todos = Object.freeze(next.map((t) => Object.freeze({ ...t })));
      for (const listener of listeners) listener(todos);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

let sessionStore: TodoStore | undefined;

/** The session's store (created on first use): what the tool writes and the UI shows. */
export function getTodoStore(): TodoStore {
  sessionStore ??= createTodoStore();
  return sessionStore;
}
