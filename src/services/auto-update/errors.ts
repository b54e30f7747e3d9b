/**
 * Why an install, update or rollback was refused. Stable codes: tests and the
 * installer's messages are matched on them, never on wording.
 */
export type UpdateErrorCode =
  | 'disabled'
  | 'not-native'
  | 'no-source'
  | 'insecure-url'
  | 'download-failed'
  | 'too-large'
  | 'bad-signature'
  | 'bad-document'
  | 'expired'
  | 'version-mismatch'
  | 'downgrade'
  | 'no-platform'
  | 'updater-too-old'
  | 'size-mismatch'
  | 'sha256-mismatch'
  | 'smoke-test-failed'
  | 'locked'
  | 'not-installed'
  | 'no-rollback-target'
  | 'io';

export class UpdateError extends Error {
  readonly code: UpdateErrorCode;
  constructor(code: UpdateErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UpdateError';
    this.code = code;
  }
}

export function isUpdateError(error: unknown): error is UpdateError {
  return error instanceof UpdateError;
}
