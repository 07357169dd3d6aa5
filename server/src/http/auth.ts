import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Clock } from '../clock.js';
import { DomainError, ForbiddenError, UnauthorizedError } from '../errors.js';

/** What a user's request was authenticated with: one of their API keys, or a session token (minted by the console, or not). */
export type Credential = { type: 'api_key'; id: number } | { type: 'session'; id: number; consoleSessionId: number | null };

export type UserPrincipal = { kind: 'user'; userId: number; username: string; credential: Credential };

/** Who is calling: the platform admin, a user through one of their API keys or session tokens, or nobody. */
export type Principal = { kind: 'admin' } | UserPrincipal | null;

export interface CredentialLookup {
  findUserByKeyHash(keyHash: string): Promise<{ id: number; username: string; keyId: number } | null>;
  /** The live (unexpired, unrevoked) session token with that hash. */
  findLiveSessionToken(tokenHash: string, now: number): Promise<{ id: number; userId: number; username: string; consoleSessionId: number | null } | null>;
}

/** Session tokens start so, API keys with `osk_`: the prefix says which table to look in. */
export const SESSION_TOKEN_PREFIX = 'oss_';

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
 * Resolves the bearer token to a principal when it is an API key or a session token. Other bearer
 * tokens (a booking's manage token) are left for the bookings service, so this never rejects by itself.
 */
export function authenticate(credentials: CredentialLookup, adminKey: string | null, clock: Clock): RequestHandler {
  return async (req, res, next) => {
    const token = bearerToken(req);
    let principal: Principal = null;
    if (token && adminKey && sameSecret(token, adminKey)) principal = { kind: 'admin' };
    else if (token?.startsWith('osk_')) {
      const user = await credentials.findUserByKeyHash(sha256(token));
      if (!user) throw new UnauthorizedError('Unknown API key');
      principal = { kind: 'user', userId: user.id, username: user.username, credential: { type: 'api_key', id: user.keyId } };
    } else if (token?.startsWith(SESSION_TOKEN_PREFIX)) {
      const session = await credentials.findLiveSessionToken(sha256(token), clock.now());
      // The components tell this code apart from a wrong key: they ask their page for a new token.
      if (!session) throw new DomainError('unauthorized', 'The session token has expired or was revoked', undefined, 'session_token_expired');
      principal = { kind: 'user', userId: session.userId, username: session.username, credential: { type: 'session', id: session.id, consoleSessionId: session.consoleSessionId } };
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

// What only an API key (or the admin key) may reach: minting and listing credentials, and webhooks,
// whose secrets outlive any browser session. Matched by path, so later routes under them are covered.
const KEY_ONLY: RegExp[] = [/^\/v1\/users\/[^/]+\/api-keys(\/|$)/, /^\/v1\/users\/[^/]+\/session-tokens\/?$/, /^\/v1\/webhooks(\/|$)/];

/**
 * The limits of a session token: useless for managing credentials, and unable to change the host's
 * email (the console signs in by it, so that would outlive the token).
 */
export const sessionTokenLimits: RequestHandler = (req, res, next) => {
  const caller = principalOf(res);
  if (caller?.kind !== 'user' || caller.credential.type !== 'session') return next();
  const keyOnly = KEY_ONLY.some((path) => path.test(req.path));
  const emailChange = req.method === 'PATCH' && /^\/v1\/users\/[^/]+\/?$/.test(req.path) && typeof req.body === 'object' && req.body !== null && 'email' in req.body;
  if (keyOnly || emailChange) throw new ForbiddenError('A session token may not do that: use an API key');
  next();
};
