import type { ApiKeyCreated, CreateUserInput, PageQuery, StripeConnectLink, UpdateUserInput } from './schemas/index.js';
import type { StripeStateEnvelope, UserEnvelope, UserList } from './responses.js';
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

  /** A new API key for the user, shown once. */
  createApiKey(username: string, options?: RequestOptions): Promise<ApiKeyCreated> {
    return this.transport.request({ method: 'POST', path: path`/v1/users/${username}/api-keys`, body: {}, options });
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
