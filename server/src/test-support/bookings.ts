import type { Knex } from 'knex';
import { expect } from 'vitest';
import { newUid } from '../bookings/access.js';
import type { TestApp } from './test-app.js';

/** A host in UTC (Mon–Fri 09:00–17:00) with one event type and an API key of their own. */
export async function createHost(
  app: TestApp,
  username: string,
  eventType: Record<string, unknown> = {},
): Promise<{ username: string; event: string; apiKey: string; eventTypeId: number }> {
  const user = await app.api('POST', '/v1/users', { username, name: `${username[0]!.toUpperCase()}${username.slice(1)} Host`, email: `${username}@example.com`, timeZone: 'UTC' });
  expect(user.status).toBe(201);
  const created = await app.api('POST', '/v1/event-types', { owner: username, slug: 'meet', title: 'Meeting', durationMinutes: 30, ...eventType });
  expect(created.status).toBe(201);
  const key = await app.api('POST', `/v1/users/${username}/api-keys`);
  expect(key.status).toBe(201);
  return { username, event: `${username}/meet`, apiKey: key.body.key, eventTypeId: created.body.eventType.id };
}

export function bookingBody(event: string, start: string, overrides: Record<string, unknown> = {}) {
  return { event, start, timeZone: 'Europe/Berlin', attendee: { name: 'Dana Booker', email: 'dana@example.net' }, ...overrides };
}

/** Books and expects a 201; returns the booking and its manage token. */
export async function book(app: TestApp, event: string, start: string, overrides: Record<string, unknown> = {}) {
  const res = await app.api('POST', '/v1/bookings', bookingBody(event, start, overrides), { token: null });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { booking: any; manageToken: string };
}

/** The outbox events about one booking in the order they were recorded (ids sort that way, see outbox.ts). */
export async function outboxTypes(db: Knex, uid: string): Promise<Array<{ type: string; data: any }>> {
  const rows = await db('outbox_events').where({ booking_uid: uid });
  rows.sort((a, b) => Number(a.created_at) - Number(b.created_at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return rows.map((row) => {
    const envelope = JSON.parse(row.payload);
    return { type: row.type, data: envelope.data };
  });
}

/** Holding bookings of a host, from the database itself. */
export async function holdingBookings(db: Knex, username: string) {
  const rows = await db('booking_hosts')
    .join('bookings', 'bookings.id', 'booking_hosts.booking_id')
    .join('users', 'users.id', 'booking_hosts.user_id')
    .where('users.username', username)
    .whereIn('bookings.status', ['pending', 'awaiting_payment', 'accepted'])
    .select('bookings.uid', 'bookings.start_ms', 'bookings.end_ms', 'bookings.before_buffer_minutes', 'bookings.after_buffer_minutes', 'booking_hosts.holds')
    .orderBy('bookings.start_ms');
  for (const row of rows) expect(Boolean(row.holds), `booking_hosts.holds of ${row.uid}`).toBe(true);
  return rows.map((row) => ({
    uid: row.uid as string,
    start: Number(row.start_ms),
    end: Number(row.end_ms),
    before: Number(row.before_buffer_minutes) * 60_000,
    after: Number(row.after_buffer_minutes) * 60_000,
  }));
}

/** Fails when two holding bookings of the host overlap, or one lies in the other's buffer; returns how many hold. */
export async function expectNoOverlap(db: Knex, username: string): Promise<number> {
  const held = await holdingBookings(db, username);
  for (let i = 0; i < held.length; i++) {
    for (let j = i + 1; j < held.length; j++) {
      const [a, b] = [held[i]!, held[j]!];
      // b starts no earlier than a (sorted): it must start after a ends plus the larger buffer between them.
      expect(b.start, `${a.uid} and ${b.uid} overlap`).toBeGreaterThanOrEqual(a.end + Math.max(a.after, b.before));
    }
  }
  return held.length;
}

/**
 * A copy of booking `uid` for the same hosts, `minutesLater`, written straight to the database:
 * data that the API would refuse (an overlap from before "pending holds time", a series occurrence).
 */
export async function insertCopy(app: TestApp, uid: string, minutesLater: number, fields: { status?: 'pending' | 'accepted' | 'awaiting_payment'; recurringSeriesUid?: string | null; manageKey?: string } = {}): Promise<string> {
  const { bookingsRepo } = app.services;
  const a = (await bookingsRepo.findByUid(uid))!;
  const other = newUid();
  const start = Date.parse(a.start) + minutesLater * 60_000;
  await app.testDb.db.transaction((trx) =>
    bookingsRepo.insert(
      {
        ...a,
        uid: other,
        status: fields.status ?? 'pending',
        start,
        end: start + (Date.parse(a.end) - Date.parse(a.start)),
        beforeBufferMinutes: 0,
        afterBufferMinutes: 0,
        manageKey: fields.manageKey ?? other,
        recurringSeriesUid: fields.recurringSeriesUid ?? null,
        rescheduledFromUid: null,
      },
      app.clock.now(),
      trx,
    ),
  );
  return other;
}
