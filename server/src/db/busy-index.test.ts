import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBookingsRepo } from '../bookings/bookings.repo.js';
import { dialectOf } from './knex.js';
import { migrations } from './migrations/index.js';
import { createTestDb, type TestDb } from '../test-support/test-db.js';

const source: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name]!,
};

/** The plan of the busy-time query for `userIds`, one line per step, as the database tells it. */
async function planOf(db: Knex, userIds: number[]): Promise<string> {
  const { sql, bindings } = createBookingsRepo(db, { publicUrl: 'http://localhost' }).busyQuery(userIds, 0, 86_400_000).toSQL();
  if (dialectOf(db) === 'sqlite') {
    const rows: Array<{ detail: string }> = await db.raw(`explain query plan ${sql}`, bindings);
    return rows.map((row) => row.detail).join('\n');
  }
  const [rows] = (await db.raw(`explain ${sql}`, bindings)) as [Array<Record<string, unknown>>];
  return rows.map((row) => `${row.table} key=${row.key} ${row.Extra}`).join('\n');
}

describe('migration 065-busy-index', () => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await createTestDb();
  });
  afterAll(() => testDb.destroy());

  it("copies each booking's event type and buffers to its hosts' rows, and back out again", async () => {
    const { db } = testDb;
    await db.migrate.down({ migrationSource: source, name: '065-busy-index' });
    const [userId] = await db('users').insert({ username: 'ana', name: 'Ana', email: 'ana@example.com', time_zone: 'UTC', created_at: 0, updated_at: 0 });
    const [eventTypeId] = await db('event_types').insert({ user_id: userId, slug: 'intro', title: 'Intro', description: '', duration_minutes: 30, booking_window: '{}', location: '{}', booking_fields: '[]', allowed_origins: '[]', created_at: 0, updated_at: 0 });
    const [bookingId] = await db('bookings').insert({
      uid: 'b1', event_type_id: eventTypeId, status: 'accepted', title: 'Intro', start_ms: 3_600_000, end_ms: 5_400_000, before_buffer_minutes: 5, after_buffer_minutes: 10,
      time_zone: 'UTC', attendee_name: 'B', attendee_email: 'b@example.com', attendee_time_zone: 'UTC', guests: '[]', responses: '{}', metadata: '{}', location_type: 'jitsi', manage_key: 'b1', created_at: 0, updated_at: 0,
    });
    await db('booking_hosts').insert({ booking_id: bookingId, user_id: userId, start_ms: 3_600_000, end_ms: 5_400_000, holds: true });

    await db.migrate.latest({ migrationSource: source });
    expect(await db('booking_hosts').first('event_type_id', 'before_buffer_minutes', 'after_buffer_minutes')).toEqual({ event_type_id: eventTypeId, before_buffer_minutes: 5, after_buffer_minutes: 10 });
    const busy = await createBookingsRepo(db, { publicUrl: 'http://localhost' }).busyForHosts([Number(userId)], 0, 86_400_000);
    expect(busy).toEqual([{ userId, start: 3_600_000, end: 5_400_000, eventTypeId, beforeBufferMinutes: 5, afterBufferMinutes: 10, attendees: 1, bookingId }]);

    await db.migrate.down({ migrationSource: source, name: '065-busy-index' });
    expect(await db.schema.hasColumn('booking_hosts', 'event_type_id')).toBe(false);
    expect(await db('booking_hosts').count({ n: '*' })).toEqual([{ n: 1 }]);
    await db.migrate.latest({ migrationSource: source });
  });

  it('reads busy time from the booking_hosts_busy index alone, without visiting bookings', async () => {
    const plan = await planOf(testDb.db, [1, 2, 3]);
    expect(plan).toMatch(/booking_hosts_busy/);
    expect(plan).not.toMatch(/\bbookings\b/);
    if (dialectOf(testDb.db) === 'sqlite') expect(plan).toMatch(/COVERING INDEX booking_hosts_busy/);
    else expect(plan).toMatch(/Using index/);
  });
});
