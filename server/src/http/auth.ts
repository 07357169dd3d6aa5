import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { refuseSessionToken, SESSION_TOKEN_PREFIX, type Principal } from '../authorization/index.js';
import type { Clock } from '../clock.js';
import { DomainError, UnauthorizedError } from '../errors.js';
import { sha256 } from '../security/digest.js';

export interface CredentialLookup {
  findUserByKeyHash(keyHash: string): Promise<{ id: number; username: string; keyId: number } | null>;
  /** The live (unexpired, unrevoked) session token with that hash. */
  findLiveSessionToken(tokenHash: string, now: number): Promise<{ id: number; userId: number; username: string; consoleSessionId: number | null } | null>;
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
 * Resolves the bearer token to a principal when it is an API key or a session token. Other bearer
 * tokens (a booking's manage token) are left for the bookings service, so this never rejects by
 * itself. What the principal may do is decided in `authorization/`, never here.
 */
export function authenticate(credentials: CredentialLookup, adminKey: string | null, clock: Clock): RequestHandler {
  return async (req, res, next) => {
    const token = bearerToken(req);
    let principal: Principal = null;
    if (token && adminKey && sameSecret(token, adminKey)) principal = { kind: 'admin' };
    else if (token?.startsWith('osk_')) {
      const user = await credentials.findUserByKeyHash(sha256(token));
      if (!user) throw new UnauthorizedError('Unknown API key');
      principal = { kind: 'user', userId: user.id, username: user.username, scopes: null, credential: { type: 'api_key', id: user.keyId } };
    } else if (token?.startsWith(SESSION_TOKEN_PREFIX)) {
      const session = await credentials.findLiveSessionToken(sha256(token), clock.now());
      // The components tell this code apart from a wrong key: they ask their page for a new token.
      if (!session) throw new DomainError('unauthorized', 'The session token has expired or was revoked', undefined, 'session_token_expired');
      principal = { kind: 'user', userId: session.userId, username: session.username, scopes: null, credential: { type: 'session', id: session.id, consoleSessionId: session.consoleSessionId } };
    }
    res.locals.principal = principal;
    next();
  };
}

export function principalOf(res: { locals: Record<string, unknown> }): Principal {
  return (res.locals.principal as Principal | undefined) ?? null;
}

/** Applies the limits of a session token (authorization/sessions.ts) to every request, before any router. */
export const sessionTokenLimits: RequestHandler = (req, res, next) => {
  const body = typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {};
  refuseSessionToken(principalOf(res), { method: req.method, path: req.path, fields: Object.keys(body) });
  next();
};
