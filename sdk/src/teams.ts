import type { CreateTeamInput, PageQuery, StripeConnectLink, UpdateTeamInput } from './schemas/index.js';
import type { StripeStateEnvelope, TeamEnvelope, TeamList } from './responses.js';
import type { RequestOptions, Transport } from './transport.js';
import { path } from './path.js';

export class Teams {
  constructor(private readonly transport: Transport) {}

  create(input: CreateTeamInput, options?: RequestOptions): Promise<TeamEnvelope> {
    return this.transport.request({ method: 'POST', path: '/v1/teams', body: input, options });
  }

  get(slug: string, options?: RequestOptions): Promise<TeamEnvelope> {
    return this.transport.request({ method: 'GET', path: path`/v1/teams/${slug}`, options });
  }

  /** `members`, when given, replaces the whole list. */
  update(slug: string, patch: UpdateTeamInput, options?: RequestOptions): Promise<TeamEnvelope> {
    return this.transport.request({ method: 'PATCH', path: path`/v1/teams/${slug}`, body: patch, options });
  }

  /** A page (`limit`, default 100, at most 500); `cursor`: the last page's `nextCursor`. */
  list(query: PageQuery = {}, options?: RequestOptions): Promise<TeamList> {
    return this.transport.request({ method: 'GET', path: '/v1/teams', query: { ...query }, options });
  }

  /**
   * Stripe Connect onboarding (servers with STRIPE_CONNECT=true): `{url}` is Stripe's page where
   * the team sets up the account its paid bookings are paid into.
   */
  connectStripe(slug: string, options?: RequestOptions): Promise<StripeConnectLink> {
    return this.transport.request({ method: 'POST', path: path`/v1/teams/${slug}/stripe/connect`, body: {}, options });
  }

  /** Whether the server takes payments and the team's connected Stripe account (`chargesEnabled` once it can be paid). */
  stripe(slug: string, options?: RequestOptions): Promise<StripeStateEnvelope> {
    return this.transport.request({ method: 'GET', path: path`/v1/teams/${slug}/stripe`, options });
  }
}
