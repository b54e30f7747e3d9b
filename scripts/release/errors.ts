/** Stable codes for the release tooling's failures; the CLIs turn them into messages and exit codes. */
export type ReleaseErrorCode =
  | 'USAGE'
  | 'TARBALL_UNREADABLE'
  | 'POLICY_INVALID'
  | 'COMMAND_FAILED'
  | 'PENDING_CHANGESETS'
  | 'DIRTY_TREE'
  | 'VERSION_EXISTS'
  | 'VERIFY_FAILED'
  | 'INTEGRITY_MISMATCH'
  | 'REGISTRY_MISMATCH'
  | 'NOT_REPRODUCIBLE';

/** A failure of the release tooling with a stable `code`. */
export class ReleaseError extends Error {
  readonly code: ReleaseErrorCode;
  constructor(code: ReleaseErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReleaseError';
    this.code = code;
  }
}
