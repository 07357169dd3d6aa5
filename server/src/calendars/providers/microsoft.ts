import { createHash, randomBytes } from 'node:crypto';
import { CalendarError, type BusyByCalendar, type BusyEvent, type CalendarProvider, type Credentials, type OutboundEvent, type ProviderCalendar, type ProviderConnection } from '../provider.js';

export interface MicrosoftConfig {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** `https://login.microsoftonline.com` (the `/common` authority: work and personal accounts). */
  loginUrl: string | null;
  /** `https://graph.microsoft.com`. */
  graphUrl: string | null;
}

export const MICROSOFT_SCOPES = ['openid', 'email', 'offline_access', 'User.Read', 'Calendars.ReadWrite'];

const json = async (response: Response): Promise<Record<string, any>> => {
  const text = await response.text();
  try {
    return text ? (JSON.parse(text) as Record<string, any>) : {};
  } catch {
    return {};
  }
};

/**
 * Microsoft 365 and Outlook.com through Microsoft Graph with plain `fetch` (its SDK sends no
 * token to a non-https fake). Busy time from `calendarView` (expanded by Graph, in UTC), which
 * works for personal accounts too, unlike `getSchedule`; events created with `transactionId` so a
 * retried POST makes no duplicate. Refresh tokens rotate on every use: the new one is saved.
 */
