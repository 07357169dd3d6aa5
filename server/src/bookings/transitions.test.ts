import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { book, createHost, insertCopy, outboxTypes } from '../test-support/bookings.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

// Every change of SPEC's booking states through the HTTP API: who may make it, what it leaves in
// the database (status, links, invite revision) and which events it writes to the outbox.
describe('booking transitions', () => {
  let app: TestApp;
  let hana: Awaited<ReturnType<typeof createHost>>; // books straight away
  let ivan: Awaited<ReturnType<typeof createHost>>; // requires confirmation
  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-01T08:00:00Z' });
    hana = await createHost(app, 'hana', { slotIntervalMinutes: 15 });
    ivan = await createHost(app, 'ivan', { requiresConfirmation: true, slotIntervalMinutes: 15 });
  });
  afterAll(() => app.close());

  const sequenceOf = async (uid: string) => Number((await app.testDb.db('bookings').where({ uid }).first('ics_sequence')).ics_sequence);
  const statusOf = async (uid: string, token: string | null = null) => (await app.api('GET', `/v1/bookings/${uid}`, undefined, token ? { token } : {})).body.booking.status;

  describe('confirm and reject (requiresConfirmation)', () => {
    it('a request is pending, holds its time, and the host confirms it with their key', async () => {
      const { booking } = await book(app, ivan.event, '2026-12-02T09:00:00Z');
      expect(booking.status).toBe('pending');
      const taken = await app.api('POST', '/v1/bookings', { event: ivan.event, start: '2026-12-02T09:15:00Z', timeZone: 'UTC', attendee: { name: 'Eve', email: 'eve@example.net' } }, { token: null });
      expect(taken.status).toBe(409);

      const res = await app.api('POST', `/v1/bookings/${booking.uid}/confirm`, {}, { token: ivan.apiKey });
      expect(res.status).toBe(200);
      expect(res.body.booking).toMatchObject({ uid: booking.uid, status: 'accepted' });
      expect(await sequenceOf(booking.uid)).toBe(1);
      const events = await outboxTypes(app.testDb.db, booking.uid);
      expect(events.map((e) => e.type)).toEqual(['BOOKING_CREATED', 'BOOKING_REQUESTED', 'BOOKING_CONFIRMED']);
      expect(events[2]!.data).toMatchObject({ confirmedBy: 'host', booking: { uid: booking.uid, status: 'accepted' } });
    });

    it('a manage token can never confirm or reject; no key is 401, another host finds no such booking (404)', async () => {
      const { booking, manageToken } = await book(app, ivan.event, '2026-12-02T10:00:00Z');
      for (const action of ['confirm', 'reject']) {
        const byToken = await app.api('POST', `/v1/bookings/${booking.uid}/${action}`, {}, { token: manageToken });
        expect(byToken.status).toBe(403);
        expect(byToken.body.error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/manage token/) });
        const byQueryToken = await app.api('POST', `/v1/bookings/${booking.uid}/${action}?token=${encodeURIComponent(manageToken)}`, {}, { token: null });
        expect(byQueryToken.status).toBe(403);
        const anonymous = await app.api('POST', `/v1/bookings/${booking.uid}/${action}`, {}, { token: null });
        expect(anonymous.status).toBe(401);
        const otherHost = await app.api('POST', `/v1/bookings/${booking.uid}/${action}`, {}, { token: hana.apiKey });
        expect(otherHost.status).toBe(404);
      }
      expect(await statusOf(booking.uid)).toBe('pending');
      expect((await outboxTypes(app.testDb.db, booking.uid)).map((e) => e.type)).toEqual(['BOOKING_CREATED', 'BOOKING_REQUESTED']);
    });

    it('rejecting frees the time and keeps the reason', async () => {
      const { booking } = await book(app, ivan.event, '2026-12-02T11:00:00Z');
      const res = await app.api('POST', `/v1/bookings/${booking.uid}/reject`, { reason: 'Out of office' }, { token: ivan.apiKey });
      expect(res.status).toBe(200);
      expect(res.body.booking).toMatchObject({ status: 'rejected', rejectionReason: 'Out of office' });
      expect((await outboxTypes(app.testDb.db, booking.uid)).map((e) => e.type)).toEqual(['BOOKING_CREATED', 'BOOKING_REQUESTED', 'BOOKING_REJECTED']);
      expect(await sequenceOf(booking.uid)).toBe(1);
      await book(app, ivan.event, '2026-12-02T11:00:00Z');
    });

    it('refuses decisions on bookings that are not pending with 409 invalid_transition', async () => {
      const { booking } = await book(app, ivan.event, '2026-12-02T12:00:00Z');
      await app.api('POST', `/v1/bookings/${booking.uid}/confirm`, {}, { token: ivan.apiKey });
      const again = await app.api('POST', `/v1/bookings/${booking.uid}/confirm`, {}, { token: ivan.apiKey });
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({ code: 'invalid_transition', message: expect.stringMatching(/is accepted; only pending/), details: { status: 'accepted' } });
      const reject = await app.api('POST', `/v1/bookings/${booking.uid}/reject`, {}, { token: ivan.apiKey });
      expect(reject.status).toBe(409);
      expect(reject.body.error.code).toBe('invalid_transition');

      const { booking: auto } = await book(app, hana.event, '2026-12-02T12:00:00Z');
      const confirmAccepted = await app.api('POST', `/v1/bookings/${auto.uid}/confirm`, {}, { token: hana.apiKey });
      expect(confirmAccepted.status).toBe(409);
    });

    it('leaves a booking awaiting payment to the payment flow, but lets it be cancelled', async () => {
      const { booking, manageToken } = await book(app, ivan.event, '2026-12-02T13:00:00Z');
      await app.testDb.db('bookings').where({ uid: booking.uid }).update({ status: 'awaiting_payment' });
      for (const action of ['confirm', 'reject']) {
        const res = await app.api('POST', `/v1/bookings/${booking.uid}/${action}`, {}, { token: ivan.apiKey });
        expect(res.status).toBe(409);
        expect(res.body.error).toMatchObject({ code: 'invalid_transition', details: { status: 'awaiting_payment' } });
      }
      const move = await app.api('POST', `/v1/bookings/${booking.uid}/reschedule`, { start: '2026-12-02T14:00:00Z' }, { token: manageToken });
      expect(move.status).toBe(409);
      const cancel = await app.api('POST', `/v1/bookings/${booking.uid}/cancel`, {}, { token: manageToken });
      expect(cancel.status).toBe(200);
      expect(cancel.body.booking.status).toBe('cancelled');
    });

    it('refuses to confirm a request that overlaps a booking being paid for or accepted (data from before pending held time)', async () => {
      const { booking } = await book(app, ivan.event, '2026-12-08T09:00:00Z');
      const paying = await insertCopy(app, booking.uid, 15, { status: 'awaiting_payment' });
      const res = await app.api('POST', `/v1/bookings/${booking.uid}/confirm`, {}, { token: ivan.apiKey });
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'slot_unavailable', message: expect.stringMatching(/stays pending/) });
      expect(await statusOf(booking.uid)).toBe('pending');
      await app.api('POST', `/v1/bookings/${paying}/cancel`, {}, { token: ivan.apiKey });
      expect((await app.api('POST', `/v1/bookings/${booking.uid}/confirm`, {}, { token: ivan.apiKey })).status).toBe(200);
    });

    it('answers bad decision bodies with 400 and unknown bookings with 404', async () => {
      const { booking } = await book(app, ivan.event, '2026-12-02T15:00:00Z');
      const bad = await app.api('POST', `/v1/bookings/${booking.uid}/reject`, { reason: 42 }, { token: ivan.apiKey });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'validation_failed', details: { fields: [{ field: 'reason' }] } });
      const unknown = await app.api('POST', '/v1/bookings/nope/confirm', {}, { token: ivan.apiKey });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('not_found');
    });
  });

  describe('cancel', () => {
    it('the booker cancels with the manage token: the time is free again and the event says who', async () => {
      const { booking, manageToken } = await book(app, hana.event, '2026-12-03T09:00:00Z');
      const res = await app.api('POST', `/v1/bookings/${booking.uid}/cancel`, { reason: 'Something came up' }, { token: manageToken });
      expect(res.status).toBe(200);
      expect(res.body.booking).toMatchObject({ status: 'cancelled', cancellationReason: 'Something came up' });
      const events = await outboxTypes(app.testDb.db, booking.uid);
      expect(events.map((e) => e.type)).toEqual(['BOOKING_CREATED', 'BOOKING_CONFIRMED', 'BOOKING_CANCELLED']);
      expect(events[2]!.data).toMatchObject({ cancelledBy: 'booker', booking: { status: 'cancelled' } });
      expect(await sequenceOf(booking.uid)).toBe(1);
      await book(app, hana.event, '2026-12-03T09:00:00Z');

      const again = await app.api('POST', `/v1/bookings/${booking.uid}/cancel`, {}, { token: manageToken });
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({ code: 'invalid_transition', message: expect.stringMatching(/is cancelled/) });
      const move = await app.api('POST', `/v1/bookings/${booking.uid}/reschedule`, { start: '2026-12-03T11:00:00Z' }, { token: manageToken });
      expect(move.status).toBe(409);
      expect(move.body.error.code).toBe('invalid_transition');
    });

    it('the owner cancels with their key; a pending request can be withdrawn by the booker', async () => {
      const { booking } = await book(app, hana.event, '2026-12-03T10:00:00Z');
      const res = await app.api('POST', `/v1/bookings/${booking.uid}/cancel`, {}, { token: hana.apiKey });
      expect(res.status).toBe(200);
      expect((await outboxTypes(app.testDb.db, booking.uid)).at(-1)!.data.cancelledBy).toBe('host');

      const { booking: request, manageToken } = await book(app, ivan.event, '2026-12-03T10:00:00Z');
      const withdrawn = await app.api('POST', `/v1/bookings/${request.uid}/cancel`, {}, { token: manageToken });
      expect(withdrawn.body.booking.status).toBe('cancelled');
    });

    it("a booking's token does nothing to another booking, and another host's key is refused", async () => {
      const a = await book(app, hana.event, '2026-12-03T11:00:00Z');
      const b = await book(app, hana.event, '2026-12-03T12:00:00Z');
      expect((await app.api('GET', `/v1/bookings/${b.booking.uid}`, undefined, { token: a.manageToken })).status).toBe(404);
      const cancel = await app.api('POST', `/v1/bookings/${b.booking.uid}/cancel`, {}, { token: a.manageToken });
      expect(cancel.status).toBe(404);
      expect(cancel.body.error.code).toBe('not_found');
      const move = await app.api('POST', `/v1/bookings/${b.booking.uid}/reschedule`, { start: '2026-12-03T13:00:00Z' }, { token: a.manageToken });
      expect(move.status).toBe(404);
      const foreign = await app.api('POST', `/v1/bookings/${b.booking.uid}/cancel`, {}, { token: ivan.apiKey });
      expect(foreign.status).toBe(404);
      const none = await app.api('POST', `/v1/bookings/${b.booking.uid}/cancel`, {}, { token: null });
      expect(none.status).toBe(401);
      expect(await statusOf(b.booking.uid)).toBe('accepted');
    });
  });

  it('cancels this and every later occurrence of a series with allRemaining, in one event listing them', async () => {
    const { booking, manageToken } = await book(app, hana.event, '2026-12-09T09:00:00Z');
    const series = 'series-1';
    await app.testDb.db('bookings').where({ uid: booking.uid }).update({ recurring_series_uid: series });
    const [earlier, later1, later2] = await Promise.all(
      [-7 * 24 * 60, 7 * 24 * 60, 14 * 24 * 60].map((minutes) => insertCopy(app, booking.uid, minutes, { status: 'accepted', recurringSeriesUid: series, manageKey: booking.uid })),
    );
    const res = await app.api('POST', `/v1/bookings/${booking.uid}/cancel`, { allRemaining: true, reason: 'Project over' }, { token: manageToken });
    expect(res.status).toBe(200);
    const statuses = Object.fromEntries((await app.testDb.db('bookings').where({ recurring_series_uid: series }).select('uid', 'status')).map((r) => [r.uid, r.status]));
    expect(statuses).toEqual({ [earlier!]: 'accepted', [booking.uid]: 'cancelled', [later1!]: 'cancelled', [later2!]: 'cancelled' });
    // The series is described once (issue 6): one BOOKING_CANCELLED about the first, with data.bookings.
    const event = (await outboxTypes(app.testDb.db, booking.uid)).at(-1)!;
    expect(event.type).toBe('BOOKING_CANCELLED');
    expect(event.data.bookings.map((b: { uid: string; status: string }) => [b.uid, b.status])).toEqual([booking.uid, later1!, later2!].map((uid) => [uid, 'cancelled']));
    for (const uid of [later1!, later2!]) expect(await outboxTypes(app.testDb.db, uid)).toEqual([]);
  });

  describe('reschedule', () => {
    it('moves a booking to an overlapping time: new booking linked to the old, same token, same room, next invite revision', async () => {
      const { booking, manageToken } = await book(app, hana.event, '2026-12-04T10:00:00Z');
      const res = await app.api('POST', `/v1/bookings/${booking.uid}/reschedule`, { start: '2026-12-04T10:15:00Z', reason: 'Later please' }, { token: manageToken });
      expect(res.status).toBe(201);
      const moved = res.body.booking;
      expect(moved).toMatchObject({
        status: 'accepted',
        start: '2026-12-04T10:15:00.000Z',
        end: '2026-12-04T10:45:00.000Z',
        rescheduledFromUid: booking.uid,
        rescheduledToUid: null,
        attendee: booking.attendee,
        location: booking.location,
      });
      expect(moved.uid).not.toBe(booking.uid);

      const old = await app.api('GET', `/v1/bookings/${booking.uid}`, undefined, { token: manageToken });
      expect(old.body.booking).toMatchObject({ status: 'cancelled', rescheduledToUid: moved.uid, cancellationReason: 'Later please' });
      expect((await app.api('GET', `/v1/bookings/${moved.uid}`, undefined, { token: manageToken })).status).toBe(200);

      const rows = await app.testDb.db('bookings').whereIn('uid', [booking.uid, moved.uid]).select('uid', 'ical_uid', 'ics_sequence', 'manage_key');
      const [oldRow, newRow] = [rows.find((r) => r.uid === booking.uid)!, rows.find((r) => r.uid === moved.uid)!];
      expect(newRow.manage_key).toBe(oldRow.manage_key);
      expect(newRow.ical_uid).toBe(`${booking.uid}@openslot`);
      expect(Number(newRow.ics_sequence)).toBe(1);

      expect(await outboxTypes(app.testDb.db, moved.uid)).toEqual([
        { type: 'BOOKING_RESCHEDULED', data: expect.objectContaining({ rescheduledBy: 'booker', booking: expect.objectContaining({ uid: moved.uid }), previousBooking: expect.objectContaining({ uid: booking.uid, status: 'cancelled' }) }) },
      ]);
      // Only the new time is held: 10:00 is free again, 10:30 is not.
      await book(app, hana.event, '2026-12-04T09:30:00Z');
      expect((await app.api('POST', '/v1/bookings', { event: hana.event, start: '2026-12-04T10:30:00Z', timeZone: 'UTC', attendee: { name: 'E', email: 'e@example.net' } }, { token: null })).status).toBe(409);

      // A second move keeps the calendar UID of the first booking and bumps the revision again.
      const again = await app.api('POST', `/v1/bookings/${moved.uid}/reschedule`, { start: '2026-12-04T14:00:00Z' }, { token: hana.apiKey });
      expect(again.status).toBe(201);
      const third = await app.testDb.db('bookings').where({ uid: again.body.booking.uid }).first('ical_uid', 'ics_sequence');
      expect(third.ical_uid).toBe(`${booking.uid}@openslot`);
      expect(Number(third.ics_sequence)).toBe(2);
      expect((await outboxTypes(app.testDb.db, again.body.booking.uid))[0]!.data.rescheduledBy).toBe('host');
    });

    it('refuses a taken or unoffered time with 409 slot_unavailable and leaves the booking as it was', async () => {
      const { booking, manageToken } = await book(app, hana.event, '2026-12-07T09:00:00Z');
      await book(app, hana.event, '2026-12-07T11:00:00Z');
      for (const start of ['2026-12-07T11:15:00Z', '2026-12-05T10:00:00Z' /* Saturday */, '2026-12-07T09:05:00Z' /* off the grid */]) {
        const res = await app.api('POST', `/v1/bookings/${booking.uid}/reschedule`, { start }, { token: manageToken });
        expect(res.status, start).toBe(409);
        expect(res.body.error.code).toBe('slot_unavailable');
      }
      const bad = await app.api('POST', `/v1/bookings/${booking.uid}/reschedule`, { begin: '2026-12-07T10:00:00Z' }, { token: manageToken });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'validation_failed', details: { fields: [{ field: 'begin', message: 'unknown field' }, { field: 'start' }] } });
      expect(await statusOf(booking.uid, manageToken)).toBe('accepted');
      expect((await outboxTypes(app.testDb.db, booking.uid)).map((e) => e.type)).toEqual(['BOOKING_CREATED', 'BOOKING_CONFIRMED']);
    });

    it('a pending request moves as a pending request', async () => {
      const { booking, manageToken } = await book(app, ivan.event, '2026-12-07T09:00:00Z');
      const res = await app.api('POST', `/v1/bookings/${booking.uid}/reschedule`, { start: '2026-12-07T09:30:00Z' }, { token: manageToken });
      expect(res.status).toBe(201);
      expect(res.body.booking.status).toBe('pending');
      const confirmed = await app.api('POST', `/v1/bookings/${res.body.booking.uid}/confirm`, {}, { token: ivan.apiKey });
      expect(confirmed.body.booking.status).toBe('accepted');
    });
  });

  describe('owner list', () => {
    it('filters by status, event and time, in start order, and shows a user only their own bookings', async () => {
      const all = await app.api('GET', '/v1/bookings?from=2026-12-02T00:00:00Z&to=2026-12-08T00:00:00Z');
      expect(all.status).toBe(200);
      const starts = all.body.bookings.map((b: any) => b.start);
      expect(starts).toEqual([...starts].sort());
      expect(new Set(all.body.bookings.map((b: any) => b.eventType))).toEqual(new Set([hana.event, ivan.event]));

      const mine = await app.api('GET', '/v1/bookings', undefined, { token: ivan.apiKey });
      expect(mine.body.bookings.length).toBeGreaterThan(0);
      expect(mine.body.bookings.every((b: any) => b.eventType === ivan.event)).toBe(true);
      const byEvent = await app.api('GET', `/v1/bookings?event=${ivan.event}`);
      expect(byEvent.body.bookings.map((b: any) => b.uid)).toEqual(mine.body.bookings.map((b: any) => b.uid));
      expect((await app.api('GET', '/v1/bookings?event=nobody/meet')).body.bookings).toEqual([]);
      expect((await app.api('GET', '/v1/bookings?event=garbage')).body.bookings).toEqual([]);

      const rejected = await app.api('GET', '/v1/bookings?status=rejected');
      expect(rejected.body.bookings.length).toBeGreaterThan(0);
      expect(rejected.body.bookings.every((b: any) => b.status === 'rejected')).toBe(true);
      const day = await app.api('GET', '/v1/bookings?from=2026-12-03T00:00:00Z&to=2026-12-04T00:00:00Z');
      expect(day.body.bookings.every((b: any) => b.start.startsWith('2026-12-03'))).toBe(true);

      // Pages: `limit` cuts the list; asking again from the last end continues it without gaps.
      const first = await app.api('GET', `/v1/bookings?event=${hana.event}&limit=2`);
      expect(first.body.bookings).toHaveLength(2);
      const full = await app.api('GET', `/v1/bookings?event=${hana.event}`);
      expect(full.body.bookings.slice(0, 2)).toEqual(first.body.bookings);

      expect((await app.api('GET', '/v1/bookings?limit=0')).status).toBe(400);
      expect((await app.api('GET', '/v1/bookings?status=bogus')).body.error.code).toBe('validation_failed');
      expect((await app.api('GET', '/v1/bookings', undefined, { token: null })).status).toBe(401);
    });
  });
});
