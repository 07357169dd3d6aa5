import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { ForbiddenError, UnauthorizedError } from '../errors.js';

/** Who is calling: the platform admin, a user through one of their API keys, or nobody. */
export type Principal = { kind: 'admin' } | { kind: 'user'; userId: number; username: string } | null;

export interface ApiKeyLookup {
  findUserByKeyHash(keyHash: string): Promise<{ id: number; username: string } | null>;
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
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
 * manage token) are left for the bookings service, so this never rejects by itself.
 */
export function authenticate(keys: ApiKeyLookup, adminKey: string | null): RequestHandler {
  return async (req, res, next) => {
    const token = bearerToken(req);
    let principal: Principal = null;
    if (token && adminKey && sameSecret(token, adminKey)) principal = { kind: 'admin' };
    else if (token?.startsWith('osk_')) {
      const user = await keys.findUserByKeyHash(sha256(token));
      if (!user) throw new UnauthorizedError('Unknown API key');
      principal = { kind: 'user', userId: user.id, username: user.username };
    }
    res.locals.principal = principal;
    next();
  };
}

export function principalOf(res: { locals: Record<string, unknown> }): Principal {
  return (res.locals.principal as Principal | undefined) ?? null;
}

export function requirePrincipal(principal: Principal): Exclude<Principal, null> {
  if (!principal) throw new UnauthorizedError('An API key is required');
  return principal;
}

export function requireAdmin(principal: Principal): void {
  if (requirePrincipal(principal).kind !== 'admin') throw new ForbiddenError('Only the platform admin key may do that');
}

/** The admin may act for anyone; a user's key only for that user. */
export function requireActingAs(principal: Principal, userId: number): void {
  const caller = requirePrincipal(principal);
  if (caller.kind === 'user' && caller.userId !== userId) throw new ForbiddenError();
}
