import type { Knex } from 'knex';

/**
 * The handle a booking was made with when it is not its event type's owner: a dynamic group's
 * `alice+bob` (at most ten handles of 39 and nine `+`). The booking reports `alice+bob/intro` as
 * its event type, and a reschedule books the same group again. `null`: the owner's own handle.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('bookings', (t) => {
    t.string('group_handle', 400).nullable();
  });
}

export async function down(db: Knex): Promise<void> {
  // A plain DROP COLUMN (SQLite ≥ 3.35, MySQL): knex's dropColumn would rebuild `bookings` on SQLite.
  await db.raw('ALTER TABLE bookings DROP COLUMN group_handle');
}
