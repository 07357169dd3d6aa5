import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { book, createHost } from '../test-support/bookings.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

const HOUR = 3_600_000;

describe('session tokens', () => {
  let app: TestApp;
  let alice: Awaited<ReturnType<typeof createHost>>;
  let bob: Awaited<ReturnType<typeof createHost>>;
  let bobs: { schedule: number; booking: string; calendar: number };

  const mint = async (username: string, body: Record<string, unknown> = {}, token?: string) => {
    const res = await app.api('POST', `/v1/users/${username}/session-tokens`, body, { token: token ?? alice.apiKey });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { token: string; expiresAt: string };
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-01T08:00:00Z' });
    alice = await createHost(app, 'alice');
    bob = await createHost(app, 'bob', { requiresConfirmation: true });
    const booked = await book(app, bob.event, '2026-12-02T10:00:00Z');
    const calendar = await app.api('POST', '/v1/users/bob/calendars', { type: 'ics', url: 'http://127.0.0.1:9/none.ics' });
    bobs = { schedule: (await app.api('GET', '/v1/users/bob')).body.user.defaultScheduleId, booking: booked.booking.uid, calendar: calendar.body.connection?.id ?? 1 };
  });
  afterAll(() => app.close());

  it("is minted with the host's key or the admin key for that host only, and lives the configured time", async () => {
    const own = await mint('alice');
    expect(own.token).toMatch(/^oss_/);
    expect(own.expiresAt).toBe('2026-12-01T09:00:00.000Z');
    expect(Object.keys(own).sort()).toEqual(['expiresAt', 'token']);
    expect((await mint('alice', { expiresInMinutes: 720 }, 'test-admin-key-0123456789')).expiresAt).toBe('2026-12-01T20:00:00.000Z');
    const forBob = await app.api('POST', '/v1/users/bob/session-tokens', {}, { token: alice.apiKey });
    expect(forBob.status).toBe(403);
    const anonymous = await app.api('POST', '/v1/users/alice/session-tokens', {}, { token: null });
    expect(anonymous.status).toBe(401);
  });

  it('refuses a lifetime outside 5 minutes to 12 hours, and unknown fields, naming the field', async () => {
    for (const body of [{ expiresInMinutes: 721 }, { expiresInMinutes: 1 }, { expiresInMinutes: 'soon' }, { scope: 'all' }]) {
      const res = await app.api('POST', '/v1/users/alice/session-tokens', body, { token: alice.apiKey });
      expect(res.status).toBe(400);
      expect(res.body.error.details.fields[0].field).toBe(Object.keys(body)[0]);
    }
  });

  it("works for the host's own account like their key", async () => {
    const { token } = await mint('alice');
    expect((await app.api('GET', '/v1/users/alice', undefined, { token })).body.user.username).toBe('alice');
    expect((await app.api('GET', '/v1/schedules', undefined, { token })).body.schedules.map((s: { owner: string }) => s.owner)).toEqual(['alice']);
    expect((await app.api('GET', '/v1/event-types', undefined, { token })).body.eventTypes.map((e: { slug: string }) => e.slug)).toEqual(['meet']);
    expect((await app.api('GET', '/v1/users/alice/calendars', undefined, { token })).status).toBe(200);
    const patched = await app.api('PATCH', `/v1/event-types/${alice.eventTypeId}`, { title: 'Intro call' }, { token });
    expect(patched.body.eventType.title).toBe('Intro call');
  });

  it("is useless for any other account: bob's bookings, schedules, event types and calendars answer as they do to alice's key", async () => {
    const { token } = await mint('alice');
    const probes: Array<[string, string, unknown?]> = [
      ['GET', `/v1/users/bob`],
      ['GET', `/v1/bookings/${bobs.booking}`],
      ['POST', `/v1/bookings/${bobs.booking}/confirm`, {}],
      ['GET', `/v1/schedules/${bobs.schedule}`],
      ['PATCH', `/v1/schedules/${bobs.schedule}`, { name: 'Mine now' }],
      ['GET', `/v1/event-types/${bob.eventTypeId}`],
      ['PATCH', `/v1/event-types/${bob.eventTypeId}`, { title: 'Mine now' }],
      ['GET', '/v1/users/bob/calendars'],
      ['GET', `/v1/users/bob/calendars/${bobs.calendar}`],
      ['GET', '/v1/users/bob/audit'],
    ];
    for (const [method, path, body] of probes) {
      const withToken = await app.api(method, path, body, { token });
      const withKey = await app.api(method, path, body, { token: alice.apiKey });
      expect([403, 404], `${method} ${path}`).toContain(withToken.status);
      expect(withToken.status, `${method} ${path}`).toBe(withKey.status);
    }
    const listed = await app.api('GET', '/v1/bookings', undefined, { token });
    expect(listed.body.bookings).toEqual([]);
    expect((await app.api('GET', `/v1/schedules/${bobs.schedule}`, undefined, { token: bob.apiKey })).body.schedule.name).toBe('Working hours');
    expect((await app.api('GET', `/v1/event-types/${bob.eventTypeId}`, undefined, { token: bob.apiKey })).body.eventType.title).toBe('Meeting');
  });

  it('cannot mint API keys or session tokens, list tokens, manage webhooks, or change the sign-in email', async () => {
    const { token } = await mint('alice');
    const refused: Array<[string, string, unknown?]> = [
      ['POST', '/v1/users/alice/api-keys', {}],
      ['POST', '/v1/users/alice/session-tokens', {}],
      ['GET', '/v1/users/alice/session-tokens'],
      ['POST', '/v1/webhooks', { url: 'https://example.com/hook', events: ['BOOKING_CREATED'] }],
      ['GET', '/v1/webhooks'],
      ['PATCH', '/v1/users/alice', { email: 'mallory@example.com' }],
    ];
    for (const [method, path, body] of refused) {
      const res = await app.api(method, path, body, { token });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.message).toMatch(/session token/);
    }
    expect((await app.api('GET', '/v1/users/alice', undefined, { token: alice.apiKey })).body.user.email).toBe('alice@example.com');
    expect((await app.api('PATCH', '/v1/users/alice', { name: 'Alice' }, { token })).status).toBe(200);
  });

  it('stops working when it expires', async () => {
    const { token } = await mint('alice', { expiresInMinutes: 5 });
    app.clock.advance(5 * 60_000);
    const res = await app.api('GET', '/v1/users/alice', undefined, { token });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('session_token_expired');
    app.clock.set('2026-12-01T08:00:00Z');
  });

  it('refreshes into a new token of the same lifetime, revoking the old, never past a day from the first', async () => {
    const first = await mint('alice', { expiresInMinutes: 720 });
    app.clock.advance(11 * HOUR);
    const second = await app.api('POST', '/v1/users/alice/session-tokens/refresh', {}, { token: first.token });
    expect(second.status).toBe(201);
    expect(second.body.expiresAt).toBe('2026-12-02T07:00:00.000Z');
    expect((await app.api('GET', '/v1/users/alice', undefined, { token: first.token })).status).toBe(401);
    expect((await app.api('GET', '/v1/users/alice', undefined, { token: second.body.token })).status).toBe(200);
    app.clock.advance(11 * HOUR);
    const third = await app.api('POST', '/v1/users/alice/session-tokens/refresh', {}, { token: second.body.token });
    // 22 h after the first: the chain ends 24 h after it, not 12 h from now.
    expect(third.body.expiresAt).toBe('2026-12-02T08:00:00.000Z');
    const twice = await app.api('POST', '/v1/users/alice/session-tokens/refresh', {}, { token: second.body.token });
    expect(twice.status).toBe(401);
    const withKey = await app.api('POST', '/v1/users/alice/session-tokens/refresh', {}, { token: alice.apiKey });
    expect(withKey.status).toBe(403);
    const forBob = await app.api('POST', '/v1/users/bob/session-tokens/refresh', {}, { token: third.body.token });
    expect(forBob.status).toBe(403);
    app.clock.set('2026-12-01T08:00:00Z');
  });

  it('is revoked by itself (sign out) or by the host’s key, and never by another host', async () => {
    const mine = await mint('alice');
    expect((await app.api('DELETE', '/v1/users/alice/session-tokens/current', undefined, { token: mine.token })).status).toBe(204);
    expect((await app.api('GET', '/v1/users/alice', undefined, { token: mine.token })).status).toBe(401);

    const other = await mint('alice');
    const listed = await app.api('GET', '/v1/users/alice/session-tokens', undefined, { token: alice.apiKey });
    const newest = listed.body.sessionTokens[0];
    expect(newest).toMatchObject({ via: 'api_key', createdAt: '2026-12-01T08:00:00.000Z', expiresAt: '2026-12-01T09:00:00.000Z' });
    expect(JSON.stringify(listed.body)).not.toContain(other.token);
    expect((await app.api('DELETE', `/v1/users/bob/session-tokens/${newest.id}`, undefined, { token: bob.apiKey })).status).toBe(404);
    expect((await app.api('DELETE', `/v1/users/alice/session-tokens/${newest.id}`, undefined, { token: bob.apiKey })).status).toBe(403);
    expect((await app.api('GET', '/v1/users/alice', undefined, { token: other.token })).status).toBe(200);
    expect((await app.api('DELETE', `/v1/users/alice/session-tokens/${newest.id}`, undefined, { token: alice.apiKey })).status).toBe(204);
    expect((await app.api('GET', '/v1/users/alice', undefined, { token: other.token })).status).toBe(401);
    expect((await app.api('DELETE', '/v1/users/alice/session-tokens/current', undefined, { token: alice.apiKey })).status).toBe(403);
  });

  it('may be sent from a browser on any page: the preflight allows its Authorization header', async () => {
    const res = await fetch(`${app.url}/v1/schedules`, { method: 'OPTIONS', headers: { origin: 'https://platform.example', 'access-control-request-method': 'PATCH', 'access-control-request-headers': 'authorization, content-type' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });
});

describe('the audit of session-token changes', () => {
  let app: TestApp;
  let alice: Awaited<ReturnType<typeof createHost>>;
  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-01T08:00:00Z' });
    alice = await createHost(app, 'alice', { requiresConfirmation: true });
    await createHost(app, 'bob');
  });
  afterAll(() => app.close());

  it('records who, when and what for every change made with a session token, ids only, readable by the owner in pages', async () => {
    const { token } = (await app.api('POST', '/v1/users/alice/session-tokens', {}, { token: alice.apiKey })).body;
    const tokenId = (await app.api('GET', '/v1/users/alice/session-tokens', undefined, { token: alice.apiKey })).body.sessionTokens[0].id;
    const { booking } = await book(app, alice.event, '2026-12-02T10:00:00Z');
    const scheduleId = (await app.api('GET', '/v1/users/alice', undefined, { token })).body.user.defaultScheduleId;

    app.clock.advance(60_000);
    expect((await app.api('PATCH', `/v1/schedules/${scheduleId}`, { weeklyHours: [{ day: 'mon', start: '10:00', end: '16:00' }] }, { token })).status).toBe(200);
    app.clock.advance(60_000);
    const created = await app.api('POST', '/v1/event-types', { slug: 'quick', title: 'Quick chat', durationMinutes: 15 }, { token });
    expect(created.status).toBe(201);
    app.clock.advance(60_000);
    expect((await app.api('POST', `/v1/bookings/${booking.uid}/confirm`, {}, { token })).status).toBe(200);
    // Not recorded: reads, refused requests, and changes made with the API key.
    await app.api('GET', '/v1/schedules', undefined, { token });
    await app.api('PATCH', `/v1/schedules/${scheduleId}`, { name: '' }, { token });
    await app.api('PATCH', `/v1/schedules/${scheduleId}`, { name: 'By key' }, { token: alice.apiKey });

    const audit = await app.api('GET', '/v1/users/alice/audit', undefined, { token: alice.apiKey });
    expect(audit.status).toBe(200);
    expect(audit.body.entries.map(({ id: _id, ...entry }: { id: number }) => entry)).toEqual([
      { at: '2026-12-01T08:03:00.000Z', actor: { username: 'alice', via: 'session_token', credentialId: tokenId }, action: 'POST /v1/bookings/:uid/confirm', resource: { type: 'booking', id: booking.uid }, status: 200 },
      { at: '2026-12-01T08:02:00.000Z', actor: { username: 'alice', via: 'session_token', credentialId: tokenId }, action: 'POST /v1/event-types', resource: { type: 'eventType', id: String(created.body.eventType.id) }, status: 201 },
      { at: '2026-12-01T08:01:00.000Z', actor: { username: 'alice', via: 'session_token', credentialId: tokenId }, action: 'PATCH /v1/schedules/:id', resource: { type: 'schedule', id: String(scheduleId) }, status: 200 },
    ]);
    expect(JSON.stringify(audit.body)).not.toMatch(/10:00|Quick chat|dana/i);

    const first = await app.api('GET', '/v1/users/alice/audit?limit=2', undefined, { token });
    expect(first.body.entries).toHaveLength(2);
    const rest = await app.api('GET', `/v1/users/alice/audit?limit=2&cursor=${first.body.nextCursor}`, undefined, { token });
    expect(rest.body.entries.map((e: { action: string }) => e.action)).toEqual(['PATCH /v1/schedules/:id']);
    expect(rest.body.nextCursor).toBeNull();
    expect((await app.api('GET', '/v1/users/alice/audit?cursor=nonsense', undefined, { token })).status).toBe(400);
    expect((await app.api('GET', '/v1/users/bob/audit', undefined, { token })).status).toBe(403);
  });

  it('records a deletion by the id in its path', async () => {
    const { token } = (await app.api('POST', '/v1/users/alice/session-tokens', {}, { token: alice.apiKey })).body;
    const created = await app.api('POST', '/v1/event-types', { slug: 'gone', title: 'Gone', durationMinutes: 15 }, { token: alice.apiKey });
    expect((await app.api('DELETE', `/v1/event-types/${created.body.eventType.id}`, undefined, { token })).status).toBe(204);
    const [latest] = (await app.api('GET', '/v1/users/alice/audit?limit=1', undefined, { token: alice.apiKey })).body.entries;
    expect(latest).toMatchObject({ action: 'DELETE /v1/event-types/:id', resource: { type: 'eventType', id: String(created.body.eventType.id) }, status: 204 });
  });
});
