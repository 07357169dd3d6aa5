import { z } from 'zod';
import { handle } from './common.js';

/** The longest a session token may live, in minutes (12 hours); a server's default is shorter. */
export const SESSION_TOKEN_MAX_MINUTES = 720;

/**
 * Mints a session token for the host named in the path (their key or the admin key).
 * `expiresInMinutes`: its lifetime, 5 minutes to 12 hours (default: the server's
 * SESSION_TOKEN_MINUTES, 60 unless configured).
 */
export const createSessionTokenInput = z.strictObject({
  expiresInMinutes: z.number().int().min(5).max(SESSION_TOKEN_MAX_MINUTES).optional(),
});
export type CreateSessionTokenInput = z.input<typeof createSessionTokenInput>;

/** A new session token, shown once (only its hash is stored). */
export const sessionTokenCreated = z.object({ token: z.string(), expiresAt: z.string() });
export type SessionTokenCreated = z.infer<typeof sessionTokenCreated>;

/** How a session token came to be: minted with an API key or the admin key, by a refresh, or by the console. */
export const sessionTokenOrigins = ['api_key', 'admin', 'refresh', 'console'] as const;

/** A live session token as the host's key lists it (never the token itself). */
export const sessionToken = z.object({
  id: z.number().int(),
  createdAt: z.string(),
  expiresAt: z.string(),
  via: z.enum(sessionTokenOrigins),
});
export type SessionToken = z.infer<typeof sessionToken>;

/**
 * One change made with a session token or in the console: who (the host, and which token or
 * console session), when, and what (the route's action and the resource's id), never the data.
 */
export const auditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.object({
    username: handle,
    via: z.enum(['session_token', 'console']),
    /** The session token's id (`via: session_token`) or the console session's (`via: console`). */
    credentialId: z.number().int(),
  }),
  /** `METHOD /route/:param` as the API names it, or a console action (`console.sign_in`, `console.sign_out`, `console.revoke_session`). */
  action: z.string(),
  resource: z.object({ type: z.string(), id: z.string() }).nullable(),
  status: z.number().int(),
});
export type AuditEntry = z.infer<typeof auditEntry>;
