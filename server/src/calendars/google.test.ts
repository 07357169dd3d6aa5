import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGoogle, type FakeGoogle } from '../../test-fakes/fake-google.mjs';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

const DAY = '2026-12-02';
const PUBLIC_URL = 'http://openslot.test';

describe('Google Calendar, against a fake Google at the HTTP boundary', () => {
  let google: FakeGoogle;
  let app: TestApp;
  let primary: string;
  let connection: { id: string; calendars: Array<{ id: string; name: string; busy: boolean; destination: boolean; writable: boolean }> };

  beforeAll(async () => {
    google = await startFakeGoogle();
    primary = google.email;
    app = await startTestApp({
      env: { PUBLIC_URL, GOOGLE_CLIENT_ID: 'client-id', GOOGLE_CLIENT_SECRET: 'client-secret', GOOGLE_OAUTH_URL: google.url, GOOGLE_API_URL: google.url, CALENDAR_SLOTS_BUDGET_MS: '300', CALENDAR_BOOKING_BUDGET_MS: '500' },
    });
    await app.api('POST', '/v1/users', { username: 'alice', name: 'Alice', email: 'alice@example.com', timeZone: 'Europe/London' });
    await app.api('POST', '/v1/event-types', { owner: 'alice', slug: 'intro', title: 'Intro', durationMinutes: 30 });
  });
  afterAll(async () => {
    await app.close();
    await google.close();
  });

  const slots = async () => (await app.api('GET', `/v1/slots?event=alice/intro&start=${DAY}&end=${DAY}&timeZone=UTC`, undefined, { token: null })).body;
  const times = (body: { slots: Record<string, Array<{ start: string }>> }) => (body.slots[DAY] ?? []).map((slot) => slot.start.slice(11, 16));
  const book = (start: string) => app.api('POST', '/v1/bookings', { event: 'alice/intro', start, timeZone: 'UTC', attendee: { name: 'Vera', email: 'vera@example.com' } }, { token: null });
  const fresh = () => app.clock.advance(61_000);

  it('connects with the OAuth code flow and PKCE: consent page, callback, refresh token kept sealed', async () => {
    const started = await app.api('POST', '/v1/users/alice/calendars/google/connect', { returnTo: 'https://alice.example/settings' });
    expect(started.status).toBe(201);
    const consent = new URL(started.body.url);
    expect(consent.origin).toBe(google.url);
    expect(consent.searchParams.get('code_challenge_method')).toBe('S256');
    expect(consent.searchParams.get('access_type')).toBe('offline');
    expect(consent.searchParams.get('redirect_uri')).toBe(`${PUBLIC_URL}/v1/calendars/google/callback`);

    const page = await (await fetch(consent)).text();
    const allow = /href="([^"]+)">Allow/.exec(page)![1]!.replaceAll('&amp;', '&');
    const redirect = await fetch(allow, { redirect: 'manual' });
    const callback = redirect.headers.get('location')!.replace(PUBLIC_URL, app.url);
    const back = await fetch(callback, { redirect: 'manual' });
    expect(back.status).toBe(303);
    const returned = new URL(back.headers.get('location')!);
    expect(returned.origin + returned.pathname).toBe('https://alice.example/settings');
    expect(returned.searchParams.get('calendar')).toBe('connected');

    // The state is single-use.
    expect((await fetch(callback, { redirect: 'manual' })).status).toBe(400);

    const listed = (await app.api('GET', '/v1/users/alice/calendars')).body.connections;
    expect(listed).toHaveLength(1);
    connection = listed[0];
    expect(connection).toMatchObject({ type: 'google', label: google.email, status: 'ok' });
    expect(connection.calendars).toEqual([
      expect.objectContaining({ name: google.email, busy: true, destination: true, writable: true }),
      expect.objectContaining({ name: 'Holidays', busy: false, destination: false, writable: false }),
    ]);
    const stored = await app.services.db('calendar_connections').first('credentials');
    expect(stored.credentials).not.toContain('1//');
  });

  it('busy events from freeBusy hide slots; a booking is inserted with our own id and reaches Google once', async () => {
    google.addEvent(primary, `${DAY}T10:00:00Z`, `${DAY}T11:00:00Z`);
    const offered = times(await slots());
    expect(offered).not.toContain('10:00');
    expect(offered).not.toContain('10:30');
    expect(offered).toContain('11:00');

    const created = await book(`${DAY}T11:00:00Z`);
    expect(created.status).toBe(201);
    await app.services.worker.runOnce();
    const inserted = google.liveEvents(primary).filter((e) => e.summary === 'Intro — Alice and Vera');
    expect(inserted).toHaveLength(1);
    expect(inserted[0]!.id).toMatch(/^[a-v0-9]{26,}$/);
    expect(inserted[0]!.start.dateTime).toBe('2026-12-02T11:00:00.000Z');

    // Moving it patches the same event (its own busy time in Google must not block the move).
    const moved = await app.api('POST', `/v1/bookings/${created.body.booking.uid}/reschedule`, { start: `${DAY}T11:30:00Z` }, { token: created.body.manageToken });
    expect(moved.status).toBe(201);
    await app.services.worker.runOnce();
    const after = google.liveEvents(primary).filter((e) => e.summary === 'Intro — Alice and Vera');
    expect(after.map((e) => [e.id, e.start.dateTime])).toEqual([[inserted[0]!.id, '2026-12-02T11:30:00.000Z']]);

    // Cancelling deletes it.
    expect((await app.api('POST', `/v1/bookings/${moved.body.booking.uid}/cancel`, {}, { token: created.body.manageToken })).status).toBe(200);
    await app.services.worker.runOnce();
    expect(google.liveEvents(primary).filter((e) => e.summary === 'Intro — Alice and Vera')).toHaveLength(0);
  });

  it('an insert whose answer was lost is retried: Google says 409 and the event is not duplicated', async () => {
    google.knobs.loseNextInsertAnswer = true;
    const created = await book(`${DAY}T14:00:00Z`);
    expect(created.status).toBe(201);
    await app.services.worker.runOnce();
    expect(google.liveEvents(primary).filter((e) => e.start.dateTime === '2026-12-02T14:00:00.000Z')).toHaveLength(1);
    app.clock.advance(5_000);
    await app.services.worker.runOnce();
    const conflicts = google.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/events'));
    expect(conflicts.length).toBeGreaterThanOrEqual(2);
    expect(google.liveEvents(primary).filter((e) => e.start.dateTime === '2026-12-02T14:00:00.000Z')).toHaveLength(1);
  });

  it('a 429 with Retry-After: the write waits as long as Google asked', async () => {
    const created = await book(`${DAY}T15:00:00Z`);
    expect(created.status).toBe(201);
    google.knobs.rateLimit = { times: 1, retryAfter: 30 };
    await app.services.worker.runOnce();
    const at = (iso: string) => google.liveEvents(primary).filter((e) => e.start.dateTime === iso);
    expect(at('2026-12-02T15:00:00.000Z')).toHaveLength(0);
    app.clock.advance(10_000);
    await app.services.worker.runOnce();
    expect(at('2026-12-02T15:00:00.000Z')).toHaveLength(0);
    app.clock.advance(21_000);
    await app.services.worker.runOnce();
    expect(at('2026-12-02T15:00:00.000Z')).toHaveLength(1);
  });

  it('per-calendar errors inside a 200 mark that calendar degraded; the others still count', async () => {
    const holidays = connection.calendars.find((c) => c.name === 'Holidays')!;
    expect((await app.api('PATCH', `/v1/users/alice/calendars/${connection.id}`, { calendars: [{ id: holidays.id, busy: true }] })).status).toBe(200);
    google.knobs.calendarErrors.add('holidays@group.v.calendar.google.com');
    fresh();
    const body = await slots();
    expect(body.degraded).toEqual([{ host: 'alice', calendar: holidays.id, reason: 'unavailable' }]);
    google.knobs.calendarErrors.clear();
    expect((await app.api('PATCH', `/v1/users/alice/calendars/${connection.id}`, { calendars: [{ id: holidays.id, busy: false }] })).status).toBe(200);
  });

  it('refreshes short-lived access tokens with the refresh token', async () => {
    google.knobs.accessTokenTtl = 60;
    await app.api('DELETE', `/v1/users/alice/calendars/${connection.id}`);
    const started = await app.api('POST', '/v1/users/alice/calendars/google/connect', {});
    const page = await (await fetch(started.body.url)).text();
    const redirect = await fetch(/href="([^"]+)">Allow/.exec(page)![1]!.replaceAll('&amp;', '&'), { redirect: 'manual' });
    const landed = await fetch(redirect.headers.get('location')!.replace(PUBLIC_URL, app.url));
    expect(landed.status).toBe(200);
    expect(await landed.text()).toContain('Your calendar is connected');
    connection = (await app.api('GET', '/v1/users/alice/calendars')).body.connections[0];
    const refreshes = () => google.requests.filter((r) => r.path === '/token' && r.body.includes('grant_type=refresh_token')).length;
    const before = refreshes();
    fresh();
    expect((await slots()).degraded).toBeUndefined();
    expect(refreshes()).toBeGreaterThan(before);
    google.knobs.accessTokenTtl = 3599;
  });

  it('a provider that hangs: slots answer within the budget and say degraded; the booking check refuses', async () => {
    google.knobs.hangFreeBusy = true;
    fresh();
    const body = await slots();
    expect(body.degraded).toEqual([{ host: 'alice', calendar: connection.calendars[0]!.id, reason: 'timeout' }]);
    const refused = await book(`${DAY}T16:00:00Z`);
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('calendar_unavailable');
    google.knobs.hangFreeBusy = false;
  });

  it('revoked access (invalid_grant) breaks the connection once, with CALENDAR_CONNECTION_BROKEN', async () => {
    google.revokeAll();
    google.knobs.accessTokenTtl = 60;
    fresh();
    const body = await slots();
    expect(body.degraded).toMatchObject([{ host: 'alice', reason: 'broken' }]);
    const listed = (await app.api('GET', `/v1/users/alice/calendars/${connection.id}`)).body.connection;
    expect(listed.status).toBe('broken');
    fresh();
    await slots();
    const events = await app.services.db('outbox_events').where({ type: 'CALENDAR_CONNECTION_BROKEN' });
    expect(events).toHaveLength(1);
    expect(events[0].payload).not.toContain('1//');
  });
});
