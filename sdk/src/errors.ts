/**
 * One error hierarchy for every failure the client can report, modelled on openai-node's
 * `APIError` family: catch `OpenSlotError` for all of them, or a subclass for one case.
 */

export interface ErrorInit {
  status?: number | undefined;
  code: string;
  message: string;
  requestId?: string | undefined;
  details?: unknown;
  cause?: unknown;
}

export class OpenSlotError extends Error {
  /** The HTTP status, or `undefined` when no response arrived. */
  readonly status: number | undefined;
  /** The API's machine-readable code (`slot_unavailable`, `validation_failed`, …). */
  readonly code: string;
  /** The server's `x-request-id`, to quote in a support request. */
  readonly requestId: string | undefined;
  /** The error body's `details` (validation issues, conflicting slot, …). */
  readonly details: unknown;

  constructor(init: ErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.details = init.details;
  }
}

/** 400 or 422: the request was malformed or broke a rule; `details` names the fields. */
export class ValidationError extends OpenSlotError {}
/** 401 or 403: a missing, wrong or insufficient API key or manage token. */
export class AuthError extends OpenSlotError {}
/** 404: no such event type, booking, … */
export class NotFoundError extends OpenSlotError {}
/** 409 in general. */
export class ConflictError extends OpenSlotError {}
/** 409 `slot_unavailable`: someone else took the time (or it left the host's availability). */
export class SlotUnavailableError extends ConflictError {}
/** 409 `idempotency_conflict`: the idempotency key was used before with another body. */
export class IdempotencyConflictError extends ConflictError {}
/** 429: slow down; `retryAfterMs` says for how long when the server told us. */
export class RateLimitError extends OpenSlotError {
  readonly retryAfterMs: number | undefined;
  constructor(init: ErrorInit & { retryAfterMs?: number | undefined }) {
    super(init);
    this.retryAfterMs = init.retryAfterMs;
  }
}
/** 5xx: the server failed; safe calls were already retried. */
export class ServerError extends OpenSlotError {}
/** No response at all: offline, DNS, CORS, connection reset, or the timeout (`code: "timeout"`). */
export class NetworkError extends OpenSlotError {}

/** Maps a non-2xx response to the matching class; the body is the SPEC's `{error: {code, message, details}}`. */
export function errorFromResponse(status: number, body: unknown, headers: Headers): OpenSlotError {
  const wire = readErrorBody(body);
  const init: ErrorInit = {
    status,
    code: wire?.code ?? `http_${status}`,
    message: wire?.message ?? `HTTP ${status}`,
    requestId: headers.get('x-request-id') ?? undefined,
    details: wire?.details,
  };
  if (status === 400 || status === 422) return new ValidationError(init);
  if (status === 401 || status === 403) return new AuthError(init);
  if (status === 404) return new NotFoundError(init);
  if (status === 409) {
    if (init.code === 'slot_unavailable') return new SlotUnavailableError(init);
    if (init.code === 'idempotency_conflict') return new IdempotencyConflictError(init);
    return new ConflictError(init);
  }
  if (status === 429) return new RateLimitError({ ...init, retryAfterMs: parseRetryAfter(headers.get('retry-after')) });
  if (status >= 500) return new ServerError(init);
  return new OpenSlotError(init);
}

function readErrorBody(body: unknown): { code?: string; message?: string; details?: unknown } | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const error = (body as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message, details } = error as Record<string, unknown>;
  return {
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof message === 'string' ? { message } : {}),
    details,
  };
}

/** `Retry-After` is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
