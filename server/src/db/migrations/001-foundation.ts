import type { Knex } from 'knex';

/** Instants are epoch milliseconds in BIGINT columns: exact, comparable and the same on SQLite and MySQL. */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('users', (t) => {
    t.increments('id');
    t.string('username', 39).notNullable().unique();
    t.string('name', 200).notNullable();
    t.string('email', 320).notNullable();
    t.string('time_zone', 64).notNullable();
    t.boolean('allow_dynamic_group').notNullable().defaultTo(false);
    t.integer('default_schedule_id').unsigned().nullable();
    // Bumped inside every booking transaction: the write takes the host's row lock (MySQL) or the
    // database's write lock (SQLite) before the overlap check, so two bookings cannot interleave.
    t.bigInteger('booking_lock').notNullable().defaultTo(0);
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
  });

  await db.schema.createTable('api_keys', (t) => {
    t.increments('id');
    t.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE');
    t.string('key_hash', 64).notNullable().unique();
    t.string('prefix', 16).notNullable();
    t.bigInteger('created_at').notNullable();
  });

  await db.schema.createTable('schedules', (t) => {
    t.increments('id');
    t.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE');
    t.string('name', 200).notNullable();
    t.string('time_zone', 64).notNullable();
    t.text('weekly_hours').notNullable();
    t.text('overrides').notNullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.index(['user_id']);
  });

  await db.schema.createTable('event_types', (t) => {
    t.increments('id');
    t.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE');
    t.string('slug', 39).notNullable();
    t.string('title', 200).notNullable();
    t.text('description').notNullable();
    t.integer('duration_minutes').notNullable();
    t.integer('slot_interval_minutes').nullable();
    t.integer('minimum_notice_minutes').notNullable().defaultTo(0);
    t.integer('before_buffer_minutes').notNullable().defaultTo(0);
    t.integer('after_buffer_minutes').notNullable().defaultTo(0);
    t.text('booking_window').notNullable();
    t.integer('schedule_id').unsigned().nullable().references('schedules.id').onDelete('SET NULL');
    t.integer('limit_per_day').nullable();
    t.integer('limit_per_week').nullable();
    t.integer('seats').nullable();
    t.boolean('requires_confirmation').notNullable().defaultTo(false);
    t.string('scheduling_type', 16).nullable();
    t.text('recurring').nullable();
    t.text('price').nullable();
    t.text('location').notNullable();
    t.text('booking_fields').notNullable();
    t.text('allowed_origins').notNullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.unique(['user_id', 'slug']);
  });

  await db.schema.createTable('event_type_hosts', (t) => {
    t.integer('event_type_id').unsigned().notNullable().references('event_types.id').onDelete('CASCADE');
    t.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE');
    t.integer('weight').notNullable().defaultTo(1);
    t.integer('priority').notNullable().defaultTo(2);
    t.boolean('fixed').notNullable().defaultTo(false);
    t.primary(['event_type_id', 'user_id']);
  });

  await db.schema.createTable('bookings', (t) => {
    t.increments('id');
    t.string('uid', 32).notNullable().unique();
    t.integer('event_type_id').unsigned().notNullable().references('event_types.id');
    t.string('status', 20).notNullable();
    t.string('title', 300).notNullable();
    t.bigInteger('start_ms').notNullable();
    t.bigInteger('end_ms').notNullable();
    // Buffers as they were when booked, so later edits of the event type don't move existing bookings.
    t.integer('before_buffer_minutes').notNullable().defaultTo(0);
    t.integer('after_buffer_minutes').notNullable().defaultTo(0);
    t.string('time_zone', 64).notNullable();
    t.string('attendee_name', 200).notNullable();
    t.string('attendee_email', 320).notNullable();
    t.string('attendee_time_zone', 64).notNullable();
    t.string('attendee_locale', 35).nullable();
    t.text('guests').notNullable();
    t.text('responses').notNullable();
    t.text('metadata').notNullable();
    t.string('location_type', 16).notNullable();
    t.string('location_url', 2000).nullable();
    t.string('location_address', 500).nullable();
    // Manage tokens are derived from this uid with the signing secret (never stored); a series and
    // a rescheduled booking keep their first booking's key, so one token manages them all.
    t.string('manage_key', 32).notNullable();
    t.string('recurring_series_uid', 32).nullable();
    t.string('rescheduled_from_uid', 32).nullable();
    t.string('rescheduled_to_uid', 32).nullable();
    t.text('cancellation_reason').nullable();
    t.text('rejection_reason').nullable();
    t.integer('ics_sequence').notNullable().defaultTo(0);
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.index(['event_type_id', 'start_ms']);
    t.index(['recurring_series_uid']);
  });

  // One row per host of a booking, with the booking's time and status copied so the overlap check
  // and the busy-time query read one narrow index.
  await db.schema.createTable('booking_hosts', (t) => {
    t.integer('booking_id').unsigned().notNullable().references('bookings.id').onDelete('CASCADE');
    t.integer('user_id').unsigned().notNullable().references('users.id');
    t.bigInteger('start_ms').notNullable();
    t.bigInteger('end_ms').notNullable();
    t.boolean('holds').notNullable();
    t.primary(['booking_id', 'user_id']);
    t.index(['user_id', 'holds', 'start_ms']);
  });

  // Secrets the servers share through the database (the signing key for manage tokens and email
  // links), so every stateless process behind a load balancer agrees without extra configuration.
  await db.schema.createTable('app_secrets', (t) => {
    t.string('name', 64).primary();
    t.string('value', 200).notNullable();
  });

  await db.schema.createTable('idempotency_keys', (t) => {
    t.string('key', 200).notNullable().primary();
    t.string('request_hash', 64).notNullable();
    t.integer('status_code').nullable();
    t.text('response_body').nullable();
    t.bigInteger('created_at').notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  for (const table of ['idempotency_keys', 'app_secrets', 'booking_hosts', 'bookings', 'event_type_hosts', 'event_types', 'schedules', 'api_keys', 'users']) {
    await db.schema.dropTableIfExists(table);
  }
}
