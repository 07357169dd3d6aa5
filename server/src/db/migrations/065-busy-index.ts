import type { Knex } from 'knex';

/**
 * The busy-time query of slots and of every booking check reads `booking_hosts` alone: each row
 * carries its booking's event type and buffers (fixed for a booking's life; a reschedule is a new
 * booking), and one index holds every column the query returns, so a 200-host team's month is an
 * index range per host with no look-up into `bookings`. A second index serves round robin's
 * statistics, which need only the bookings of one event type.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('booking_hosts', (t) => {
    t.integer('event_type_id').unsigned().nullable();
    t.integer('before_buffer_minutes').notNullable().defaultTo(0);
    t.integer('after_buffer_minutes').notNullable().defaultTo(0);
  });
  const booking = (column: string) => db('bookings').select(column).where('bookings.id', db.ref('booking_hosts.booking_id'));
  await db('booking_hosts').update({
    event_type_id: booking('event_type_id'),
    before_buffer_minutes: booking('before_buffer_minutes'),
    after_buffer_minutes: booking('after_buffer_minutes'),
  });
  await db.schema.alterTable('booking_hosts', (t) => {
    t.index(['user_id', 'holds', 'start_ms', 'end_ms', 'event_type_id', 'before_buffer_minutes', 'after_buffer_minutes', 'booking_id'], 'booking_hosts_busy');
    t.index(['event_type_id', 'holds', 'user_id'], 'booking_hosts_round_robin');
  });
  // The busy index begins with the old one's columns, which it replaces (one index less per insert).
  await db.schema.alterTable('booking_hosts', (t) => {
    t.dropIndex(['user_id', 'holds', 'start_ms']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('booking_hosts', (t) => {
    t.index(['user_id', 'holds', 'start_ms']);
  });
  await db.schema.alterTable('booking_hosts', (t) => {
    t.dropIndex([], 'booking_hosts_busy');
    t.dropIndex([], 'booking_hosts_round_robin');
  });
  await db.schema.alterTable('booking_hosts', (t) => {
    t.dropColumn('event_type_id');
    t.dropColumn('before_buffer_minutes');
    t.dropColumn('after_buffer_minutes');
  });
}
