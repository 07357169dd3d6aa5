import type { CreateSessionTokenInput, PageQuery, SessionTokenCreated } from './schemas/index.js';
import type { AuditList, SessionTokenList } from './responses.js';
import type { RequestOptions, Transport } from './transport.js';
import { path } from './path.js';

/**
 * Short-lived tokens for a host's browser (the host components). A platform's backend mints one
 * with the host's API key or the admin key and hands it to the page; the page uses it as its
 * `apiKey` (or the components' `token`), refreshes it before `expiresAt` and revokes it on sign out.
 */
export class SessionTokens {
  constructor(private readonly transport: Transport) {}

  /** A new token for `username`, shown once: the host's key or the admin key (never a session token). */
  create(input: { username: string } & CreateSessionTokenInput, options?: RequestOptions): Promise<SessionTokenCreated> {
    const { username, ...body } = input;
    return this.transport.request({ method: 'POST', path: path`/v1/users/${username}/session-tokens`, body, options });
  }

  /** Called with the session token itself: a new token for the same host, and the old one revoked. */
  refresh(input: { username: string }, options?: RequestOptions): Promise<SessionTokenCreated> {
    return this.transport.request({ method: 'POST', path: path`/v1/users/${input.username}/session-tokens/refresh`, body: {}, options });
  }

  /** The host's live session tokens (their key or the admin key). */
  list(input: { username: string }, options?: RequestOptions): Promise<SessionTokenList> {
    return this.transport.request({ method: 'GET', path: path`/v1/users/${input.username}/session-tokens`, options });
  }

  /** Revokes one token by id, or `current`: the session token the call is made with (a sign out). */
  revoke(input: { username: string; id: number | 'current' }, options?: RequestOptions): Promise<void> {
    return this.transport.request({ method: 'DELETE', path: path`/v1/users/${input.username}/session-tokens/${input.id}`, options });
  }
}

/** What was changed with the host's session tokens and in the console, newest first. */
export class Audit {
  constructor(private readonly transport: Transport) {}

  /** A page (`limit`, default 100, at most 500); `cursor`: the last page's `nextCursor`. */
  list(input: { username: string } & PageQuery, options?: RequestOptions): Promise<AuditList> {
    const { username, ...query } = input;
    return this.transport.request({ method: 'GET', path: path`/v1/users/${username}/audit`, query: { ...query }, options });
  }
}
