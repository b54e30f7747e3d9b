export { createRuntime, type Runtime, type RuntimeOptions, type SessionChoice } from './create-runtime.ts';
export { RuntimeError, isRuntimeError, type RuntimeErrorCode } from './errors.ts';
