import type { Knex } from 'knex';

/**
 * The calendar identity of a booking. A reschedule makes a new booking (new uid) but must move the
 * event in attendees' calendars, so the new booking keeps the iCalendar UID of the one it replaces.
 * `null` means "this booking's own": `calendarUid(uid)`.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('bookings', (t) => {
    t.string('ical_uid', 100).nullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('bookings', (t) => {
    t.dropColumn('ical_uid');
  });
}
