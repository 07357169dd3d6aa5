import type { Request, RequestHandler, Response } from 'express';
import { DomainError } from '../errors.js';
import { principalOf } from '../http/auth.js';
import { countedAddress } from './client-address.js';
import type { RateLimitCheck, RateLimiter } from './limiter.js';

// Routes a booker reaches without a key: links from emails (manage, confirm/reject, book), a
// booking read or changed with its manage token, the payment pages, the public event-type view.
const PUBLIC_ROUTES = [/^\/(manage|book)\//, /^\/v1\/bookings\/[^/]+(\/|$)/, /^\/v1\/payments\//, /^\/v1\/stripe\/connect\//, /^\/v1\/event-types\/[^/]+\/[^/]+$/];
// A dynamic group names at most this many hosts worth counting separately.
const MAX_COUNTED_HANDLES = 5;

/** The handles of the event a booking names (`alice/intro`, `alice+bob/intro`), lowercased. */
function handlesOf(event: unknown): string[] {
  if (typeof event !== 'string') return [];
  const handle = event.split('/')[0] ?? '';
  return [...new Set(handle.toLowerCase().split('+').filter(Boolean))].slice(0, MAX_COUNTED_HANDLES);
}

/** What one request is counted against; none for routes without a limit. */
function checksOf(req: Request, res: Response): RateLimitCheck[] {
  const principal = principalOf(res);
  // The platform admin key is the operator's own: provisioning and scripts are not throttled.
  if (principal?.kind === 'admin') return [];
  // Each credential (an API key, a session token) has its own allowance.
  if (principal) return [{ name: 'apiKey', subject: `${principal.credential.type}:${principal.credential.id}` }];
  const address = countedAddress(req.ip);
  if (req.path === '/v1/slots' && req.method === 'GET') return [{ name: 'slots', subject: address }];
  if (req.path === '/v1/bookings' && req.method === 'POST') {
    const email = req.body?.attendee?.email;
    return [
      { name: 'bookings', subject: address },
      ...(typeof email === 'string' ? [{ name: 'bookingsPerEmail' as const, subject: email.trim().toLowerCase() }] : []),
      ...handlesOf(req.body?.event).map((handle) => ({ name: 'bookingsPerHost' as const, subject: handle })),
    ];
  }
  // The console's sign-in form sends mail; its pages and assets are not counted.
  const consoleSignIn = req.method === 'POST' && req.path === '/console/sign-in';
  if (consoleSignIn || PUBLIC_ROUTES.some((route) => route.test(req.path))) return [{ name: 'public', subject: address }];
  return [];
}

/**
 * Counts each request on a limited route and answers the SPEC's 429 `rate_limited` with
 * `Retry-After` once a limit is used up; every answer on those routes carries `RateLimit-Limit`,
 * `RateLimit-Remaining` and `RateLimit-Reset` (seconds). Mounted after `authenticate`, which
 * decides whether a request is counted per key or per address. `null` (`RATE_LIMITS=off`) passes all.
 */
export function rateLimits(limiter: RateLimiter | null): RequestHandler {
  return async (req, res, next) => {
    const checks = limiter ? checksOf(req, res) : [];
    if (!limiter || checks.length === 0) return next();
    const decision = await limiter.check(checks);
    res.setHeader('RateLimit-Limit', String(decision.limit));
    res.setHeader('RateLimit-Remaining', String(decision.remaining));
    res.setHeader('RateLimit-Reset', String(decision.resetSeconds));
    if (decision.allowed) return next();
    res.setHeader('Retry-After', String(decision.resetSeconds));
    throw new DomainError('rate_limited', `Too many requests: try again in ${decision.resetSeconds} s`, { limit: decision.name, retryAfterSeconds: decision.resetSeconds });
  };
}
