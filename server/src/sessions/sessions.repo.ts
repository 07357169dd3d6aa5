import type { Knex } from 'knex';
import type { SessionToken } from '@openslot/sdk/schemas';

export type SessionTokenVia = SessionToken['via'];

export interface SessionTokenRow {
  id: number;
  userId: number;
  via: SessionTokenVia;
  consoleSessionId: number | null;
  createdAt: number;
  expiresAt: number;
  renewableUntil: number;
}

export interface ConsoleSessionRow {
  id: number;
  userId: number;
  userAgent: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

export type SignInLinkState = { id: number; userId: number } | { refused: 'used' | 'expired' | 'unknown' };

const toToken = (row: Record<string, any>): SessionTokenRow => ({
  id: row.id,
  userId: row.user_id,
  via: row.via,
  consoleSessionId: row.console_session_id ?? null,
  createdAt: Number(row.created_at),
  expiresAt: Number(row.expires_at),
  renewableUntil: Number(row.renewable_until),
});

const toConsoleSession = (row: Record<string, any>): ConsoleSessionRow => ({
  id: row.id,
  userId: row.user_id,
  userAgent: row.user_agent,
  createdAt: Number(row.created_at),
  lastSeenAt: Number(row.last_seen_at),
  expiresAt: Number(row.expires_at),
});

/** Session tokens, console sessions and sign-in links: every secret by its hash only. */
export function createSessionsRepo(db: Knex) {
  return {
    async insertToken(token: Omit<SessionTokenRow, 'id'> & { tokenHash: string }, trx: Knex = db): Promise<number> {
      const [id] = await trx('session_tokens').insert({
        user_id: token.userId,
        token_hash: token.tokenHash,
        via: token.via,
        console_session_id: token.consoleSessionId,
        created_at: token.createdAt,
        expires_at: token.expiresAt,
        renewable_until: token.renewableUntil,
      });
      return Number(id);
    },

    /** The token if it is live at `now`, with its user's handle. */
    async findLiveToken(tokenHash: string, now: number): Promise<(SessionTokenRow & { username: string }) | null> {
      const row = await db('session_tokens')
        .join('users', 'users.id', 'session_tokens.user_id')
        .select('session_tokens.*', 'users.username')
        .where('session_tokens.token_hash', tokenHash)
        .whereNull('session_tokens.revoked_at')
        .where('session_tokens.expires_at', '>', now)
        .first();
      return row ? { ...toToken(row), username: row.username } : null;
    },

    async findToken(id: number, trx: Knex = db): Promise<SessionTokenRow | null> {
      const row = await trx('session_tokens').where({ id }).whereNull('revoked_at').first();
      return row ? toToken(row) : null;
    },

    async liveTokens(userId: number, now: number): Promise<SessionTokenRow[]> {
      const rows = await db('session_tokens').where({ user_id: userId }).whereNull('revoked_at').where('expires_at', '>', now).orderBy('id', 'desc').limit(500);
      return rows.map(toToken);
    },

    /** Revokes the user's token; false when it was not theirs or no longer live. */
    async revokeToken(userId: number, id: number, now: number, trx: Knex = db): Promise<boolean> {
      const changed = await trx('session_tokens').where({ id, user_id: userId }).whereNull('revoked_at').where('expires_at', '>', now).update({ revoked_at: now });
      return changed > 0;
    },

    async insertConsoleSession(session: Omit<ConsoleSessionRow, 'id'> & { cookieHash: string }, trx: Knex = db): Promise<number> {
      const [id] = await trx('console_sessions').insert({
        user_id: session.userId,
        cookie_hash: session.cookieHash,
        user_agent: session.userAgent,
        created_at: session.createdAt,
        last_seen_at: session.lastSeenAt,
        expires_at: session.expiresAt,
      });
      return Number(id);
    },

    /** The live console session with that cookie, with its user's handle. */
    async findLiveConsoleSession(cookieHash: string, now: number): Promise<(ConsoleSessionRow & { username: string }) | null> {
      const row = await db('console_sessions')
        .join('users', 'users.id', 'console_sessions.user_id')
        .select('console_sessions.*', 'users.username')
        .where({ cookie_hash: cookieHash })
        .whereNull('revoked_at')
        .where('expires_at', '>', now)
        .first();
      return row ? { ...toConsoleSession(row), username: row.username } : null;
    },

    async touchConsoleSession(id: number, now: number): Promise<void> {
      await db('console_sessions').where({ id }).update({ last_seen_at: now });
    },

    async liveConsoleSessions(userId: number, now: number): Promise<ConsoleSessionRow[]> {
      const rows = await db('console_sessions').where({ user_id: userId }).whereNull('revoked_at').where('expires_at', '>', now).orderBy('id', 'desc').limit(100);
      return rows.map(toConsoleSession);
    },

    /** Ends the user's console session and every session token it minted; false when it was not theirs or already over. */
    async revokeConsoleSession(userId: number, id: number, now: number, trx: Knex): Promise<boolean> {
      const changed = await trx('console_sessions').where({ id, user_id: userId }).whereNull('revoked_at').update({ revoked_at: now });
      await trx('session_tokens').where({ console_session_id: id }).whereNull('revoked_at').update({ revoked_at: now });
      return changed > 0;
    },

    async insertSignInLink(link: { userId: number; nonceHash: string; createdAt: number; expiresAt: number }, trx: Knex): Promise<void> {
      await trx('console_sign_in_links').insert({ user_id: link.userId, nonce_hash: link.nonceHash, created_at: link.createdAt, expires_at: link.expiresAt });
    },

    /** What a sign-in link would do now, without using it. */
    async signInLinkState(nonceHash: string, now: number, trx: Knex = db): Promise<SignInLinkState> {
      const row = await trx('console_sign_in_links').where({ nonce_hash: nonceHash }).first();
      if (!row) return { refused: 'unknown' };
      if (row.used_at !== null) return { refused: 'used' };
      if (Number(row.expires_at) <= now) return { refused: 'expired' };
      return { id: row.id, userId: row.user_id };
    },

    /** Marks the link used; false when another request used it first. */
    async claimSignInLink(id: number, now: number, trx: Knex): Promise<boolean> {
      return (await trx('console_sign_in_links').where({ id }).whereNull('used_at').update({ used_at: now })) > 0;
    },
  };
}

export type SessionsRepo = ReturnType<typeof createSessionsRepo>;
