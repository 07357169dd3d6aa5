import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '@openslot/sdk/schemas';
import { measure } from '../db/query-meter.js';
import { icsOf, startIcsServer, type IcsServer } from '../test-support/ics-server.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

const DAY = '2026-12-02';
const times = (body: { slots: Record<string, Array<{ start: string }>> }) => (body.slots[DAY] ?? []).map((slot) => slot.start.slice(11, 16));
const book = (app: TestApp, start: string) =>
  app.api('POST', '/v1/bookings', { event: 'alice/intro', start, timeZone: 'UTC', attendee: { name: 'Vera', email: 'vera@example.com' } }, { token: null });

describe('ICS feeds', () => {
  let app: TestApp;
  let feeds: IcsServer;
  beforeAll(async () => {
    feeds = await startIcsServer();
    app = await startTestApp({ env: { CALENDAR_SLOTS_BUDGET_MS: '300', CALENDAR_BOOKING_BUDGET_MS: '400' } });
    for (const username of ['alice', 'bob']) {
      await app.api('POST', '/v1/users', { username, name: username, email: `${username}@example.com`, timeZone: 'Europe/London' });
      await app.api('POST', '/v1/event-types', { owner: username, slug: 'intro', title: 'Intro', durationMinutes: 30 });
    }
  });
  afterAll(async () => {
    await app.close();
    await feeds.close();
  });
  let connection: string | null = null;
  afterEach(async () => {
    if (connection) await app.api('DELETE', `/v1/users/alice/calendars/${connection}`);
    connection = null;
    app.clock.set('2026-12-01T08:00:00Z');
  });
  const slots = async () => (await app.api('GET', `/v1/slots?event=alice/intro&start=${DAY}&end=${DAY}&timeZone=UTC`, undefined, { token: null })).body;
  const connect = async (url: string, extra: Record<string, unknown> = {}) => {
    const created = await app.api('POST', '/v1/users/alice/calendars', { type: 'ics', url, ...extra });
    expect(created.status).toBe(201);
    connection = created.body.connection.id;
    return created.body.connection;
  };

  it("hides the times of the feed's events, in slots and at booking, and never shows the feed's address", async () => {
    const url = feeds.feed('dentist', icsOf('DTSTART:20261202T100000Z\nDTEND:20261202T110000Z\nSUMMARY:Dentist'));
    const created = await connect(`${url}?secret=s3cr3t`.replace('http://', 'http://'));
    expect(created).toMatchObject({ type: 'ics', status: 'ok', onError: 'block', calendars: [{ name: 'Calendar feed', busy: true, destination: false, writable: false }] });
    expect(JSON.stringify(created)).not.toContain('s3cr3t');
    expect(JSON.stringify((await app.api('GET', '/v1/users/alice/calendars')).body)).not.toContain('dentist');

    const offered = times(await slots());
    expect(offered).toContain('09:30');
    expect(offered).not.toContain('10:00');
    expect(offered).not.toContain('10:30');
    expect(offered).toContain('11:00');
    expect((await book(app, `${DAY}T10:30:00Z`)).status).toBe(409);
    expect((await book(app, `${DAY}T11:00:00Z`)).status).toBe(201);
  });

  it('reads the feed again only after a minute, with If-None-Match, and a 304 keeps what it had', async () => {
    const url = feeds.feed('conditional', icsOf('DTSTART:20261202T140000Z\nDTEND:20261202T150000Z'));
    await connect(url);
    const before = feeds.requests.filter((r) => r.path === '/conditional.ics').length;
    expect(times(await slots())).not.toContain('14:00');
    expect(times(await slots())).not.toContain('14:00');
    expect(feeds.requests.filter((r) => r.path === '/conditional.ics').length).toBe(before + 1);
    app.clock.advance(61_000);
    expect(times(await slots())).not.toContain('14:00');
    const last = feeds.requests.filter((r) => r.path === '/conditional.ics').at(-1)!;
    expect(last).toMatchObject({ status: 304 });
    expect(last.ifNoneMatch).toMatch(/^"/);
  });

  it('a feed that stops answering: slots keep the last good copy and say degraded; a booking fails closed unless errors are ignored', async () => {
    const url = feeds.feed('flaky', icsOf('DTSTART:20261202T130000Z\nDTEND:20261202T140000Z'));
    const created = await connect(url);
    expect(times(await slots())).not.toContain('13:00');
    feeds.feed('flaky', 'hang');
    app.clock.advance(61_000);
    const body = await slots();
    expect(body.degraded).toEqual([{ host: 'alice', calendar: created.calendars[0].id, reason: 'timeout' }]);
    expect(times(body)).not.toContain('13:00');
    expect(times(body)).toContain('15:00');

    const refused = await book(app, `${DAY}T15:00:00Z`);
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('calendar_unavailable');
    expect((await app.api('PATCH', `/v1/users/alice/calendars/${created.id}`, { onError: 'ignore' })).status).toBe(200);
    expect((await book(app, `${DAY}T15:00:00Z`)).status).toBe(201);
  });

  it("with no good copy to fall back on, the host's times are hidden rather than shown free", async () => {
    const url = feeds.feed('never', icsOf('DTSTART:20261202T090000Z\nDTEND:20261202T091500Z'));
    await connect(url);
    feeds.feed('never', 'hang');
    app.clock.set('2027-01-20T08:00:00Z'); // a month nothing was read for
    const body = (await app.api('GET', '/v1/slots?event=alice/intro&start=2027-01-21&end=2027-01-21&timeZone=UTC', undefined, { token: null })).body;
    expect(body.slots).toEqual({});
    expect(body.degraded).toMatchObject([{ host: 'alice', reason: 'timeout' }]);
  });

  it('a feed that never ends is cut off, not read into memory', async () => {
    const url = feeds.feed('huge', icsOf('DTSTART:20261202T090000Z\nDTEND:20261202T091500Z'));
    await connect(url);
    feeds.feed('huge', 'endless');
    app.clock.advance(61_000);
    expect((await slots()).degraded).toMatchObject([{ host: 'alice', reason: expect.stringMatching(/unavailable|timeout/) }]);
  });

  it('a large feed (ten years of events) still answers', async () => {
    const events = Array.from({ length: 5_000 }, (_, k) => {
      const day = new Date(Date.parse('2020-01-01T00:00:00Z') + k * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
      return `UID:big-${k}\nDTSTART:${day}T160000Z\nDTEND:${day}T163000Z`;
    });
    await connect(feeds.feed('big', icsOf(...events, 'UID:big-target\nDTSTART:20261202T120000Z\nDTEND:20261202T123000Z')));
    const offered = times(await slots());
    expect(offered).not.toContain('12:00');
    expect(offered).not.toContain('16:00');
    expect(offered).toContain('12:30');
  });

  it("counts for every host of round-robin, collective and dynamic-group event types, and when a host confirms", async () => {
    await connect(feeds.feed('teams', icsOf('DTSTART:20261202T100000Z\nDTEND:20261202T110000Z\nSUMMARY:Dentist')));
    expect((await app.api('POST', '/v1/teams', { slug: 'acme', name: 'Acme', members: [{ username: 'alice', role: 'member' }, { username: 'bob', role: 'member' }] })).status).toBe(201);
    for (const schedulingType of ['round_robin', 'collective']) {
      const created = await app.api('POST', '/v1/event-types', { owner: 'acme', slug: schedulingType.replace('_', '-'), title: 'Team call', durationMinutes: 30, schedulingType, hosts: [{ username: 'alice' }, { username: 'bob' }] });
      expect(created.status).toBe(201);
    }
    for (const username of ['alice', 'bob']) await app.api('PATCH', `/v1/users/${username}`, { allowDynamicGroup: true });
    const teamBook = (event: string) => app.api('POST', '/v1/bookings', { event, start: `${DAY}T10:00:00Z`, timeZone: 'UTC', attendee: { name: 'Tess', email: 'tess@example.com' } }, { token: null });
    const robin = await teamBook('acme/round-robin');
    expect(robin.status).toBe(201);
    expect(robin.body.booking.hosts.map((h: { username: string }) => h.username)).toEqual(['bob']);
    expect((await teamBook('acme/collective')).status).toBe(409);
    expect((await teamBook('alice+bob/intro')).status).toBe(409);

    // A request made before the event existed cannot be confirmed over it.
    await app.api('POST', '/v1/event-types', { owner: 'alice', slug: 'vetted', title: 'Vetted', durationMinutes: 30, requiresConfirmation: true });
    const pending = await app.api('POST', '/v1/bookings', { event: 'alice/vetted', start: `${DAY}T16:00:00Z`, timeZone: 'UTC', attendee: { name: 'Pia', email: 'pia@example.com' } }, { token: null });
    expect(pending.body.booking.status).toBe('pending');
    feeds.feed('teams', icsOf('DTSTART:20261202T160000Z\nDTEND:20261202T163000Z\nSUMMARY:Gym'));
    const confirm = await app.api('POST', `/v1/bookings/${pending.body.booking.uid}/confirm`, {});
    expect(confirm.status).toBe(409);
    expect((await app.api('GET', `/v1/bookings/${pending.body.booking.uid}`)).body.booking.status).toBe('pending');
  });

  it('holds a feed address at its maximum length', async () => {
    const base = feeds.feed('long', icsOf('DTSTART:20261202T090000Z\nDTEND:20261202T091500Z'));
    const url = `${base}?token=${'x'.repeat(LIMITS.url - base.length - '?token='.length)}`;
    expect(url).toHaveLength(LIMITS.url);
    const created = await connect(url);
    expect(created.status).toBe('ok');
  });

  it('refuses feeds that are not iCalendar, and unknown fields', async () => {
    const url = feeds.feed('html', '<html>not a calendar</html>');
    const refused = await app.api('POST', '/v1/users/alice/calendars', { type: 'ics', url });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('calendar_unreachable');
    expect((await app.api('POST', '/v1/users/alice/calendars', { type: 'ics', url, extra: 1 })).status).toBe(400);
    expect((await app.api('POST', '/v1/users/alice/calendars', { type: 'ics', url: 'ftp://example.com/x.ics' })).status).toBe(400);
  });

  it("only the host (or the admin) sees and changes the host's connections", async () => {
    const key = (await app.api('POST', '/v1/users/bob/api-keys', {})).body.key;
    expect((await app.api('GET', '/v1/users/alice/calendars', undefined, { token: key })).status).toBe(403);
    expect((await app.api('POST', '/v1/users/alice/calendars', { type: 'ics', url: feeds.feed('x', icsOf()) }, { token: key })).status).toBe(403);
    expect((await app.api('GET', '/v1/users/alice/calendars', undefined, { token: null })).status).toBe(401);
  });

  it('a host without calendars costs no extra query', async () => {
    const resolved = await app.services.eventTypes.resolve('bob/intro');
    const { measure: withNone } = await measure(() => app.services.availability.slots(resolved, { start: Date.parse('2026-12-01T00:00:00Z'), end: Date.parse('2027-01-01T00:00:00Z') }, app.clock.now()));
    // schedules + bookings, as before calendars existed
    expect(withNone.queries).toBe(2);
  });
});

describe('ICS feeds on private addresses', () => {
  it('are refused unless WEBHOOK_ALLOW_PRIVATE_URLS is set', async () => {
    const app = await startTestApp({ env: { WEBHOOK_ALLOW_PRIVATE_URLS: 'false' } });
    try {
      await app.api('POST', '/v1/users', { username: 'alice', name: 'Alice', email: 'alice@example.com' });
      const refused = await app.api('POST', '/v1/users/alice/calendars', { type: 'ics', url: 'http://127.0.0.1:9/feed.ics' });
      expect(refused.status).toBe(400);
      expect(refused.body.error.details.fields[0].field).toBe('url');
    } finally {
      await app.close();
    }
  });
});
