import type { FeatureModule } from '../../feature/feature-module.ts';

/**
 * TODO_TOOL's gated module: the TodoWrite task list, shown in the UI.
 * Reached only through `if (feature('TODO_TOOL')) await import(...)`; nothing runs at load.
 */
export const featureModule: FeatureModule = {
  flag: 'TODO_TOOL',
  status: 'ready',
  provides: ['TodoWrite'],
};

export { todoWriteTool, createTodoWriteTool, todoWriteInputSchema, type TodoWriteInput, type TodoWriteOutput } from './tool.ts';
export { createTodoStore, getTodoStore, type TodoItem, type TodoStore } from './todo-store.ts';
