import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import { DomainError } from '../errors.js';
import type { Principal } from '../authorization/index.js';
import type { Logger } from '../logger.js';
import { escapeHtml } from '../notifications/email-layout.js';
import type { UsersRepo } from '../users/users.repo.js';
import type { SecretBox } from '../webhooks/secrets.js';
import type { CalendarsRepo } from './calendars.repo.js';
import type { CalendarsService } from './calendars.service.js';
import { asCalendarError, type ProviderCalendar, type ProviderConnection } from './provider.js';
import type { GoogleProvider } from './providers/google.js';
import type { MicrosoftProvider } from './providers/microsoft.js';

const STATE_TTL_MS = 15 * 60_000;
const READ_SCOPES = { google: 'https://www.googleapis.com/auth/calendar.freebusy', microsoft: 'Calendars.ReadWrite' } as const;

export interface OAuthResult {
  ok: boolean;
  /** Where to send the browser (the host's `returnTo`), or null to show `page`. */
  returnTo: string | null;
  page: string;
}

/**
 * The OAuth 2.0 code flow with PKCE for Google and Microsoft: `start` stores a single-use state
 * with its code verifier (sealed) and answers the consent URL; `finish` (the callback the
 * provider redirects to) takes that state back, exchanges the code, reads the account's calendars
 * and stores the connection with its refresh token sealed.
 */
export function createOAuthConnect(deps: {
  repo: CalendarsRepo;
  usersRepo: UsersRepo;
  calendars: CalendarsService;
  secrets: SecretBox;
  clock: Clock;
  logger: Logger;
  providers: { google?: GoogleProvider | undefined; microsoft?: MicrosoftProvider | undefined };
}) {
  const { repo, usersRepo, calendars, secrets, clock, logger, providers } = deps;

  const configured = (provider: 'google' | 'microsoft') => {
    const found = providers[provider];
    if (!found) throw new DomainError('unprocessable', `${provider === 'google' ? 'Google' : 'Microsoft'} calendars are not configured on this server`, undefined, 'calendar_provider_not_configured');
    return found;
  };

  const page = (ok: boolean, title: string, message: string) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main></body></html>`;

  function back(returnTo: string | null, params: Record<string, string>): string | null {
    if (!returnTo) return null;
    const url = new URL(returnTo);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    return url.toString();
  }

  return {
    async start(principal: Principal, username: string, provider: 'google' | 'microsoft', returnTo: string | null): Promise<string> {
      const user = await calendars.requireHost(principal, username);
      const client = configured(provider);
      const { codeVerifier, codeChallenge } = await client.codeVerifier();
      const state = randomBytes(24).toString('hex');
      await repo.insertOauthState({ state, userId: user.id, provider, verifier: secrets.seal(codeVerifier), returnTo, expiresAt: clock.now() + STATE_TTL_MS });
      return client.consentUrl(state, codeChallenge);
    },

    async finish(provider: 'google' | 'microsoft', callback: { state: string; code: string | null; error: string | null }): Promise<OAuthResult> {
      const taken = callback.state ? await repo.takeOauthState(callback.state) : null;
      if (!taken || taken.provider !== provider || taken.expiresAt < clock.now()) {
        return { ok: false, returnTo: null, page: page(false, 'This link has expired', 'Start connecting your calendar again from OpenSlot.') };
      }
      const fail = (reason: string, message: string): OAuthResult => ({ ok: false, returnTo: back(taken.returnTo, { calendar: 'error', reason }), page: page(false, 'Your calendar was not connected', message) });
      if (callback.error || !callback.code) return fail(callback.error ?? 'no_code', 'Access was not granted.');
      const user = (await usersRepo.findByIds([taken.userId]))[0];
      const client = providers[provider];
      if (!user || !client) return fail('unavailable', 'This server no longer offers that provider.');
      try {
        const tokens = await client.exchange(callback.code, secrets.open(taken.verifier));
        // The host may untick scopes on the consent page: without calendar access there is nothing to connect.
        if (tokens.scopes.length > 0 && !tokens.scopes.includes(READ_SCOPES[provider])) return fail('scope_denied', 'OpenSlot needs access to your calendars to see when you are busy.');
        // Listing may refresh (Microsoft rotates the refresh token then): keep what it ends with.
        const probe: ProviderConnection = {
          id: 0,
          credentials: { type: provider, refreshToken: tokens.refreshToken, accessToken: tokens.accessToken ?? undefined, expiresAt: tokens.expiresAt ?? undefined },
          timeZone: user.timeZone,
          ownerEmails: [user.email],
          save: async (next) => void (probe.credentials = next),
        };
        const listed: ProviderCalendar[] = await client.listCalendars(probe, AbortSignal.timeout(15_000));
        const row = await calendars.store(user, { type: provider, label: tokens.email ?? (provider === 'google' ? 'Google account' : 'Microsoft account'), credentials: probe.credentials, onError: 'block' }, listed);
        return { ok: true, returnTo: back(taken.returnTo, { calendar: 'connected', connection: String(row.id) }), page: page(true, 'Your calendar is connected', `OpenSlot now sees when ${row.label} is busy. You can close this page.`) };
      } catch (error) {
        const failure = asCalendarError(error);
        logger.warn('calendar connection failed', { provider, reason: failure.reason });
        return fail(failure.reason, 'The provider did not let OpenSlot in. Try again.');
      }
    },
  };
}

export type OAuthConnect = ReturnType<typeof createOAuthConnect>;
