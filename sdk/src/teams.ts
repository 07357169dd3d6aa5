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

  /**
   * `members`, when given, replaces the whole list. Members a user's key adds are `status:
   * "invited"` until they accept; members the platform admin key adds are `active` at once.
   */
  update(slug: string, patch: UpdateTeamInput, options?: RequestOptions): Promise<TeamEnvelope> {
    return this.transport.request({ method: 'PATCH', path: path`/v1/teams/${slug}`, body: patch, options });
  }

  /** Accepts an invitation: only the invited member, with their own key. Accepting twice changes nothing. */
  acceptInvitation(slug: string, username: string, options?: RequestOptions): Promise<TeamEnvelope> {
    return this.transport.request({ method: 'POST', path: path`/v1/teams/${slug}/members/${username}/accept`, body: {}, options });
  }

  /**
   * Takes `username` out of the team (an owner or admin; only an owner removes an owner). They stop
   * hosting its event types; their bookings stay theirs. The last owner cannot be removed (409 `last_owner`).
   */
  removeMember(slug: string, username: string, options?: RequestOptions): Promise<void> {
    return this.transport.request({ method: 'DELETE', path: path`/v1/teams/${slug}/members/${username}`, options });
  }

  /** The caller leaves the team, or declines an invitation: `removeMember` with their own username. */
  leave(slug: string, username: string, options?: RequestOptions): Promise<void> {
    return this.removeMember(slug, username, options);
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
