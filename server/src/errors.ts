/**
 * Domain errors: what went wrong in the domain's words. They know nothing of HTTP; the error
 * middleware maps each `kind` to a status and the SPEC's error body.
 */
export type ErrorKind =
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'slot_unavailable'
  | 'idempotency_conflict'
  | 'conflict'
  | 'unsupported_media_type'
  | 'unprocessable'
  | 'rate_limited'
  | 'unavailable';

export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly details?: unknown,
    readonly code: string = kind,
  ) {
    super(message);
  }
}

export class ValidationError extends DomainError {
  constructor(message: string, details?: unknown) {
    super('validation_failed', message, details);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('not_found', `${what} not found`);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = 'A valid API key or manage token is required') {
    super('unauthorized', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'This key may not do that') {
    super('forbidden', message);
  }
}

export class SlotUnavailableError extends DomainError {
  constructor(message = 'That time is no longer available', details?: unknown) {
    super('slot_unavailable', message, details);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details?: unknown, code = 'conflict') {
    super('conflict', message, details, code);
  }
}

/**
 * A host's connected calendar could not be read while booking, so the time cannot be promised:
 * 503 `calendar_unavailable`, worth retrying shortly.
 */
export class CalendarUnavailableError extends DomainError {
  constructor(message: string, details?: unknown) {
    super('unavailable', message, details, 'calendar_unavailable');
  }
}

/** A service we depend on (Svix) did not answer; the request may be retried later. */
export class UnavailableError extends DomainError {
  constructor(message: string, code = 'unavailable') {
    super('unavailable', message, undefined, code);
  }
}
