import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

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
  res.setHeader('Access-Control-Expose-Headers', 'x-request-id, Server-Timing, Retry-After');
  if (req.method === 'OPTIONS') {
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PATCH, DELETE, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Idempotency-Key, x-request-id');
    res.setHeader('Access-Control-Max-Age', '86400');
    res.status(204).end();
    return;
  }
  next();
};
