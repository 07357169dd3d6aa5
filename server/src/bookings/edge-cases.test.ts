import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { book, bookingBody, createHost } from '../test-support/bookings.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

describe('a meeting that has begun, and an event type deleted while it is booked', () => {
  let app: TestApp;
  let host: Awaited<ReturnType<typeof createHost>>;
  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-01T08:00:00Z' });
    host = await createHost(app, 'sol');
  });
  afterAll(() => app.close());

  it('once it has begun, only the host can cancel it: the booker’s token gets 403 meeting_started', async () => {
    const { booking, manageToken } = await book(app, host.event, '2026-12-02T10:00:00Z');
    const { booking: later, manageToken: laterToken } = await book(app, host.event, '2026-12-03T10:00:00Z');
    app.clock.set('2026-12-02T10:05:00Z');

    const byBooker = await app.api('POST', `/v1/bookings/${booking.uid}/cancel`, { reason: 'forgot' }, { token: manageToken });
    expect(byBooker.status).toBe(403);
    expect(byBooker.body.error.code).toBe('meeting_started');
    expect((await app.api('GET', `/v1/bookings/${booking.uid}`)).body.booking.status).toBe('accepted');
    // The manage page offers no cancel form any more, and its form's POST is refused as a page.
    expect(await (await fetch(`${app.url}/manage/bookings/${booking.uid}?token=${encodeURIComponent(manageToken)}`)).text()).not.toContain('Cancel booking');
    const form = await fetch(`${app.url}/manage/bookings/${booking.uid}/cancel`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: manageToken }) });
    expect(form.status).toBe(403);

    expect((await app.api('POST', `/v1/bookings/${later.uid}/cancel`, {}, { token: laterToken })).status).toBe(200); // not begun yet
    const byHost = await app.api('POST', `/v1/bookings/${booking.uid}/cancel`, { reason: 'no-show' }, { token: host.apiKey });
    expect(byHost.status).toBe(200);
    expect(byHost.body.booking).toMatchObject({ status: 'cancelled', cancellationReason: 'no-show' });
    app.clock.set('2026-12-01T08:00:00Z');
  });

  it('deleting an event type while bookings come in: each booking is made (then 409) or finds it gone (404), never a 500', async () => {
    for (let round = 0; round < 4; round++) {
      const created = await app.api('POST', '/v1/event-types', { owner: 'sol', slug: `race${round}`, title: 'Race', durationMinutes: 30 });
      expect(created.status).toBe(201);
      const bookings = Array.from({ length: 4 }, (_, k) =>
        app.api('POST', '/v1/bookings', bookingBody(`sol/race${round}`, `2026-12-0${7 + (round % 2)}T${String(9 + k).padStart(2, '0')}:${round < 2 ? '00' : '30'}:00Z`), { token: null }),
      );
      const deleted = app.api('DELETE', `/v1/event-types/${created.body.eventType.id}`);
      const [gone, ...made] = await Promise.all([deleted, ...bookings]);
      const statuses = made.map((res) => res.status);
      expect(statuses.every((status) => status === 201 || status === 404), JSON.stringify(made.map((res) => res.body))).toBe(true);
      if (gone.status === 204) expect(statuses).not.toContain(201);
      else {
        expect(gone.status).toBe(409);
        expect(gone.body.error.code).toBe('has_bookings');
        expect(statuses).toContain(201);
      }
      const listed = await app.api('GET', `/v1/bookings?event=sol/race${round}`);
      expect(listed.body.bookings).toHaveLength(statuses.filter((status) => status === 201).length);
    }
  });
});
