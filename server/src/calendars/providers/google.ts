import { createHash } from 'node:crypto';
import { calendar as googleCalendar, type calendar_v3 } from '@googleapis/calendar';
import { CodeChallengeMethod, OAuth2Client } from 'google-auth-library';
import { CalendarError, type BusyByCalendar, type CalendarProvider, type OutboundEvent, type ProviderConnection } from '../provider.js';

export interface GoogleConfig {
  clientId: string;
  clientSecret: string;
  /** Where consent sends the browser back: `PUBLIC_URL/v1/calendars/google/callback`. */
  redirectUri: string;
  /** Base of accounts.google.com (consent) and oauth2.googleapis.com (tokens); tests point both at a fake. */
  oauthUrl: string | null;
  /** rootUrl of the Calendar API (`https://www.googleapis.com/`). */
  apiUrl: string | null;
}

// Busy time and the list of calendars to choose from; events only in calendars the host owns.
export const GOOGLE_SCOPES = [
  'https://www.googleapis.com/auth/calendar.freebusy',
  'https://www.googleapis.com/auth/calendar.calendarlist.readonly',
  'https://www.googleapis.com/auth/calendar.events.owned',
  'openid',
  'email',
];

// freeBusy answers at most 90 days and 50 calendars per call.
const MAX_SPAN_MS = 90 * 86_400_000;
const MAX_CALENDARS = 50;

/**
 * A Google event id for our iCalendar UID: base32hex (`[0-9a-v]`), 26+ characters, the same for
 * every retry, so a retried insert finds the first one (409) instead of adding a second event.
 */
export function googleEventId(icalUid: string): string {
  const bytes = createHash('sha256').update(icalUid).digest();
  const alphabet = '0123456789abcdefghijklmnopqrstuv';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes.subarray(0, 20)) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** Google's answer as our error: 401/invalid_grant break the connection, 429/403 rate limits wait. */
function googleError(error: unknown): CalendarError {
  const e = error as { status?: number; code?: number | string; response?: { status?: number; headers?: Headers | Record<string, string>; data?: { error?: unknown } }; message?: string; name?: string };
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError') return new CalendarError('timeout', 'Google did not answer in time');
  const status = e?.response?.status ?? (typeof e?.status === 'number' ? e.status : typeof e?.code === 'number' ? e.code : undefined);
  const data = e?.response?.data?.error;
  const grant = data === 'invalid_grant' || (typeof data === 'object' && data !== null && (data as { message?: string }).message === 'invalid_grant') || /invalid_grant/.test(String(e?.message));
  if (grant || status === 401) return new CalendarError('auth', 'Google refused the stored access (revoked or expired); reconnect');
  if (status === 429 || (status === 403 && /rate|quota|usage/i.test(String(e?.message)))) {
    const headers = e?.response?.headers;
    // gaxios 7 answers fetch Headers (not always this realm's class); older versions a plain object.
    const retryAfter = Number(typeof (headers as Headers | undefined)?.get === 'function' ? (headers as Headers).get('retry-after') : (headers as Record<string, string> | undefined)?.['retry-after']);
    return new CalendarError('rate_limited', 'Google asked to slow down', Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined);
  }
  if (status === 404 || status === 410) return new CalendarError('not_found', `Google answered ${status}`);
  if (/aborted|timeout/i.test(String(e?.message))) return new CalendarError('timeout', 'Google did not answer in time');
  return new CalendarError('unavailable', `Google answered ${status ?? 'nothing'}: ${e?.message ?? 'no answer'}`);
}

/**
 * Google Calendar through its official clients (`@googleapis/calendar`, `google-auth-library`),
 * with `rootUrl` and the OAuth endpoints configurable. Busy time from `freeBusy` (per-calendar
 * errors come inside a 200); events inserted with an id derived from our UID, patched, deleted.
 */
