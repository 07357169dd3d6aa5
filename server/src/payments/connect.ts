import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { DomainError, NotFoundError } from '../errors.js';
import { requireActingAs, requireTeamManager, type Principal } from '../authorization/index.js';
import type { Signer } from '../security/signing.js';
import type { TeamsService } from '../teams/teams.service.js';
import type { UsersRepo } from '../users/users.repo.js';
import type { ConnectRepo } from './connect.repo.js';
import type { StripeGateway } from './stripe-gateway.js';

const PURPOSE = 'stripe-connect';

export const paymentsNotConfigured = (message: string) => new DomainError('unprocessable', message, undefined, 'payments_not_configured');

/**
 * Stripe Connect onboarding (direct charges): a user or a team gets a Stripe account of its own
 * and is paid into it. `charges_enabled` is read from Stripe on the return from onboarding and on
 * every `account.updated`; a paid booking needs it true.
 */
export function createConnect(deps: { config: Config; clock: Clock; accounts: ConnectRepo; gateway: StripeGateway | null; usersRepo: UsersRepo; teams: TeamsService; signer: Signer }) {
  const { config, clock, accounts, usersRepo, teams, signer } = deps;
  const publicUrl = config.publicUrl;

  function gateway(): StripeGateway {
    if (!deps.gateway || !config.stripe?.connect) throw paymentsNotConfigured('Stripe Connect is not enabled on this server (STRIPE_SECRET_KEY and STRIPE_CONNECT=true)');
    return deps.gateway;
  }

  async function link(handle: string, accountId: string): Promise<string> {
    const sig = encodeURIComponent(signer.sign(PURPOSE, handle));
    const query = `owner=${encodeURIComponent(handle)}&sig=${sig}`;
    const created = await gateway().createAccountLink({
      account: accountId,
      type: 'account_onboarding',
      refresh_url: `${publicUrl}/v1/stripe/connect/refresh?${query}`,
      return_url: `${publicUrl}/v1/stripe/connect/return?${query}`,
    });
    return created.url;
  }

  async function accountOf(handle: string): Promise<{ userId: number; accountId: string }> {
    const owner = (await usersRepo.findByUsername(handle)) ?? (await teams.require(handle).catch(() => null));
    if (!owner) throw new NotFoundError(`Owner "${handle}"`);
    const row = await accounts.findOrStart(owner.id, clock.now());
    if (row.accountId) return { userId: owner.id, accountId: row.accountId };
    const created = await gateway().createAccount(
      {
        // A Standard-like account (the host has a full Dashboard, pays Stripe's fees, owns disputes).
        controller: { stripe_dashboard: { type: 'full' }, fees: { payer: 'account' }, losses: { payments: 'stripe' } },
        metadata: { openslot_owner: handle },
      },
      `openslot:acct:${row.connectKey}`,
    );
    await accounts.setAccountId(owner.id, created.id, clock.now());
    return { userId: owner.id, accountId: (await accounts.find(owner.id))!.accountId! };
  }

  return {
    /** `POST /v1/users/:username/stripe/connect`: the user themself (or the admin key). */
    async connectUser(principal: Principal, username: string): Promise<{ url: string }> {
      const user = await usersRepo.findByUsername(username);
      if (!user) throw new NotFoundError(`User "${username}"`);
      requireActingAs(principal, user.id);
      return { url: await link(username, (await accountOf(username)).accountId) };
    },

    /** `POST /v1/teams/:slug/stripe/connect`: a manager of the team; team event types are paid into it. */
    async connectTeam(principal: Principal, slug: string): Promise<{ url: string }> {
      requireTeamManager(principal, await teams.require(slug));
      return { url: await link(slug, (await accountOf(slug)).accountId) };
    },

    /** Stripe's return from onboarding (a signed link): whether the account can take charges now. */
    async returned(handle: string, sig: string): Promise<{ chargesEnabled: boolean } | null> {
      if (!signer.verify(PURPOSE, handle, sig)) return null;
      const { accountId } = await accountOf(handle);
      const account = await gateway().retrieveAccount(accountId);
      await accounts.updateStatus(accountId, { chargesEnabled: account.charges_enabled ?? false, detailsSubmitted: account.details_submitted ?? false }, clock.now());
      return { chargesEnabled: account.charges_enabled ?? false };
    },

    /** Stripe's refresh of an expired onboarding link: a new one. */
    async refreshed(handle: string, sig: string): Promise<string | null> {
      if (!signer.verify(PURPOSE, handle, sig)) return null;
      return link(handle, (await accountOf(handle)).accountId);
    },

    /** `account.updated` (Connect webhook). */
    async accountUpdated(account: { id: string; charges_enabled?: boolean; details_submitted?: boolean }): Promise<void> {
      await accounts.updateStatus(account.id, { chargesEnabled: account.charges_enabled === true, detailsSubmitted: account.details_submitted === true }, clock.now());
    },
  };
}

export type Connect = ReturnType<typeof createConnect>;
