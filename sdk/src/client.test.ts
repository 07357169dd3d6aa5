import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createClient, type OpenSlotClient } from './client.js';
import { BASE_URL, server, useTestServer } from './test-server.js';

useTestServer();

const client = createClient({ baseUrl: BASE_URL, apiKey: 'osk_test' });

interface Seen {
  method: string;
  path: string;
  search: string;
  body: unknown;
}

/** Records the one request a call makes. */
async function requestOf(call: (client: OpenSlotClient) => Promise<unknown>): Promise<Seen> {
  let seen: Seen | undefined;
  server.use(
    http.all(`${BASE_URL}/*`, async ({ request }) => {
      const url = new URL(request.url);
      const text = await request.text();
      seen = { method: request.method, path: url.pathname, search: url.search, body: text ? JSON.parse(text) : undefined };
      return request.method === 'DELETE' ? new HttpResponse(null, { status: 204 }) : HttpResponse.json({});
    }),
  );
  await call(client);
  return seen!;
}

describe('resources', () => {
  it.each<[string, (c: OpenSlotClient) => Promise<unknown>, string, string, unknown?]>([
    ['eventTypes.getPublic', (c) => c.eventTypes.getPublic('alice+bob/intro'), 'GET', '/v1/event-types/alice%2Bbob/intro'],
    ['eventTypes.create', (c) => c.eventTypes.create({ owner: 'alice', slug: 'x', title: 'X', durationMinutes: 15 }), 'POST', '/v1/event-types', { owner: 'alice', slug: 'x', title: 'X', durationMinutes: 15 }],
    ['eventTypes.get', (c) => c.eventTypes.get(7), 'GET', '/v1/event-types/7'],
    ['eventTypes.update', (c) => c.eventTypes.update(7, { title: 'Y' }), 'PATCH', '/v1/event-types/7', { title: 'Y' }],
    ['eventTypes.delete', (c) => c.eventTypes.delete(7), 'DELETE', '/v1/event-types/7'],
    ['eventTypes.list', (c) => c.eventTypes.list(), 'GET', '/v1/event-types'],
    ['bookings.get', (c) => c.bookings.get('bk/1'), 'GET', '/v1/bookings/bk%2F1'],
    ['bookings.cancel', (c) => c.bookings.cancel('bk1', { reason: 'ill' }), 'POST', '/v1/bookings/bk1/cancel', { reason: 'ill' }],
    ['bookings.reschedule', (c) => c.bookings.reschedule('bk1', { start: '2026-12-02T09:00:00Z' }), 'POST', '/v1/bookings/bk1/reschedule', { start: '2026-12-02T09:00:00Z' }],
    ['bookings.list', (c) => c.bookings.list({ status: 'pending' }), 'GET', '/v1/bookings'],
    ['bookings.confirm', (c) => c.bookings.confirm('bk1'), 'POST', '/v1/bookings/bk1/confirm', {}],
    ['bookings.reject', (c) => c.bookings.reject('bk1', { reason: 'busy' }), 'POST', '/v1/bookings/bk1/reject', { reason: 'busy' }],
    ['bookings.refund', (c) => c.bookings.refund('bk1', { amount: 1500 }), 'POST', '/v1/bookings/bk1/refund', { amount: 1500 }],
    ['bookings.refund (all)', (c) => c.bookings.refund('bk1'), 'POST', '/v1/bookings/bk1/refund', {}],
    ['users.connectStripe', (c) => c.users.connectStripe('alice'), 'POST', '/v1/users/alice/stripe/connect', {}],
    ['teams.connectStripe', (c) => c.teams.connectStripe('acme'), 'POST', '/v1/teams/acme/stripe/connect', {}],
    ['users.create', (c) => c.users.create({ username: 'bob', name: 'Bob', email: 'b@example.com' }), 'POST', '/v1/users', { username: 'bob', name: 'Bob', email: 'b@example.com' }],
    ['users.get', (c) => c.users.get('bob'), 'GET', '/v1/users/bob'],
    ['users.update', (c) => c.users.update('bob', { defaultScheduleId: 3 }), 'PATCH', '/v1/users/bob', { defaultScheduleId: 3 }],
    ['users.createApiKey', (c) => c.users.createApiKey('bob'), 'POST', '/v1/users/bob/api-keys', {}],
    ['sessionTokens.create', (c) => c.sessionTokens.create({ username: 'bob', expiresInMinutes: 30 }), 'POST', '/v1/users/bob/session-tokens', { expiresInMinutes: 30 }],
    ['sessionTokens.refresh', (c) => c.sessionTokens.refresh({ username: 'bob' }), 'POST', '/v1/users/bob/session-tokens/refresh', {}],
    ['sessionTokens.list', (c) => c.sessionTokens.list({ username: 'bob' }), 'GET', '/v1/users/bob/session-tokens'],
    ['sessionTokens.revoke', (c) => c.sessionTokens.revoke({ username: 'bob', id: 'current' }), 'DELETE', '/v1/users/bob/session-tokens/current'],
    ['audit.list', (c) => c.audit.list({ username: 'bob', limit: 10 }), 'GET', '/v1/users/bob/audit'],
    ['teams.create', (c) => c.teams.create({ slug: 'acme', name: 'Acme' }), 'POST', '/v1/teams', { slug: 'acme', name: 'Acme' }],
    ['teams.get', (c) => c.teams.get('acme'), 'GET', '/v1/teams/acme'],
    ['teams.update', (c) => c.teams.update('acme', { name: 'Acme Inc' }), 'PATCH', '/v1/teams/acme', { name: 'Acme Inc' }],
    ['teams.list', (c) => c.teams.list(), 'GET', '/v1/teams'],
    ['schedules.create', (c) => c.schedules.create({ name: 'Work' }), 'POST', '/v1/schedules', { name: 'Work' }],
    ['schedules.get', (c) => c.schedules.get(3), 'GET', '/v1/schedules/3'],
    ['schedules.update', (c) => c.schedules.update(3, { timeZone: 'UTC' }), 'PATCH', '/v1/schedules/3', { timeZone: 'UTC' }],
    ['schedules.list', (c) => c.schedules.list(), 'GET', '/v1/schedules'],
    ['webhooks.create', (c) => c.webhooks.create({ url: 'https://example.com/h', events: ['BOOKING_CREATED'] }), 'POST', '/v1/webhooks', { url: 'https://example.com/h', events: ['BOOKING_CREATED'] }],
    ['webhooks.list', (c) => c.webhooks.list(), 'GET', '/v1/webhooks'],
    ['webhooks.get', (c) => c.webhooks.get('wh1'), 'GET', '/v1/webhooks/wh1'],
    ['webhooks.delete', (c) => c.webhooks.delete('wh1'), 'DELETE', '/v1/webhooks/wh1'],
    ['webhooks.rotateSecret', (c) => c.webhooks.rotateSecret('wh1'), 'POST', '/v1/webhooks/wh1/rotate-secret', {}],
    ['webhooks.update', (c) => c.webhooks.update('wh1', { enabled: true }), 'PATCH', '/v1/webhooks/wh1', { enabled: true }],
    ['webhooks.test', (c) => c.webhooks.test('wh1'), 'POST', '/v1/webhooks/wh1/test', {}],
    ['webhooks.deliveries', (c) => c.webhooks.deliveries('wh1'), 'GET', '/v1/webhooks/wh1/deliveries'],
    ['slots.list (dynamic group)', (c) => c.slots.list({ event: 'alice+bob/intro', start: '2026-12-01', end: '2026-12-31', timeZone: 'UTC' }), 'GET', '/v1/slots'],
    ['meta.health', (c) => c.meta.health(), 'GET', '/health'],
    ['meta.openapi', (c) => c.meta.openapi(), 'GET', '/v1/openapi.json'],
    ['webhooks.retry', (c) => c.webhooks.retry('wh1', 'dl1'), 'POST', '/v1/webhooks/wh1/deliveries/dl1/retry', {}],
    ['calendars.create', (c) => c.calendars.create('alice', { type: 'ics', url: 'https://example.com/a.ics' }), 'POST', '/v1/users/alice/calendars', { type: 'ics', url: 'https://example.com/a.ics' }],
    ['calendars.list', (c) => c.calendars.list('alice'), 'GET', '/v1/users/alice/calendars'],
    ['calendars.get', (c) => c.calendars.get('alice', '7'), 'GET', '/v1/users/alice/calendars/7'],
    ['calendars.update', (c) => c.calendars.update('alice', '7', { onError: 'ignore' }), 'PATCH', '/v1/users/alice/calendars/7', { onError: 'ignore' }],
    ['calendars.delete', (c) => c.calendars.delete('alice', '7'), 'DELETE', '/v1/users/alice/calendars/7'],
    ['calendars.connectGoogle', (c) => c.calendars.connectGoogle('alice'), 'POST', '/v1/users/alice/calendars/google/connect', {}],
    ['calendars.connectMicrosoft', (c) => c.calendars.connectMicrosoft('alice', { returnTo: 'https://example.com/back' }), 'POST', '/v1/users/alice/calendars/microsoft/connect', { returnTo: 'https://example.com/back' }],
  ])('%s → %s %s', async (_name, call, method, path, body) => {
    const seen = await requestOf(call);

    expect({ method: seen.method, path: seen.path }).toEqual({ method, path });
    expect(seen.body).toEqual(body);
  });

  it('filters webhooks by owner', async () => {
    const seen = await requestOf((c) => c.webhooks.list({ owner: 'acme' }));

    expect(seen.search).toBe('?owner=acme');
  });

  it('keeps a dynamic group’s "+" in the slots query', async () => {
    const seen = await requestOf((c) => c.slots.list({ event: 'alice+bob/intro', start: '2026-12-01', end: '2026-12-31', timeZone: 'Europe/Berlin' }));

    expect(new URLSearchParams(seen.search).get('event')).toBe('alice+bob/intro');
    expect(seen.search).toContain('event=alice%2Bbob%2Fintro');
  });

  it('keeps a dynamic group’s "+" in the bookings filter', async () => {
    const seen = await requestOf((c) => c.bookings.list({ event: 'alice+bob/intro' }));

    expect(seen.search).toBe('?event=alice%2Bbob%2Fintro');
  });

  it('types a recurring series: every occurrence in `bookings`, one manage token', async () => {
    const booking = (uid: string) => ({ uid, status: 'accepted', start: '2026-12-02T09:00:00Z' });
    server.use(http.post(`${BASE_URL}/v1/bookings`, () => HttpResponse.json({ booking: booking('b1'), manageToken: 'mt', bookings: [booking('b1'), booking('b2')] }, { status: 201 })));

    const result = await client.bookings.create({ event: 'alice/intro', start: '2026-12-02T09:00:00Z', timeZone: 'UTC', attendee: { name: 'A', email: 'a@example.com' }, recurrence: { count: 2 } });

    expect(result.bookings?.map((b) => b.uid)).toEqual(['b1', 'b2']);
    expect(result.manageToken).toBe('mt');
  });

  it('drops undefined query parameters', async () => {
    const seen = await requestOf((c) => c.bookings.list({ status: 'pending', from: undefined }));

    expect(seen.search).toBe('?status=pending');
  });

  it('resolves a 204 to undefined', async () => {
    server.use(http.delete(`${BASE_URL}/v1/webhooks/:id`, () => new HttpResponse(null, { status: 204 })));

    await expect(client.webhooks.delete('wh1')).resolves.toBeUndefined();
  });
});
