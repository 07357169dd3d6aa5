import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { SessionTokenCreated } from '@openslot/sdk/schemas';
import type { AuditService } from '../audit/audit.service.js';
import type { Clock } from '../clock.js';
import { sha256 } from '../security/digest.js';
import type { JobQueue } from '../jobs/index.js';
import { ACCOUNT_MAIL } from '../notifications/index.js';
import type { Signer } from '../security/signing.js';
import type { SessionTokensService } from '../sessions/session-tokens.service.js';
import type { ConsoleSessionRow, SessionsRepo } from '../sessions/sessions.repo.js';
import type { UsersRepo } from '../users/users.repo.js';
import { signInEmail } from './sign-in-email.js';

const LINK_PURPOSE = 'console-sign-in';
const MINUTE_MS = 60_000;

export type ConsoleSession = ConsoleSessionRow & { username: string };
export type LinkRefusal = 'used' | 'expired' | 'unknown';

/**
 * The console's sign-in: an emailed single-use link (a random nonce, HMAC-signed so a forged one
 * is refused before the database is asked, stored hashed with its expiry and use), then a cookie
 * session (random, stored hashed) that mints session tokens for the host components.
 */
export function createConsoleService(deps: {
  db: Knex;
  sessions: SessionsRepo;
  usersRepo: UsersRepo;
  sessionTokens: SessionTokensService;
  audit: AuditService;
  jobs: JobQueue;
  signer: Signer;
  clock: Clock;
  publicUrl: string;
  signInLinkMinutes: number;
  consoleDays: number;
}) {
  const { db, sessions, usersRepo, sessionTokens, audit, jobs, signer, clock } = deps;

  /** The nonce of a well-signed link token (`nonce.signature`), else null. */
  function nonceOf(token: string): string | null {
    const [nonce, signature, ...rest] = token.split('.');
    if (!nonce || !signature || rest.length > 0 || nonce.length > 100) return null;
    return signer.verify(LINK_PURPOSE, nonce, signature) ? nonce : null;
  }

  /** A console action by `actor` (a console session) on the console session `target`. */
  const record = (actor: { id: number; userId: number }, action: string, target: number) =>
    audit.record({ userId: actor.userId, via: 'console', credentialId: actor.id, action, resource: { type: 'consoleSession', id: String(target) }, status: 200 });

  return {
    /**
     * Emails a sign-in link to each account with that address, through the durable mail jobs. An
     * address without an account gets nothing, and the caller is told the same either way.
     */
    async requestSignIn(email: string): Promise<void> {
      const accounts = await usersRepo.findByEmail(email);
      if (accounts.length === 0) return;
      const now = clock.now();
      const expiresAt = now + deps.signInLinkMinutes * MINUTE_MS;
      await db.transaction(async (trx) => {
        const links: Array<{ username: string; href: string }> = [];
        for (const user of accounts) {
          const nonce = randomBytes(32).toString('base64url');
          await sessions.insertSignInLink({ userId: user.id, nonceHash: sha256(nonce), createdAt: now, expiresAt }, trx);
          links.push({ username: user.username, href: `${deps.publicUrl}/console/sign-in/link?token=${nonce}.${signer.sign(LINK_PURPOSE, nonce)}` });
        }
        const message = signInEmail({ name: accounts[0]!.name, address: accounts[0]!.email }, links, deps.signInLinkMinutes);
        await jobs.enqueue(trx, { kind: ACCOUNT_MAIL, payload: { message, email: 'console_sign_in' } }, now);
      });
    },

    /** Whether the link would sign in now (the page behind it asks before using it). */
    async checkLink(token: string): Promise<LinkRefusal | null> {
      const nonce = nonceOf(token);
      if (!nonce) return 'unknown';
      const state = await sessions.signInLinkState(sha256(nonce), clock.now());
      return 'refused' in state ? state.refused : null;
    },

    /** Uses the link (once, even against a racing second use) and opens a console session: its cookie value, shown once. */
    async signIn(token: string, userAgent: string): Promise<{ cookie: string; maxAgeMs: number } | { refused: LinkRefusal }> {
      const nonce = nonceOf(token);
      if (!nonce) return { refused: 'unknown' };
      const now = clock.now();
      const cookie = randomBytes(32).toString('base64url');
      const maxAgeMs = deps.consoleDays * 24 * 60 * MINUTE_MS;
      const expiresAt = now + maxAgeMs;
      const opened = await db.transaction(async (trx) => {
        const state = await sessions.signInLinkState(sha256(nonce), now, trx);
        if ('refused' in state) return state;
        if (!(await sessions.claimSignInLink(state.id, now, trx))) return { refused: 'used' as const };
        const id = await sessions.insertConsoleSession({ userId: state.userId, cookieHash: sha256(cookie), userAgent: userAgent.slice(0, 200), createdAt: now, lastSeenAt: now, expiresAt }, trx);
        return { id, userId: state.userId };
      });
      if ('refused' in opened) return opened;
      await record(opened, 'console.sign_in', opened.id);
      return { cookie, maxAgeMs };
    },

    /** The live session a cookie names, noting that it was seen (at most once a minute). */
    async sessionOf(cookie: string | undefined): Promise<ConsoleSession | null> {
      if (!cookie) return null;
      const now = clock.now();
      const session = await sessions.findLiveConsoleSession(sha256(cookie), now);
      if (session && now - session.lastSeenAt >= MINUTE_MS) await sessions.touchConsoleSession(session.id, now);
      return session;
    },

    list(session: ConsoleSession): Promise<ConsoleSessionRow[]> {
      return sessions.liveConsoleSessions(session.userId, clock.now());
    },

    /** Ends one of the host's console sessions (this one: a sign out) and the session tokens it minted; false when it was not theirs. */
    async revoke(session: ConsoleSession, id: number): Promise<boolean> {
      const revoked = await db.transaction((trx) => sessions.revokeConsoleSession(session.userId, id, clock.now(), trx));
      if (revoked) await record(session, id === session.id ? 'console.sign_out' : 'console.revoke_session', id);
      return revoked;
    },

    /** A session token for the page's host components, ending no later than the console session. */
    mintToken(session: ConsoleSession): Promise<SessionTokenCreated> {
      return sessionTokens.mint(session.userId, 'console', { consoleSessionId: session.id, renewableUntil: session.expiresAt });
    },
  };
}

export type ConsoleService = ReturnType<typeof createConsoleService>;
