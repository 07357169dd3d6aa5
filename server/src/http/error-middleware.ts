import type { ErrorRequestHandler, RequestHandler } from 'express';
import { DomainError, type ErrorKind } from '../errors.js';
import { describeError, type Logger } from '../logger.js';

const STATUS: Record<ErrorKind, number> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  slot_unavailable: 409,
  idempotency_conflict: 409,
  conflict: 409,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({ error: { code: 'not_found', message: `No route for ${req.method} ${req.path}` } });
};

/** The one place errors become HTTP: domain errors by kind, body-parser errors as 4xx, the rest 500. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (error instanceof DomainError) {
      res.status(STATUS[error.kind]).json({ error: { code: error.code, message: error.message, details: error.details } });
      return;
    }
    // body-parser marks its own errors (malformed JSON, too large, bad charset) with a 4xx status.
    const status = typeof error?.status === 'number' ? error.status : typeof error?.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      const code = error.type === 'entity.parse.failed' ? 'validation_failed' : error.type === 'entity.too.large' ? 'payload_too_large' : 'bad_request';
      const message = error.type === 'entity.parse.failed' ? 'The request body is not valid JSON' : String(error.message ?? 'Bad request');
      res.status(status).json({ error: { code, message } });
      return;
    }
    logger.error('unhandled error', { method: req.method, path: req.path, requestId: res.getHeader('x-request-id'), error: describeError(error, { stack: true }) });
    res.status(500).json({ error: { code: 'internal_error', message: 'Something went wrong on our side' } });
  };
}
