import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as wire from '@openslot/sdk/schemas';
import { BOOKING_TITLE_MAX, LIMITS } from '@openslot/sdk/schemas';
import { bookingTitle } from '../bookings/booking-title.js';
import { maximalInput } from '../test-support/maximal-input.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

const WIDE = (n: number) => '€'.repeat(n);
const ZONE = 'America/Argentina/ComodRivadavia'; // UTC−3 all year: 09:00–17:00 there is 12:00–20:00 UTC
const handleOf = (letter: string) => letter.repeat(LIMITS.handle);

// Every input at its documented maxima, written through the API (on MySQL when DATABASE_URL says
// so) and read back whole: the columns hold what the schemas let in, and nothing is a 500.
describe('inputs at their maxima', () => {
  let app: TestApp;
  const hosts = ['a', 'b', 'c'].map(handleOf);
  const team = handleOf('t');
  const slug = handleOf('s');
  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-01T08:00:00Z' });
  });
  afterAll(() => app.close());

  it('the longest booking title fits its column', () => {
    const names = Array.from({ length: 500 }, () => WIDE(LIMITS.name));
    for (const count of [1, 2, 3, 4, 500]) expect(bookingTitle(WIDE(LIMITS.title), names.slice(0, count), WIDE(LIMITS.name)).length).toBeLessThanOrEqual(BOOKING_TITLE_MAX);
  });

  it('users, a team and a schedule', async () => {
    for (const username of hosts) {
      const input = maximalInput(wire.createUserInput, { username, timeZone: ZONE });
      const res = await app.api('POST', '/v1/users', input);
      expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(201);
      expect(res.body.user).toMatchObject(input);
    }
    const key = await app.api('POST', `/v1/users/${hosts[0]}/api-keys`, maximalInput(wire.createApiKeyInput, { scopes: ['read', 'bookings'], expiresAt: '2027-12-01T08:00:00Z' }));
    expect(key.status, JSON.stringify(key.body).slice(0, 300)).toBe(201);
    expect(key.body.apiKey).toMatchObject({ name: WIDE(LIMITS.apiKeyName), scopes: ['bookings', 'read'] });
    const members = hosts.map((username) => ({ username, role: 'member' }));
    const created = await app.api('POST', '/v1/teams', maximalInput(wire.createTeamInput, { slug: team, members }));
    expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(201);
    expect((await app.api('PATCH', `/v1/teams/${team}`, maximalInput(wire.updateTeamInput, { members }))).body.team.name).toBe(WIDE(LIMITS.name));

    const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
    const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;
    const weeklyHours = days.flatMap((day) => Array.from({ length: 24 }, (_, h) => ({ day, start: hour(h), end: h === 23 ? '24:00' : hour(h + 1) })));
    const ranges = Array.from({ length: LIMITS.rangesPerDay }, (_, h) => ({ start: hour(h), end: h === 23 ? '24:00' : hour(h + 1) }));
    const overrides = Array.from({ length: LIMITS.overrides }, (_, k) => ({ date: new Date(Date.UTC(2030, 0, 1 + k)).toISOString().slice(0, 10), ranges }));
    const schedule = maximalInput(wire.createScheduleInput, { owner: hosts[0], timeZone: ZONE, weeklyHours, overrides });
    const res = await app.api('POST', '/v1/schedules', schedule);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(201);
    expect((await app.api('GET', `/v1/schedules/${res.body.schedule.id}`)).body.schedule).toMatchObject(schedule);
    const patched = await app.api('PATCH', `/v1/users/${hosts[0]}`, maximalInput(wire.updateUserInput, { timeZone: ZONE, defaultScheduleId: res.body.schedule.id }));
    expect(patched.status, JSON.stringify(patched.body).slice(0, 300)).toBe(200);
  });

  it('an event type, a webhook, and a 52-week series of bookings with every answer and metadata at its maximum', async () => {
    const given = {
      owner: team,
      slug,
      durationMinutes: 30,
      slotIntervalMinutes: null,
      minimumNoticeMinutes: 0,
      bookingWindow: { type: 'unlimited' },
      scheduleId: null,
      seats: null,
      schedulingType: 'collective',
      hosts: hosts.map((username) => ({ username, weight: 1000, priority: 4, fixed: false })),
      recurring: { freq: 'weekly', interval: 1, maxCount: LIMITS.occurrences },
      price: null,
      allowGuests: true,
      location: { type: 'link', url: `https://meet.example.com/${'a'.repeat(LIMITS.url - 25)}` },
      // The longest origin: DNS-sized labels up to the limit.
      'allowedOrigins.*': `https://${`${'a'.repeat(59)}.`.repeat(4)}${'a'.repeat(LIMITS.origin - 8 - 240 - 12)}.example.com`,
    };
    const eventType = maximalInput(wire.createEventTypeInput, given);
    eventType.bookingFields = eventType.bookingFields.map((field: object, k: number) => ({ ...field, type: 'textarea', name: `q${String(k).padStart(LIMITS.bookingFieldName - 1, '0')}` }));
    const created = await app.api('POST', '/v1/event-types', eventType);
    expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(201);
    const { owner: _owner, ...settings } = eventType;
    expect(created.body.eventType).toMatchObject(settings);
    const patch = await app.api('PATCH', `/v1/event-types/${created.body.eventType.id}`, maximalInput(wire.updateEventTypeInput, { ...given, owner: undefined, bookingFields: eventType.bookingFields }));
    expect(patch.status, JSON.stringify(patch.body).slice(0, 300)).toBe(200);

    const webhook = await app.api('POST', '/v1/webhooks', maximalInput(wire.createWebhookInput, { owner: team, url: `http://127.0.0.1:9/${'a'.repeat(LIMITS.url - 19)}`, eventType: `${team}/${slug}` }));
    expect(webhook.status, JSON.stringify(webhook.body).slice(0, 300)).toBe(201);

    const responses = Object.fromEntries(eventType.bookingFields.map((field: { name: string }) => [field.name, WIDE(LIMITS.responseText)]));
    const booking = maximalInput(wire.createBookingInput, {
      event: `${team}/${slug}`,
      start: '2026-12-07T13:00:00Z',
      timeZone: ZONE,
      'attendee.timeZone': ZONE,
      responses,
      recurrence: { count: LIMITS.occurrences },
    });
    const res = await app.api('POST', '/v1/bookings', booking, { token: null, headers: { 'idempotency-key': 'k'.repeat(200) } });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(201);
    expect(res.body.bookings).toHaveLength(LIMITS.occurrences);
    const stored = (await app.api('GET', `/v1/bookings/${res.body.booking.uid}`)).body.booking;
    expect(stored).toMatchObject({ attendee: booking.attendee, guests: booking.guests, responses, metadata: booking.metadata });
    expect(stored.title).toBe(`${eventType.title} — ${WIDE(LIMITS.name)}, ${WIDE(LIMITS.name)}, ${WIDE(LIMITS.name)} and ${WIDE(LIMITS.name)}`);

    const [, second, third] = res.body.bookings;
    const reason = WIDE(LIMITS.reason);
    const moved = await app.api('POST', `/v1/bookings/${second.uid}/reschedule`, { start: '2026-12-15T13:00:00Z', reason }, { token: res.body.manageToken });
    expect(moved.status, JSON.stringify(moved.body).slice(0, 300)).toBe(201);
    expect((await app.api('POST', `/v1/bookings/${third.uid}/reject`, { reason })).body.booking.rejectionReason).toBe(reason);
    const cancelled = await app.api('POST', `/v1/bookings/${res.body.booking.uid}/cancel`, { reason, allRemaining: true }, { token: res.body.manageToken });
    expect(cancelled.status, JSON.stringify(cancelled.body).slice(0, 300)).toBe(200);
    expect(cancelled.body.booking.cancellationReason).toBe(reason);
  });
});
