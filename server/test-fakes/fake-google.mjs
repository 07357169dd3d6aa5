// A fake of Google's OAuth 2.0 endpoints and Calendar API v3, at the HTTP boundary, for the
// server's tests and the e2e stack: the official clients are pointed at it (rootUrl, OAuth
// endpoints). It keeps events in memory and has knobs for the failures Google really produces.
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

const json = (res, status, body, headers = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};
const readBody = (req) =>
  new Promise((resolve) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => resolve(data));
  });
const googleError = (res, status, reason, message) => json(res, status, { error: { code: status, message, errors: [{ domain: 'global', reason, message }] } });

/**
 * @param {{ email?: string, calendars?: Array<{ id: string, summary: string, primary?: boolean, accessRole?: string }> }} [options]
 */
export async function startFakeGoogle(options = {}) {
  const email = options.email ?? 'alice@gmail.example';
  const calendars = options.calendars ?? [
    { id: email, summary: email, primary: true, accessRole: 'owner' },
    { id: 'holidays@group.v.calendar.google.com', summary: 'Holidays', accessRole: 'reader' },
  ];
  /** @type {Map<string, any>} id → event (with calendarId) */
  const events = new Map();
  const codes = new Map();
  const refreshTokens = new Set();
  const accessTokens = new Map();
  const requests = [];
  const hanging = new Set();
  const knobs = {
    /** Calendar ids whose freeBusy entry carries an error inside the 200. */
    calendarErrors: new Set(),
    /** Answer the next N Calendar API calls 429 with this Retry-After (seconds). */
    rateLimit: { times: 0, retryAfter: 7 },
    /** Never answer freeBusy. */
    hangFreeBusy: false,
    /** Store the next insert but drop the connection instead of answering (the client retries). */
    loseNextInsertAnswer: false,
    /** Lifetime of the access tokens issued; under 5 minutes the official client refreshes before each call. */
    accessTokenTtl: 3599,
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const body = await readBody(req);
    requests.push({ method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), body });

    // The consent page a host sees; "Allow" sends the browser back to the app with a code.
    if (url.pathname === '/o/oauth2/v2/auth') {
      const params = url.searchParams;
      const allow = new URL('/o/oauth2/v2/approve', `http://${req.headers.host}`);
      for (const key of ['redirect_uri', 'state', 'code_challenge', 'scope']) allow.searchParams.set(key, params.get(key) ?? '');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(`<!doctype html><html lang="en"><head><title>Sign in - Google Accounts</title></head><body><main><h1>OpenSlot wants to access your Google Account</h1><p>${email}</p><p>See your calendars and when you are busy, and add events.</p><a href="${allow.toString().replace(/&/g, '&amp;')}">Allow</a></main></body></html>`);
    }
    if (url.pathname === '/o/oauth2/v2/approve') {
      const code = randomBytes(12).toString('hex');
      codes.set(code, { challenge: url.searchParams.get('code_challenge'), scope: url.searchParams.get('scope'), redirectUri: url.searchParams.get('redirect_uri') });
      const back = new URL(url.searchParams.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      const form = new URLSearchParams(body);
      const issue = (refresh) => {
        const access = `ya29.${randomBytes(12).toString('hex')}`;
        accessTokens.set(access, refresh);
        return access;
      };
      if (form.get('grant_type') === 'authorization_code') {
        const grant = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        if (!grant || grant.challenge !== challenge || form.get('redirect_uri') !== grant.redirectUri) return json(res, 400, { error: 'invalid_grant', error_description: 'Bad code or code_verifier' });
        const refresh = `1//${randomBytes(12).toString('hex')}`;
        refreshTokens.add(refresh);
        const idToken = ['e30', Buffer.from(JSON.stringify({ email })).toString('base64url'), 'sig'].join('.');
        return json(res, 200, { access_token: issue(refresh), refresh_token: refresh, expires_in: knobs.accessTokenTtl, scope: grant.scope, token_type: 'Bearer', id_token: idToken });
      }
      if (form.get('grant_type') === 'refresh_token') {
        const refresh = form.get('refresh_token') ?? '';
        if (!refreshTokens.has(refresh)) return json(res, 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
        return json(res, 200, { access_token: issue(refresh), expires_in: knobs.accessTokenTtl, token_type: 'Bearer' });
      }
      return json(res, 400, { error: 'unsupported_grant_type' });
    }

    // For tests in another process (e2e): add an event as the host would, list what is there.
    if (url.pathname === '/_test/events' && req.method === 'POST') {
      const { calendarId, start, end, summary } = JSON.parse(body || '{}');
      const id = randomBytes(10).toString('hex');
      events.set(id, { id, calendarId: calendarId ?? email, start: { dateTime: start }, end: { dateTime: end }, summary, status: 'confirmed' });
      return json(res, 201, { id });
    }
    if (url.pathname === '/_test/events' && req.method === 'GET') {
      return json(res, 200, { items: [...events.values()].filter((e) => e.status !== 'cancelled' && (!url.searchParams.get('calendarId') || e.calendarId === url.searchParams.get('calendarId'))) });
    }

    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !accessTokens.has(bearer) || !refreshTokens.has(accessTokens.get(bearer))) return googleError(res, 401, 'authError', 'Invalid Credentials');

    if (knobs.rateLimit.times > 0) {
      knobs.rateLimit.times--;
      return json(res, 429, { error: { code: 429, message: 'Rate Limit Exceeded', errors: [{ domain: 'usageLimits', reason: 'rateLimitExceeded' }] } }, { 'retry-after': String(knobs.rateLimit.retryAfter) });
    }
    if (url.pathname === '/calendar/v3/users/me/calendarList' && req.method === 'GET') return json(res, 200, { kind: 'calendar#calendarList', items: calendars });
    if (url.pathname === '/calendar/v3/freeBusy' && req.method === 'POST') {
      if (knobs.hangFreeBusy) return void hanging.add(res);
      const query = JSON.parse(body || '{}');
      const from = Date.parse(query.timeMin);
      const to = Date.parse(query.timeMax);
      const answer = {};
      for (const { id } of query.items ?? []) {
        if (knobs.calendarErrors.has(id) || !calendars.some((c) => c.id === id)) {
          answer[id] = { errors: [{ domain: 'global', reason: knobs.calendarErrors.has(id) ? 'internalError' : 'notFound' }], busy: [] };
          continue;
        }
        const busy = [...events.values()]
          .filter((e) => e.calendarId === id && e.status !== 'cancelled' && e.transparency !== 'transparent')
          .filter((e) => Date.parse(e.end.dateTime) > from && Date.parse(e.start.dateTime) < to)
          .map((e) => ({ start: e.start.dateTime, end: e.end.dateTime }));
        answer[id] = { busy };
      }
      return json(res, 200, { kind: 'calendar#freeBusy', timeMin: query.timeMin, timeMax: query.timeMax, calendars: answer });
    }
    const match = /^\/calendar\/v3\/calendars\/([^/]+)\/events(?:\/([^/]+))?$/.exec(url.pathname);
    if (match) {
      const calendarId = decodeURIComponent(match[1]);
      const eventId = match[2] && decodeURIComponent(match[2]);
      if (req.method === 'POST' && !eventId) {
        const event = JSON.parse(body || '{}');
        const id = event.id ?? randomBytes(10).toString('hex');
        if (!/^[a-v0-9]{5,1024}$/.test(id)) return googleError(res, 400, 'invalid', 'Invalid resource id value.');
        if (events.has(id)) return googleError(res, 409, 'duplicate', 'The requested identifier already exists.');
        const stored = { ...event, id, calendarId, etag: `"${Date.now()}"`, status: event.status ?? 'confirmed', iCalUID: `${id}@google.com` };
        events.set(id, stored);
        if (knobs.loseNextInsertAnswer) {
          knobs.loseNextInsertAnswer = false;
          return req.socket.destroy();
        }
        return json(res, 200, stored);
      }
      const existing = eventId ? events.get(eventId) : undefined;
      if (req.method === 'PATCH' && eventId) {
        if (!existing || existing.status === 'cancelled') return googleError(res, 404, 'notFound', 'Not Found');
        const patched = { ...existing, ...JSON.parse(body || '{}'), id: eventId, etag: `"${Date.now()}"` };
        events.set(eventId, patched);
        return json(res, 200, patched);
      }
      if (req.method === 'DELETE' && eventId) {
        if (!existing || existing.status === 'cancelled') return googleError(res, 410, 'deleted', 'Resource has been deleted');
        events.set(eventId, { ...existing, status: 'cancelled' });
        res.writeHead(204);
        return res.end();
      }
      if (req.method === 'GET' && eventId) return existing ? json(res, 200, existing) : googleError(res, 404, 'notFound', 'Not Found');
    }
    googleError(res, 404, 'notFound', `no route ${req.method} ${url.pathname}`);
  });
  await new Promise((resolve) => server.listen(Number(options.port ?? 0), '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    email,
    events,
    requests,
    knobs,
    /** An event the host made in Google (not through OpenSlot). */
    addEvent(calendarId, start, end, extra = {}) {
      const id = randomBytes(10).toString('hex');
      events.set(id, { id, calendarId, start: { dateTime: start }, end: { dateTime: end }, status: 'confirmed', ...extra });
      return id;
    },
    /** The host revoked OpenSlot's access: every refresh token stops working. */
    revokeAll() {
      refreshTokens.clear();
    },
    /** Live events in a calendar (cancelled ones left out). */
    liveEvents(calendarId) {
      return [...events.values()].filter((e) => e.calendarId === calendarId && e.status !== 'cancelled');
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
