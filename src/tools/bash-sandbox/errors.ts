/** Why the sandbox refused to run a command. */
export type SandboxErrorCode =
  /** A protected path is a symbolic link inside a writable folder: a command could swap the link itself. */
  | 'PROTECTED_SYMLINK'
  /** The placeholder registry (in the user config dir) could not be used. */
  | 'PLACEHOLDERS_UNAVAILABLE'
  /** Another Wren process held the placeholder lock for too long. */
  | 'PLACEHOLDER_LOCK_TIMEOUT';

/**
 * Thrown by the sandbox's launch wrapper when a command must not run; the
 * Bash tool reports the message to the model as a failure to start.
 */
export class SandboxError extends Error {
  readonly code: SandboxErrorCode;
  constructor(code: SandboxErrorCode, message: string) {
    super(message);
    this.name = 'SandboxError';
    this.code = code;
  }
}
