import type { Knex } from 'knex';

/**
 * External calendars. A connection is one account of a host at one provider (an ICS feed, a CalDAV
 * server, Google, Microsoft) with its credentials sealed (AES-256-GCM, key in app_secrets); it
 * lists the account's calendars, each chosen as busy or not, one of them the destination of new
 * bookings. `booking_calendar_events` remembers what write-back put where, by the booking's
 * iCalendar UID (shared by a booking and the bookings it was rescheduled into). `users.busy_calendars`
 * counts a host's busy calendars, so availability for a host without any costs no extra query.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('users', (t) => {
    t.integer('busy_calendars').notNullable().defaultTo(0);
  });

  await db.schema.createTable('calendar_connections', (t) => {
    t.increments('id');
    t.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE');
    t.string('type', 16).notNullable();
    // What the host sees to tell connections apart: a host name, an account's email. Never a secret.
    t.string('label', 320).notNullable();
    // JSON of the URL, username, password or OAuth tokens, sealed.
    t.text('credentials').notNullable();
    t.string('status', 16).notNullable().defaultTo('ok');
    t.string('status_reason', 500).nullable();
    // `block`: a booking fails closed when this connection cannot be read; `ignore`: it goes ahead.
    t.string('on_error', 8).notNullable().defaultTo('block');
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.index(['user_id']);
  });

  await db.schema.createTable('calendar_connection_calendars', (t) => {
    t.increments('id');
    t.integer('connection_id').unsigned().notNullable().references('calendar_connections.id').onDelete('CASCADE');
    // The provider's id: a Google calendar id, a Graph id, a CalDAV collection URL, the feed itself.
    t.string('external_id', 700).notNullable();
    t.string('name', 200).notNullable();
    t.boolean('busy').notNullable().defaultTo(false);
    t.boolean('destination').notNullable().defaultTo(false);
    t.boolean('writable').notNullable().defaultTo(false);
    t.bigInteger('created_at').notNullable();
    t.unique(['connection_id', 'external_id'], { indexName: 'calendar_connection_calendars_unique' });
  });

  await db.schema.createTable('booking_calendar_events', (t) => {
    t.increments('id');
    t.string('ical_uid', 200).notNullable();
    t.integer('calendar_id').unsigned().notNullable().references('calendar_connection_calendars.id').onDelete('CASCADE');
    // The provider's id of the event (Google id, Graph id, CalDAV resource URL) and its ETag.
    t.string('external_id', 1000).notNullable();
    t.string('etag', 200).nullable();
    t.bigInteger('updated_at').notNullable();
    t.unique(['ical_uid', 'calendar_id'], { indexName: 'booking_calendar_events_unique' });
  });

  // OAuth consent in flight: the state sent to the provider, its PKCE verifier (sealed), whose it is.
  await db.schema.createTable('calendar_oauth_states', (t) => {
    t.string('state', 64).primary();
    t.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE');
    t.string('provider', 16).notNullable();
    t.string('verifier', 300).notNullable();
    t.string('return_to', 2000).nullable();
    t.bigInteger('expires_at').notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('calendar_oauth_states');
  await db.schema.dropTable('booking_calendar_events');
  await db.schema.dropTable('calendar_connection_calendars');
  await db.schema.dropTable('calendar_connections');
  await db.schema.alterTable('users', (t) => {
    t.dropColumn('busy_calendars');
  });
}
