import type { ApiKeyCreated, CreateApiKeyInput, CreateUserInput, PageQuery, StripeConnectLink, UpdateUserInput } from './schemas/index.js';
import type { ApiKeyList, StripeStateEnvelope, UserEnvelope, UserList } from './responses.js';
import type { RequestOptions, Transport } from './transport.js';
import { path } from './path.js';

export class Users {
  constructor(private readonly transport: Transport) {}

  /** Admin key only. */
  create(input: CreateUserInput, options?: RequestOptions): Promise<UserEnvelope> {
    return this.transport.request({ method: 'POST', path: '/v1/users', body: input, options });
  }

  get(username: string, options?: RequestOptions): Promise<UserEnvelope> {
    return this.transport.request({ method: 'GET', path: path`/v1/users/${username}`, options });
  }

  update(username: string, patch: UpdateUserInput, options?: RequestOptions): Promise<UserEnvelope> {
    return this.transport.request({ method: 'PATCH', path: path`/v1/users/${username}`, body: patch, options });
  }

  /** A page (`limit`, default 100, at most 500); `cursor`: the last page's `nextCursor`. */
  list(query: PageQuery = {}, options?: RequestOptions): Promise<UserList> {
    return this.transport.request({ method: 'GET', path: '/v1/users', query: { ...query }, options });
  }

  /**
   * A new API key for the user: `key` is shown this once. Optional `name`, `scopes` (`read`: GET
   * only; `bookings`: read and booking actions; `full`, the default) and `expiresAt`.
   */
  createApiKey(username: string, input: CreateApiKeyInput = {}, options?: RequestOptions): Promise<ApiKeyCreated> {
    return this.transport.request({ method: 'POST', path: path`/v1/users/${username}/api-keys`, body: input, options });
  }

  /** The user's keys, a page at a time: prefix, name, scopes, createdAt, lastUsedAt (to the minute), expiresAt. */
  listApiKeys(username: string, query: PageQuery = {}, options?: RequestOptions): Promise<ApiKeyList> {
    return this.transport.request({ method: 'GET', path: path`/v1/users/${username}/api-keys`, query: { ...query }, options });
  }

  /** Revokes a key: it answers 401 from the next request on. */
  revokeApiKey(username: string, id: number, options?: RequestOptions): Promise<void> {
    return this.transport.request({ method: 'DELETE', path: path`/v1/users/${username}/api-keys/${String(id)}`, options });
  }

  /**
   * Stripe Connect onboarding (servers with STRIPE_CONNECT=true): `{url}` is Stripe's page where
   * the user sets up the account their paid bookings are paid into.
   */
  connectStripe(username: string, options?: RequestOptions): Promise<StripeConnectLink> {
    return this.transport.request({ method: 'POST', path: path`/v1/users/${username}/stripe/connect`, body: {}, options });
  }

  /** Whether the server takes payments and the user's connected Stripe account (`chargesEnabled` once it can be paid). */
  stripe(username: string, options?: RequestOptions): Promise<StripeStateEnvelope> {
    return this.transport.request({ method: 'GET', path: path`/v1/users/${username}/stripe`, options });
  }
}
