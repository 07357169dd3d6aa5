import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeMicrosoft, type FakeMicrosoft } from '../../test-fakes/fake-microsoft.mjs';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

const DAY = '2026-12-02';
const PUBLIC_URL = 'http://openslot.test';

describe('Microsoft 365 / Outlook, against a fake Graph at the HTTP boundary', () => {
  let graph: FakeMicrosoft;
  let app: TestApp;

  beforeAll(async () => {
    graph = await startFakeMicrosoft();
    app = await startTestApp({ env: { PUBLIC_URL, MICROSOFT_CLIENT_ID: 'ms-client', MICROSOFT_CLIENT_SECRET: 'ms-secret', MICROSOFT_LOGIN_URL: graph.url, MICROSOFT_GRAPH_URL: graph.url, CALENDAR_SLOTS_BUDGET_MS: '500', CALENDAR_BOOKING_BUDGET_MS: '800' } });
    await app.api('POST', '/v1/users', { username: 'alice', name: 'Alice', email: 'alice@example.com', timeZone: 'Europe/London' });
    await app.api('POST', '/v1/event-types', { owner: 'alice', slug: 'intro', title: 'Intro', durationMinutes: 30 });
  });
  afterAll(async () => {
    await app.close();
    await graph.close();
  });

  const slots = async () => (await app.api('GET', `/v1/slots?event=alice/intro&start=${DAY}&end=${DAY}&timeZone=UTC`, undefined, { token: null })).body;
  const times = (body: { slots: Record<string, Array<{ start: string }>> }) => (body.slots[DAY] ?? []).map((slot) => slot.start.slice(11, 16));
  const book = (start: string) => app.api('POST', '/v1/bookings', { event: 'alice/intro', start, timeZone: 'UTC', attendee: { name: 'Vera', email: 'vera@example.com' } }, { token: null });
  const connect = async () => {
    const started = await app.api('POST', '/v1/users/alice/calendars/microsoft/connect', {});
    expect(started.status).toBe(201);
    const page = await (await fetch(started.body.url)).text();
    const accept = /href="([^"]+)">Accept/.exec(page)![1]!.replaceAll('&amp;', '&');
    const redirect = await fetch(accept, { redirect: 'manual' });
    return fetch(redirect.headers.get('location')!.replace(PUBLIC_URL, app.url));
  };
  const ours = () => graph.liveEvents('AAMk-calendar').filter((e) => e.subject === 'Intro — Alice and Vera');

  it('connects through consent with PKCE; the default calendar is busy and the destination', async () => {
    const landed = await connect();
    expect(landed.status).toBe(200);
    const consent = graph.requests.find((r) => r.path === '/common/oauth2/v2.0/authorize')!;
    expect(consent.query).toMatchObject({ code_challenge_method: 'S256', response_type: 'code', redirect_uri: `${PUBLIC_URL}/v1/calendars/microsoft/callback` });
    expect(consent.query.scope).toContain('offline_access');
    const [connection] = (await app.api('GET', '/v1/users/alice/calendars')).body.connections;
    expect(connection).toMatchObject({ type: 'microsoft', label: graph.email, status: 'ok' });
    expect(connection.calendars).toEqual([
      expect.objectContaining({ name: 'Calendar', busy: true, destination: true, writable: true }),
      expect.objectContaining({ name: 'Birthdays', busy: false, writable: false }),
    ]);
  });

  it('calendarView (all pages, in UTC) hides busy and tentative events; free, cancelled and declined ones do not', async () => {
    graph.addEvent('AAMk-calendar', `${DAY}T09:00:00`, `${DAY}T09:30:00`);
    graph.addEvent('AAMk-calendar', `${DAY}T10:00:00`, `${DAY}T10:30:00`, { showAs: 'tentative' });
    graph.addEvent('AAMk-calendar', `${DAY}T11:00:00`, `${DAY}T11:30:00`, { showAs: 'free' });
    graph.addEvent('AAMk-calendar', `${DAY}T12:00:00`, `${DAY}T12:30:00`, { isCancelled: true });
    graph.addEvent('AAMk-calendar', `${DAY}T13:00:00`, `${DAY}T13:30:00`, { responseStatus: { response: 'declined' } });
    graph.addEvent('AAMk-calendar', `${DAY}T14:00:00`, `${DAY}T14:30:00`, { showAs: 'oof' });
    const offered = times(await slots());
    for (const hidden of ['09:00', '10:00', '14:00']) expect(offered).not.toContain(hidden);
    for (const free of ['11:00', '12:00', '13:00', '15:00']) expect(offered).toContain(free);
    const views = graph.requests.filter((r) => r.path.endsWith('/calendarView'));
    expect(views.length).toBeGreaterThanOrEqual(3); // six events, two a page
    expect(views.every((r) => r.prefer === 'outlook.timezone="UTC"')).toBe(true);
  });

  it('writes the booking once with a transactionId even when the answer is lost, patches it on reschedule, deletes it on cancel', async () => {
    graph.knobs.loseNextCreateAnswer = true;
    const created = await book(`${DAY}T15:00:00Z`);
    expect(created.status).toBe(201);
    await app.services.worker.runOnce();
    app.clock.advance(5_000);
    await app.services.worker.runOnce();
    const posts = graph.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/events'));
    expect(posts).toHaveLength(2);
    expect(new Set(posts.map((p) => JSON.parse(p.body).transactionId)).size).toBe(1);
    expect(ours()).toHaveLength(1);
    expect(ours()[0]!.start.dateTime).toBe('2026-12-02T15:00:00.000');

    const moved = await app.api('POST', `/v1/bookings/${created.body.booking.uid}/reschedule`, { start: `${DAY}T15:30:00Z` }, { token: created.body.manageToken });
    expect(moved.status).toBe(201);
    await app.services.worker.runOnce();
    expect(ours().map((e) => e.start.dateTime)).toEqual(['2026-12-02T15:30:00.000']);

    expect((await app.api('POST', `/v1/bookings/${moved.body.booking.uid}/cancel`, {}, { token: created.body.manageToken })).status).toBe(200);
    await app.services.worker.runOnce();
    expect(ours()).toHaveLength(0);
  });

  it('keeps each rotated refresh token (every refresh uses the latest); a refused one breaks the connection', async () => {
    graph.knobs.accessTokenTtl = 30; // under a minute: every read refreshes first
    await app.api('DELETE', `/v1/users/alice/calendars/${(await app.api('GET', '/v1/users/alice/calendars')).body.connections[0].id}`);
    expect((await connect()).status).toBe(200);
    const refreshes = () => graph.requests.filter((r) => r.path.endsWith('/token') && r.body.includes('grant_type=refresh_token'));
    for (let k = 0; k < 3; k++) {
      app.clock.advance(61_000);
      expect((await slots()).degraded).toBeUndefined();
    }
    const used = refreshes().map((r) => new URLSearchParams(r.body).get('refresh_token'));
    expect(used.length).toBeGreaterThanOrEqual(2);
    // Each refresh presents the token the previous answer issued, never an older one.
    for (const [k, token] of used.entries()) if (k > 0) expect(graph.issuedRefreshTokens.indexOf(token!)).toBeGreaterThan(graph.issuedRefreshTokens.indexOf(used[k - 1]!));
    const stored = await app.services.db('calendar_connections').first('credentials');
    expect(stored.credentials).not.toContain('M.R3_');

    graph.revokeAll();
    app.clock.advance(61_000);
    expect((await slots()).degraded).toMatchObject([{ host: 'alice', reason: 'broken' }]);
    const connection = (await app.api('GET', '/v1/users/alice/calendars')).body.connections[0];
    expect(connection.status).toBe('broken');
  });
});
