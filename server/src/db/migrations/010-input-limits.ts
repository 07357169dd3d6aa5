import type { Knex } from 'knex';
import { dialectOf } from '../knex.js';

/**
 * Columns sized for the input maxima of `@openslot/sdk/schemas` (limits.ts) on MySQL, where an
 * over-long value is an error (SQLite stores any length). A TEXT holds 64 KB; answers, metadata,
 * booking questions and date overrides at their maxima in three-byte characters do not fit, and an
 * outbox event or a stored idempotent answer of a 52-occurrence series carries every booking.
 * MEDIUMTEXT holds 16 MB, as much as MySQL's default packet. The booking title joins the event
 * title, up to three host names and the booker's name (at most 1,029 characters).
 */
const CHANGES: Array<[table: string, column: string, after: string, before: string]> = [
  ['bookings', 'title', 'VARCHAR(1100) NOT NULL', 'VARCHAR(300) NOT NULL'],
  ['bookings', 'responses', 'MEDIUMTEXT NOT NULL', 'TEXT NOT NULL'],
  ['bookings', 'metadata', 'MEDIUMTEXT NOT NULL', 'TEXT NOT NULL'],
  ['event_types', 'booking_fields', 'MEDIUMTEXT NOT NULL', 'TEXT NOT NULL'],
  ['schedules', 'overrides', 'MEDIUMTEXT NOT NULL', 'TEXT NOT NULL'],
  ['outbox_events', 'payload', 'MEDIUMTEXT NOT NULL', 'TEXT NOT NULL'],
  ['idempotency_keys', 'response_body', 'MEDIUMTEXT NULL', 'TEXT NULL'],
];

export async function up(db: Knex): Promise<void> {
  if (dialectOf(db) !== 'mysql') return;
  for (const [table, column, after] of CHANGES) await db.raw(`ALTER TABLE ?? MODIFY ?? ${after}`, [table, column]);
}

export async function down(db: Knex): Promise<void> {
  if (dialectOf(db) !== 'mysql') return;
  for (const [table, column, , before] of CHANGES) await db.raw(`ALTER TABLE ?? MODIFY ?? ${before}`, [table, column]);
}
