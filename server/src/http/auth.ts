import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { requireRequestScope, type Caller, type Principal } from '../authorization/index.js';
import { sha256 } from '../security/digest.js';

/** Turns an `osk_` key into its user's principal, or refuses it (401: unknown, revoked or expired). */
export interface ApiKeyAuthenticator {
  authenticate(token: string): Promise<Caller>;
}

export function bearerToken(req: Request): string | null {
  const header = req.get('authorization');
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(sha256(a));
  const right = Buffer.from(sha256(b));
  return timingSafeEqual(left, right);
}

/**
 * Resolves the bearer token to a principal when it is an API key. Other bearer tokens (a booking's
 * manage token) are left for the bookings service. What the principal may do is decided in
 * `authorization/`, never here: a scoped key's request is checked against its scopes at once.
 */
export function authenticate(keys: ApiKeyAuthenticator, adminKey: string | null): RequestHandler {
  return async (req, res, next) => {
    const token = bearerToken(req);
    let principal: Principal = null;
    if (token && adminKey && sameSecret(token, adminKey)) principal = { kind: 'admin' };
    else if (token?.startsWith('osk_')) principal = await keys.authenticate(token);
    requireRequestScope(principal, req.method, req.path);
    res.locals.principal = principal;
    next();
  };
}

export function principalOf(res: { locals: Record<string, unknown> }): Principal {
  return (res.locals.principal as Principal | undefined) ?? null;
}