export function createGoogleProvider(config: GoogleConfig): CalendarProvider & {
  consentUrl(state: string, codeChallenge: string): string;
  exchange(code: string, codeVerifier: string): Promise<{ refreshToken: string; accessToken: string | null; expiresAt: number | null; email: string | null; scopes: string[] }>;
  codeVerifier(): Promise<{ codeVerifier: string; codeChallenge: string }>;
} {
  const oauthBase = config.oauthUrl?.replace(/\/$/, '');
  const endpoints = oauthBase ? { oauth2AuthBaseUrl: `${oauthBase}/o/oauth2/v2/auth`, oauth2TokenUrl: `${oauthBase}/token`, oauth2RevokeUrl: `${oauthBase}/revoke`, tokenInfoUrl: `${oauthBase}/tokeninfo` } : {};
  const newClient = () => new OAuth2Client({ clientId: config.clientId, clientSecret: config.clientSecret, redirectUri: config.redirectUri, endpoints });

  function api(connection: ProviderConnection): calendar_v3.Calendar {
    const credentials = connection.credentials;
    if (credentials.type !== 'google') throw new CalendarError('unavailable', 'not a Google connection');
    const auth = newClient();
    auth.setCredentials({ refresh_token: credentials.refreshToken, access_token: credentials.accessToken ?? null, expiry_date: credentials.expiresAt ?? null });
    // Keep a refreshed access token, so the next request does not refresh again.
    auth.on('tokens', (tokens) => {
      void connection
        .save({ type: 'google', refreshToken: tokens.refresh_token ?? credentials.refreshToken, accessToken: tokens.access_token ?? undefined, expiresAt: tokens.expiry_date ?? undefined })
        .catch(() => undefined);
    });
    return googleCalendar({ version: 'v3', auth, ...(config.apiUrl && { rootUrl: config.apiUrl.replace(/\/?$/, '/') }) });
  }

  const call = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw googleError(error);
    }
  };

  function body(event: OutboundEvent): calendar_v3.Schema$Event {
    return {
      summary: event.title,
      description: event.description,
      location: event.location,
      start: { dateTime: new Date(event.start).toISOString() },
      end: { dateTime: new Date(event.end).toISOString() },
      status: event.status,
      sequence: event.sequence,
      attendees: event.attendees.map((a) => ({ email: a.email, ...(a.name && { displayName: a.name }) })),
      // The booker gets OpenSlot's own invite; Google must not send a second one.
      guestsCanModify: false,
    };
  }

  return {
    type: 'google',
    busyHasUids: false,

    consentUrl(state, codeChallenge) {
      return newClient().generateAuthUrl({ access_type: 'offline', prompt: 'consent', include_granted_scopes: true, scope: GOOGLE_SCOPES, state, code_challenge: codeChallenge, code_challenge_method: CodeChallengeMethod.S256 });
    },

    async codeVerifier() {
      const { codeVerifier, codeChallenge } = await newClient().generateCodeVerifierAsync();
      return { codeVerifier, codeChallenge: codeChallenge! };
    },

    async exchange(code, codeVerifier) {
      const { tokens } = await call(() => newClient().getToken({ code, codeVerifier }));
      if (!tokens.refresh_token) throw new CalendarError('auth', 'Google gave no refresh token');
      let email: string | null = null;
      if (tokens.id_token) {
        try {
          email = JSON.parse(Buffer.from(tokens.id_token.split('.')[1] ?? '', 'base64url').toString('utf8')).email ?? null;
        } catch {
          email = null;
        }
      }
      return { refreshToken: tokens.refresh_token, accessToken: tokens.access_token ?? null, expiresAt: tokens.expiry_date ?? null, email, scopes: (tokens.scope ?? '').split(/\s+/).filter(Boolean) };
    },

    async listCalendars(connection, signal) {
      const client = api(connection);
      const out: Array<{ externalId: string; name: string; primary: boolean; writable: boolean }> = [];
      let pageToken: string | undefined;
      do {
        const page = await call(() => client.calendarList.list({ maxResults: 250, ...(pageToken && { pageToken }) }, { signal, retry: false }));
        for (const item of page.data.items ?? []) {
          if (!item.id) continue;
          out.push({ externalId: item.id, name: (item.summaryOverride ?? item.summary ?? item.id).slice(0, 200), primary: Boolean(item.primary), writable: item.accessRole === 'owner' || item.accessRole === 'writer' });
        }
        pageToken = page.data.nextPageToken ?? undefined;
      } while (pageToken);
      return out;
    },

    async busy(connection, calendarIds, range, signal) {
      const client = api(connection);
      const result: BusyByCalendar = new Map(calendarIds.map((id) => [id, []]));
      for (let from = range.start; from < range.end; from += MAX_SPAN_MS) {
        const to = Math.min(range.end, from + MAX_SPAN_MS);
        for (let k = 0; k < calendarIds.length; k += MAX_CALENDARS) {
          const ids = calendarIds.slice(k, k + MAX_CALENDARS);
          const answer = await call(() =>
            client.freebusy.query({ requestBody: { timeMin: new Date(from).toISOString(), timeMax: new Date(to).toISOString(), items: ids.map((id) => ({ id })) } }, { signal, retry: false }),
          );
          for (const id of ids) {
            const entry = answer.data.calendars?.[id];
            const previous = result.get(id);
            if (!Array.isArray(previous)) continue;
            // Errors for one calendar come inside the 200 (notFound, internalError …).
            if (!entry || (entry.errors && entry.errors.length > 0)) {
              result.set(id, new CalendarError(entry?.errors?.[0]?.reason === 'notFound' ? 'not_found' : 'unavailable', `Google: ${entry?.errors?.[0]?.reason ?? 'no answer'} for this calendar`));
              continue;
            }
            for (const busy of entry.busy ?? []) {
              if (busy.start && busy.end) previous.push({ start: Date.parse(busy.start), end: Date.parse(busy.end), uid: null });
            }
          }
        }
      }
      return result;
    },

    async putEvent(connection, calendarId, event, existing, signal) {
      const client = api(connection);
      const eventId = existing?.externalId ?? googleEventId(event.icalUid);
      const requestBody = body(event);
      const patch = async () => (await call(() => client.events.patch({ calendarId, eventId, sendUpdates: 'none', requestBody }, { signal, retry: false }))).data;
      if (existing) {
        try {
          const patched = await patch();
          return { externalId: patched.id ?? eventId, etag: patched.etag ?? null };
        } catch (error) {
          // The host deleted it in Google: write it again under the same id.
          if (!(error instanceof CalendarError && error.reason === 'not_found')) throw error;
        }
      }
      try {
        const inserted = (await call(() => client.events.insert({ calendarId, sendUpdates: 'none', requestBody: { ...requestBody, id: eventId } }, { signal, retry: false }))).data;
        return { externalId: inserted.id ?? eventId, etag: inserted.etag ?? null };
      } catch (error) {
        // 409: an earlier try inserted it (its answer was lost) — bring that one up to date.
        if (!(error instanceof CalendarError) || !/answered 409/.test(error.message)) throw error;
        const patched = await patch();
        return { externalId: patched.id ?? eventId, etag: patched.etag ?? null };
      }
    },

    async deleteEvent(connection, calendarId, ref, signal) {
      const client = api(connection);
      try {
        await call(() => client.events.delete({ calendarId, eventId: ref.externalId, sendUpdates: 'none' }, { signal, retry: false }));
      } catch (error) {
        if (error instanceof CalendarError && error.reason === 'not_found') return;
        throw error;
      }
    },
  };
}

export type GoogleProvider = ReturnType<typeof createGoogleProvider>;
