import type { Knex } from 'knex';

/**
 * `event_types.allow_guests`: bookings may name guests (who get its emails) only where the host
 * turned it on; existing event types start with it off, like new ones.
 *
 * `mail_recipient_days`: how many messages one address (as a SHA-256 of its lowercased form,
 * never the address) was sent on one UTC day, for `MAIL_DAILY_LIMIT_PER_RECIPIENT`. One row per
 * address: a new day overwrites the old count.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('event_types', (t) => {
    t.boolean('allow_guests').notNullable().defaultTo(false);
  });
  await db.schema.createTable('mail_recipient_days', (t) => {
    t.string('address_hash', 64).primary();
    t.string('utc_day', 10).notNullable();
    t.integer('sent').notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('mail_recipient_days');
  await db.schema.alterTable('event_types', (t) => {
    t.dropColumn('allow_guests');
  });
}
