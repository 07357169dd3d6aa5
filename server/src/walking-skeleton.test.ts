import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './test-support/test-app.js';

// The foundation's promise, through the HTTP API alone: a host, a 30-minute event, 16 slots on a
// weekday, one booking, a 409 for the same slot, 15 slots after, and a booking only its token reads.
describe('walking skeleton: host → event type → slots → booking', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-01T08:00:00Z' });
  });
  afterAll(() => app.close());

  const DAY = '2026-12-02'; // a Wednesday
  const slotsOfDay = async () => {
    const res = await app.api('GET', `/v1/slots?event=carol/intro&start=${DAY}&end=${DAY}&timeZone=Europe/Berlin`, undefined, { token: null });
    expect(res.status).toBe(200);
    return res.body.slots[DAY] as Array<{ start: string; end: string }>;
  };
  const booking = (start: string) => ({
    event: 'carol/intro',
    start,
    timeZone: 'Europe/Berlin',
    attendee: { name: 'Dana Booker', email: 'dana@example.com' },
  });

  it('creates a host whose default schedule is Mon–Fri 09:00–17:00 in their zone', async () => {
    const created = await app.api('POST', '/v1/users', { username: 'carol', name: 'Carol Host', email: 'carol@example.com', timeZone: 'Europe/Berlin' });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ username: 'carol', timeZone: 'Europe/Berlin' });
    const schedule = await app.api('GET', `/v1/schedules/${created.body.user.defaultScheduleId}`);
    expect(schedule.body.schedule.weeklyHours).toEqual(
      ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day, start: '09:00', end: '17:00' })),
    );
    const eventType = await app.api('POST', '/v1/event-types', { owner: 'carol', slug: 'intro', title: 'Intro', durationMinutes: 30 });
    expect(eventType.status).toBe(201);
    expect(eventType.body.eventType).toMatchObject({ event: 'carol/intro', durationMinutes: 30, bookingWindow: { type: 'rolling', days: 60 } });
  });

  it('shows the public view of the event type without auth', async () => {
    const res = await app.api('GET', '/v1/event-types/carol/intro', undefined, { token: null });
    expect(res.status).toBe(200);
    expect(res.body.eventType).toMatchObject({ event: 'carol/intro', title: 'Intro', durationMinutes: 30, timeZone: 'Europe/Berlin', locationType: 'jitsi' });
    expect(res.body.eventType).not.toHaveProperty('allowedOrigins');
  });

  it('offers 16 half-hour slots on a weekday, 09:00 to 16:30 Berlin time', async () => {
    const slots = await slotsOfDay();
    expect(slots).toHaveLength(16);
    expect(slots[0]).toEqual({ start: '2026-12-02T08:00:00.000Z', end: '2026-12-02T08:30:00.000Z' });
    expect(slots.at(-1)!.start).toBe('2026-12-02T15:30:00.000Z');
  });

  let uid = '';
  let manageToken = '';
  it('books a slot, refuses the same slot with 409, and then offers 15', async () => {
    const first = await app.api('POST', '/v1/bookings', booking('2026-12-02T10:00:00+01:00'), { token: null });
    expect(first.status).toBe(201);
    expect(first.body.booking).toMatchObject({
      status: 'accepted',
      eventType: 'carol/intro',
      start: '2026-12-02T09:00:00.000Z',
      end: '2026-12-02T09:30:00.000Z',
      attendee: { name: 'Dana Booker', email: 'dana@example.com', timeZone: 'Europe/Berlin' },
      hosts: [{ username: 'carol', name: 'Carol Host', email: 'carol@example.com' }],
    });
    expect(first.body.booking.location.url).toMatch(/^https:\/\/meet\.jit\.si\/\S+/);
    uid = first.body.booking.uid;
    manageToken = first.body.manageToken;

    const second = await app.api('POST', '/v1/bookings', booking('2026-12-02T09:00:00Z'), { token: null });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('slot_unavailable');

    const slots = await slotsOfDay();
    expect(slots).toHaveLength(15);
    expect(slots.map((slot) => slot.start)).not.toContain('2026-12-02T09:00:00.000Z');
  });

  it('shows the booking with its manage token and refuses without one', async () => {
    const withToken = await app.api('GET', `/v1/bookings/${uid}`, undefined, { token: manageToken });
    expect(withToken.status).toBe(200);
    expect(withToken.body.booking.uid).toBe(uid);
    const byQuery = await app.api('GET', `/v1/bookings/${uid}?token=${encodeURIComponent(manageToken)}`, undefined, { token: null });
    expect(byQuery.status).toBe(200);

    const without = await app.api('GET', `/v1/bookings/${uid}`, undefined, { token: null });
    expect(without.status).toBe(401);
    expect(without.body.error.code).toBe('unauthorized');
    const wrong = await app.api('GET', `/v1/bookings/${uid}`, undefined, { token: manageToken.slice(0, -2) + 'xx' });
    expect(wrong.status).toBe(404);
  });

  it('answers malformed JSON with 400 and the error body, never 500', async () => {
    const res = await app.api('POST', '/v1/bookings', '{"event": "carol/intro",', { token: null });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'validation_failed', message: expect.stringMatching(/JSON/) });
  });

  it('reports health with the database state', async () => {
    const res = await app.api('GET', '/health', undefined, { token: null });
    expect(res.body).toEqual({ status: 'ok', db: 'ok' });
  });
});