export function createMicrosoftProvider(config: MicrosoftConfig): CalendarProvider & {
  consentUrl(state: string, codeChallenge: string): string;
  exchange(code: string, codeVerifier: string): Promise<{ refreshToken: string; accessToken: string | null; expiresAt: number | null; email: string | null; scopes: string[] }>;
  codeVerifier(): Promise<{ codeVerifier: string; codeChallenge: string }>;
} {
  const login = (config.loginUrl ?? 'https://login.microsoftonline.com').replace(/\/$/, '');
  const graph = `${(config.graphUrl ?? 'https://graph.microsoft.com').replace(/\/$/, '')}/v1.0`;
  const refreshing = new Map<number, Promise<string>>();

  async function tokenRequest(params: Record<string, string>, signal?: AbortSignal) {
    const response = await fetch(`${login}/common/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: config.clientId, client_secret: config.clientSecret, ...params }),
      ...(signal && { signal }),
    });
    const body = await json(response);
    if (response.status === 400 || response.status === 401) {
      if (body.error === 'invalid_grant' || response.status === 401) throw new CalendarError('auth', `Microsoft refused the stored access (${body.error ?? response.status}); reconnect`);
    }
    if (!response.ok) throw new CalendarError('unavailable', `Microsoft's token endpoint answered ${response.status}`);
    return body;
  }

  /** A valid access token; one refresh at a time per connection, since each rotates the refresh token. */
  async function accessToken(connection: ProviderConnection, signal: AbortSignal): Promise<string> {
    const credentials = connection.credentials;
    if (credentials.type !== 'microsoft') throw new CalendarError('unavailable', 'not a Microsoft connection');
    if (credentials.accessToken && (credentials.expiresAt ?? 0) > Date.now() + 60_000) return credentials.accessToken;
    const running = refreshing.get(connection.id);
    if (running) return running;
    const work = (async () => {
      const body = await tokenRequest({ grant_type: 'refresh_token', refresh_token: credentials.refreshToken, scope: MICROSOFT_SCOPES.join(' ') }, signal);
      const next: Credentials = { type: 'microsoft', refreshToken: body.refresh_token ?? credentials.refreshToken, accessToken: body.access_token, expiresAt: Date.now() + Number(body.expires_in ?? 3600) * 1000 };
      connection.credentials = next;
      await connection.save(next);
      return String(body.access_token);
    })().finally(() => refreshing.delete(connection.id));
    refreshing.set(connection.id, work);
    return work;
  }

  async function call(connection: ProviderConnection, method: string, url: string, signal: AbortSignal, init: { body?: unknown; headers?: Record<string, string> } = {}): Promise<{ status: number; body: Record<string, any> }> {
    const token = await accessToken(connection, signal);
    let response: Response;
    try {
      response = await fetch(url.startsWith('http') ? url : `${graph}${url}`, {
        method,
        signal,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(init.body !== undefined && { 'content-type': 'application/json' }), ...init.headers },
        ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
      });
    } catch (error) {
      if ((error as Error).name === 'AbortError' || (error as Error).name === 'TimeoutError') throw new CalendarError('timeout', 'Microsoft did not answer in time');
      throw new CalendarError('unavailable', `Microsoft: ${(error as Error).message}`);
    }
    const body = await json(response);
    if (response.status === 401) throw new CalendarError('auth', 'Microsoft refused the access token; reconnect');
    if (response.status === 429 || response.status === 503) {
      const seconds = Number(response.headers.get('retry-after'));
      throw new CalendarError('rate_limited', `Microsoft answered ${response.status}`, Number.isFinite(seconds) ? seconds * 1000 : undefined);
    }
    if (response.status === 404 || response.status === 410) throw new CalendarError('not_found', `Microsoft answered ${response.status}`);
    if (response.status >= 400) throw new CalendarError('unavailable', `Microsoft answered ${response.status}: ${body.error?.code ?? ''}`);
    return { status: response.status, body };
  }

  const eventBody = (event: OutboundEvent) => ({
    subject: event.title,
    body: { contentType: 'text', content: event.description },
    start: { dateTime: new Date(event.start).toISOString().replace('Z', ''), timeZone: 'UTC' },
    end: { dateTime: new Date(event.end).toISOString().replace('Z', ''), timeZone: 'UTC' },
    ...(event.location && { location: { displayName: event.location } }),
    showAs: event.status === 'confirmed' ? 'busy' : 'tentative',
    attendees: event.attendees.map((a) => ({ emailAddress: { address: a.email, ...(a.name && { name: a.name }) }, type: 'required' })),
    // Graph sends invitations to attendees of an event it creates; OpenSlot sends its own.
    responseRequested: false,
  });

  const utc = (value: { dateTime?: string } | undefined) => Date.parse(`${String(value?.dateTime ?? '').replace(/Z$/, '')}Z`);

  return {
    type: 'microsoft',
    busyHasUids: true,

    consentUrl(state, codeChallenge) {
      const params = new URLSearchParams({ client_id: config.clientId, response_type: 'code', redirect_uri: config.redirectUri, response_mode: 'query', scope: MICROSOFT_SCOPES.join(' '), state, code_challenge: codeChallenge, code_challenge_method: 'S256', prompt: 'select_account' });
      return `${login}/common/oauth2/v2.0/authorize?${params}`;
    },

    async codeVerifier() {
      const codeVerifier = randomBytes(32).toString('base64url');
      return { codeVerifier, codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url') };
    },

    async exchange(code, codeVerifier) {
      const body = await tokenRequest({ grant_type: 'authorization_code', code, code_verifier: codeVerifier, redirect_uri: config.redirectUri, scope: MICROSOFT_SCOPES.join(' ') });
      if (!body.refresh_token) throw new CalendarError('auth', 'Microsoft gave no refresh token (offline_access refused?)');
      let email: string | null = null;
      if (typeof body.id_token === 'string') {
        try {
          const claims = JSON.parse(Buffer.from(body.id_token.split('.')[1] ?? '', 'base64url').toString('utf8'));
          email = claims.email ?? claims.preferred_username ?? null;
        } catch {
          email = null;
        }
      }
      return { refreshToken: body.refresh_token, accessToken: body.access_token ?? null, expiresAt: Date.now() + Number(body.expires_in ?? 3600) * 1000, email, scopes: String(body.scope ?? '').split(/\s+/).filter(Boolean) };
    },

    async listCalendars(connection, signal) {
      const out: ProviderCalendar[] = [];
      for (let url: string | undefined = '/me/calendars?$top=100'; url; ) {
        const { body } = await call(connection, 'GET', url, signal);
        for (const item of body.value ?? []) out.push({ externalId: String(item.id), name: String(item.name ?? 'Calendar').slice(0, 200), primary: Boolean(item.isDefaultCalendar), writable: item.canEdit !== false });
        url = body['@odata.nextLink'];
      }
      return out;
    },

    async busy(connection, calendarIds, range, signal) {
      const result: BusyByCalendar = new Map();
      // At most 4 requests in flight per mailbox (Graph's limit): one calendar after another here.
      for (const id of calendarIds) {
        try {
          const events: BusyEvent[] = [];
          const query = new URLSearchParams({ startDateTime: new Date(range.start).toISOString(), endDateTime: new Date(range.end).toISOString(), $select: 'showAs,isCancelled,start,end,iCalUId,responseStatus', $top: '200' });
          for (let url: string | undefined = `/me/calendars/${encodeURIComponent(id)}/calendarView?${query}`; url; ) {
            const { body } = await call(connection, 'GET', url, signal, { headers: { prefer: 'outlook.timezone="UTC"' } });
            for (const item of body.value ?? []) {
              if (item.isCancelled || item.showAs === 'free' || item.showAs === 'workingElsewhere' || item.responseStatus?.response === 'declined') continue;
              events.push({ start: utc(item.start), end: utc(item.end), uid: item.iCalUId ?? null });
            }
            url = body['@odata.nextLink'];
          }
          result.set(id, events);
        } catch (error) {
          if (error instanceof CalendarError && error.reason === 'auth') throw error;
          result.set(id, error instanceof CalendarError ? error : new CalendarError('unavailable', String(error)));
        }
      }
      return result;
    },

    async putEvent(connection, calendarId, event, existing, signal) {
      if (existing) {
        try {
          const { body } = await call(connection, 'PATCH', `/me/events/${encodeURIComponent(existing.externalId)}`, signal, { body: eventBody(event) });
          return { externalId: String(body.id ?? existing.externalId), etag: body['@odata.etag'] ?? null };
        } catch (error) {
          if (!(error instanceof CalendarError && error.reason === 'not_found')) throw error;
        }
      }
      // transactionId: Graph drops a retried POST of the same event instead of creating a second.
      const transactionId = createHash('sha256').update(`${event.icalUid}:${existing ? 'again' : 'first'}`).digest('hex').slice(0, 36);
      const { body } = await call(connection, 'POST', `/me/calendars/${encodeURIComponent(calendarId)}/events`, signal, { body: { ...eventBody(event), transactionId } });
      return { externalId: String(body.id), etag: body['@odata.etag'] ?? null };
    },

    async deleteEvent(connection, _calendarId, ref, signal) {
      try {
        await call(connection, 'DELETE', `/me/events/${encodeURIComponent(ref.externalId)}`, signal);
      } catch (error) {
        if (error instanceof CalendarError && error.reason === 'not_found') return;
        throw error;
      }
    },
  };
}

export type MicrosoftProvider = ReturnType<typeof createMicrosoftProvider>;
