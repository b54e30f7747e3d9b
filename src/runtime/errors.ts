/** Why the runtime could not start or continue; the CLI words each as one line. */
export type RuntimeErrorCode =
  | 'INVALID_ENV'
  | 'SETTINGS_FATAL'
  | 'NO_API_KEY'
  | 'API_KEY_HELPER_FAILED'
  | 'PROMPT_BLOCKED';

export class RuntimeError extends Error {
  readonly code: RuntimeErrorCode;
  constructor(code: RuntimeErrorCode, message: string) {
    super(message);
    this.name = 'RuntimeError';
    this.code = code;
  }
}

export function isRuntimeError(value: unknown): value is RuntimeError {
  return value instanceof RuntimeError;
}
