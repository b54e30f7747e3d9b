export { createRuntime, type Runtime, type RuntimeOptions, type SessionChoice, type TurnRunOptions } from './create-runtime.ts';
export { RuntimeError, isRuntimeError, type RuntimeErrorCode } from './errors.ts';
