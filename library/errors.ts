/**
 * Errors a caller branches on. Each carries a stable `code` and the HTTP status the API edge renders.
 * Messages say what happened, to which value, and what to do.
 */
export class ZhiwenError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details?: Record<string, unknown>;

  constructor(code: string, message: string, status = 400, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ZhiwenError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

/** A record that can never be stored as it is: retrying will not help, fix the input. */
export class InvalidRecordError extends ZhiwenError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('INVALID_RECORD', message, 400, details);
    this.name = 'InvalidRecordError';
  }
}

export class NotFoundError extends ZhiwenError {
  constructor(message: string) {
    super('NOT_FOUND', message, 404);
    this.name = 'NotFoundError';
  }
}

/** The stored library was written by another schema or analyzer version than this code expects. */
export class VersionMismatchError extends ZhiwenError {
  constructor(message: string) {
    super('VERSION_MISMATCH', message, 500);
    this.name = 'VersionMismatchError';
  }
}
