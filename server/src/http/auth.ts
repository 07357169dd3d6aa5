import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Principal } from '../authorization/index.js';
import { UnauthorizedError } from '../errors.js';
import { sha256 } from '../security/digest.js';

export interface ApiKeyLookup {
  findUserByKeyHash(keyHash: string): Promise<{ id: number; username: string; keyId: number } | null>;
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
 * manage token) are left for the bookings service, so this never rejects by itself. What the
 * principal may do is decided in `authorization/`, never here.
 */
export function authenticate(keys: ApiKeyLookup, adminKey: string | null): RequestHandler {
  return async (req, res, next) => {
    const token = bearerToken(req);
    let principal: Principal = null;
    if (token && adminKey && sameSecret(token, adminKey)) principal = { kind: 'admin' };
    else if (token?.startsWith('osk_')) {
      const user = await keys.findUserByKeyHash(sha256(token));
      if (!user) throw new UnauthorizedError('Unknown API key');
      principal = { kind: 'user', userId: user.id, username: user.username, scopes: null, credential: { type: 'api_key', id: user.keyId } };
    }
    res.locals.principal = principal;
    next();
  };
}

export function principalOf(res: { locals: Record<string, unknown> }): Principal {
  return (res.locals.principal as Principal | undefined) ?? null;
}
