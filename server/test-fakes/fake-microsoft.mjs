// A fake of the Microsoft identity platform (/common authority) and Microsoft Graph's calendar
// endpoints, at the HTTP boundary, for the server's tests: OpenSlot's plain-fetch client is
// pointed at it with MICROSOFT_LOGIN_URL and MICROSOFT_GRAPH_URL.
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
const graphError = (res, status, code, headers = {}) => json(res, status, { error: { code, message: code } }, headers);

export async function startFakeMicrosoft(options = {}) {
  const email = options.email ?? 'alice@outlook.example';
  const calendars = [
    { id: 'AAMk-calendar', name: 'Calendar', isDefaultCalendar: true, canEdit: true },
    { id: 'AAMk-birthdays', name: 'Birthdays', isDefaultCalendar: false, canEdit: false },
  ];
  const events = new Map();
  const transactions = new Map();
  const codes = new Map();
  const refreshTokens = new Set();
  const accessTokens = new Set();
  const requests = [];
  const knobs = { rateLimit: { times: 0, retryAfter: 5 }, loseNextCreateAnswer: false, pageSize: 2, accessTokenTtl: 3600 };
  const issuedRefreshTokens = [];

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const body = await readBody(req);
    requests.push({ method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), body, prefer: req.headers.prefer ?? null });

    if (url.pathname === '/common/oauth2/v2.0/authorize') {
      const allow = new URL('/common/oauth2/v2.0/approve', `http://${req.headers.host}`);
      for (const key of ['redirect_uri', 'state', 'code_challenge', 'scope']) allow.searchParams.set(key, url.searchParams.get(key) ?? '');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(`<!doctype html><html lang="en"><head><title>Permissions requested</title></head><body><h1>Let OpenSlot access your calendars?</h1><p>${email}</p><a href="${allow.toString().replace(/&/g, '&amp;')}">Accept</a></body></html>`);
    }
    if (url.pathname === '/common/oauth2/v2.0/approve') {
      const code = randomBytes(12).toString('hex');
      codes.set(code, { challenge: url.searchParams.get('code_challenge'), scope: url.searchParams.get('scope') });
      const back = new URL(url.searchParams.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    if (url.pathname === '/common/oauth2/v2.0/token' && req.method === 'POST') {
      const form = new URLSearchParams(body);
      // Refresh tokens rotate on every use; the old one is not revoked (as Microsoft documents).
      const issue = (scope) => {
        const access = `eyJ.${randomBytes(12).toString('hex')}`;
        const refresh = `M.R3_${randomBytes(12).toString('hex')}`;
        accessTokens.add(access);
        refreshTokens.add(refresh);
        issuedRefreshTokens.push(refresh);
        const idToken = ['e30', Buffer.from(JSON.stringify({ preferred_username: email })).toString('base64url'), 'sig'].join('.');
        return { access_token: access, refresh_token: refresh, expires_in: knobs.accessTokenTtl, scope, token_type: 'Bearer', id_token: idToken };
      };
      if (form.get('grant_type') === 'authorization_code') {
        const grant = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        if (!grant || grant.challenge !== createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url')) return json(res, 400, { error: 'invalid_grant' });
        return json(res, 200, issue(grant.scope));
      }
      if (form.get('grant_type') === 'refresh_token') {
        if (!refreshTokens.has(form.get('refresh_token') ?? '')) return json(res, 400, { error: 'invalid_grant', error_description: 'AADSTS70008: The refresh token has expired.' });
        return json(res, 200, issue(form.get('scope') ?? ''));
      }
      return json(res, 400, { error: 'unsupported_grant_type' });
    }

    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !accessTokens.has(bearer)) return graphError(res, 401, 'InvalidAuthenticationToken');
    if (knobs.rateLimit.times > 0) {
      knobs.rateLimit.times--;
      return graphError(res, 429, 'TooManyRequests', { 'retry-after': String(knobs.rateLimit.retryAfter) });
    }
    if (url.pathname === '/v1.0/me/calendars' && req.method === 'GET') return json(res, 200, { value: calendars });

    const view = /^\/v1\.0\/me\/calendars\/([^/]+)\/calendarView$/.exec(url.pathname);
    if (view && req.method === 'GET') {
      const id = decodeURIComponent(view[1]);
      const from = Date.parse(url.searchParams.get('startDateTime') ?? '');
      const to = Date.parse(url.searchParams.get('endDateTime') ?? '');
      const skip = Number(url.searchParams.get('$skip') ?? 0);
      const utc = (req.headers.prefer ?? '').includes('outlook.timezone="UTC"');
      const all = [...events.values()].filter((e) => e.calendarId === id && Date.parse(`${e.end.dateTime}Z`) > from && Date.parse(`${e.start.dateTime}Z`) < to);
      const page = all.slice(skip, skip + knobs.pageSize).map((e) => (utc ? e : { ...e, start: { ...e.start, timeZone: 'Pacific Standard Time' } }));
      const next = skip + knobs.pageSize < all.length ? new URL(`${url.pathname}?${new URLSearchParams({ ...Object.fromEntries(url.searchParams), $skip: String(skip + knobs.pageSize) })}`, `http://${req.headers.host}`).toString() : undefined;
      return json(res, 200, { value: page, ...(next && { '@odata.nextLink': next }) });
    }
    const create = /^\/v1\.0\/me\/calendars\/([^/]+)\/events$/.exec(url.pathname);
    if (create && req.method === 'POST') {
      const event = JSON.parse(body || '{}');
      // transactionId: a retried POST of the same event returns the event already made.
      const known = event.transactionId && transactions.get(event.transactionId);
      if (known && events.has(known)) return json(res, 201, events.get(known));
      const id = `AAMkEv${randomBytes(8).toString('hex')}`;
      const stored = { ...event, id, calendarId: decodeURIComponent(create[1]), iCalUId: `040000008200E0${id}`, isCancelled: false, '@odata.etag': `W/"${Date.now()}"` };
      events.set(id, stored);
      if (event.transactionId) transactions.set(event.transactionId, id);
      if (knobs.loseNextCreateAnswer) {
        knobs.loseNextCreateAnswer = false;
        return req.socket.destroy();
      }
      return json(res, 201, stored);
    }
    const one = /^\/v1\.0\/me\/events\/([^/]+)$/.exec(url.pathname);
    if (one) {
      const id = decodeURIComponent(one[1]);
      const existing = events.get(id);
      if (!existing) return graphError(res, 404, 'ErrorItemNotFound');
      if (req.method === 'PATCH') {
        const patched = { ...existing, ...JSON.parse(body || '{}'), id, '@odata.etag': `W/"${Date.now()}"` };
        events.set(id, patched);
        return json(res, 200, patched);
      }
      if (req.method === 'DELETE') {
        events.delete(id);
        res.writeHead(204);
        return res.end();
      }
    }
    graphError(res, 404, 'UnknownRoute');
  });
  await new Promise((resolve) => server.listen(Number(options.port ?? 0), '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    email,
    events,
    requests,
    knobs,
    issuedRefreshTokens,
    /** An event the host made in Outlook; times are UTC wall clock (`2026-12-02T10:00:00`). */
    addEvent(calendarId, start, end, extra = {}) {
      const id = `AAMkEv${randomBytes(8).toString('hex')}`;
      events.set(id, { id, calendarId, start: { dateTime: start, timeZone: 'UTC' }, end: { dateTime: end, timeZone: 'UTC' }, showAs: 'busy', isCancelled: false, iCalUId: `ext-${id}`, ...extra });
      return id;
    },
    liveEvents(calendarId) {
      return [...events.values()].filter((e) => e.calendarId === calendarId);
    },
    revokeAll() {
      refreshTokens.clear();
      accessTokens.clear();
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
