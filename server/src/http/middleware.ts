import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { DomainError } from '../errors.js';

export const requestId: RequestHandler = (req, res, next) => {
  const given = req.get('x-request-id');
  res.setHeader('x-request-id', given && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID());
  next();
};

/**
 * The API is called from any site that embeds the widget, so CORS is open; owner calls carry a
 * bearer key (never cookies), so an open origin grants nothing extra.
 */
export const cors: RequestHandler = (req, res, next) => {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', 'x-request-id, Server-Timing, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Link');
  if (req.method === 'OPTIONS') {
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PATCH, DELETE, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Idempotency-Key, x-request-id');
    res.setHeader('Access-Control-Max-Age', '86400');
    res.status(204).end();
    return;
  }
  next();
};

/**
 * API bodies are JSON: a body sent as anything else (a form, text/plain, no Content-Type) is a 415
 * rather than silently read as no fields. Requests without a body pass.
 */
export const jsonBodiesOnly: RequestHandler = (req, _res, next) => {
  const hasBody = req.get('transfer-encoding') !== undefined || Number(req.get('content-length') ?? 0) > 0;
  if (!hasBody || req.is('application/json')) return next();
  const given = req.get('content-type');
  next(
    new DomainError(
      'unsupported_media_type',
      `Request bodies must be JSON with Content-Type: application/json${given ? ` (got ${given.slice(0, 100)})` : ' (none given)'}`,
      { contentType: given?.slice(0, 100) ?? null },
    ),
  );
};
