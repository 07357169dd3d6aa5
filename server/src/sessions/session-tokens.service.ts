import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { SessionToken, SessionTokenCreated } from '@openslot/sdk/schemas';
import type { Clock } from '../clock.js';
import { DomainError, NotFoundError } from '../errors.js';
import { SESSION_TOKEN_PREFIX } from '../authorization/index.js';
import { sha256 } from '../security/digest.js';
import type { SessionsRepo, SessionTokenVia } from './sessions.repo.js';

/** How long refreshing may carry a chain of tokens minted with a key: a platform mints a fresh one after. */
export const SESSION_TOKEN_RENEWAL_MS = 24 * 3_600_000;

const MINUTE_MS = 60_000;

export function createSessionTokensService(deps: { db: Knex; sessions: SessionsRepo; clock: Clock; defaultMinutes: number }) {
  const { db, sessions, clock, defaultMinutes } = deps;

  /** A random 256-bit token; only its hash is stored, so this is the one time it is seen. */
  async function mint(
    userId: number,
    via: SessionTokenVia,
    options: { minutes?: number | undefined; consoleSessionId?: number | null; renewableUntil?: number },
    trx: Knex = db,
  ): Promise<SessionTokenCreated> {
    const now = clock.now();
    const renewableUntil = options.renewableUntil ?? now + SESSION_TOKEN_RENEWAL_MS;
    const expiresAt = Math.min(now + (options.minutes ?? defaultMinutes) * MINUTE_MS, renewableUntil);
    const token = `${SESSION_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    await sessions.insertToken({ userId, tokenHash: sha256(token), via, consoleSessionId: options.consoleSessionId ?? null, createdAt: now, expiresAt, renewableUntil }, trx);
    return { token, expiresAt: new Date(expiresAt).toISOString() };
  }

  return {
    mint,

    /**
     * Trades the live token `id` for a new one of the same lifetime (never past the chain's
     * renewal limit) and revokes it, in one transaction: of two racing refreshes one wins.
     */
    async refresh(userId: number, id: number): Promise<SessionTokenCreated> {
      return db.transaction(async (trx) => {
        const old = await sessions.findToken(id, trx);
        if (!old || !(await sessions.revokeToken(userId, id, clock.now(), trx))) {
          throw new DomainError('unauthorized', 'The session token has expired or was revoked', undefined, 'session_token_expired');
        }
        const minutes = (old.expiresAt - old.createdAt) / MINUTE_MS;
        return mint(userId, 'refresh', { minutes, consoleSessionId: old.consoleSessionId, renewableUntil: old.renewableUntil }, trx);
      });
    },

    async list(userId: number): Promise<SessionToken[]> {
      const rows = await sessions.liveTokens(userId, clock.now());
      return rows.map((row) => ({ id: row.id, createdAt: new Date(row.createdAt).toISOString(), expiresAt: new Date(row.expiresAt).toISOString(), via: row.via }));
    },

    async revoke(userId: number, id: number): Promise<void> {
      if (!(await sessions.revokeToken(userId, id, clock.now()))) throw new NotFoundError(`Session token ${id}`);
    },
  };
}

export type SessionTokensService = ReturnType<typeof createSessionTokensService>;
