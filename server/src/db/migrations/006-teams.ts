import type { Knex } from 'knex';

/**
 * Teams are accounts: a team is a row of `users` with `kind = 'team'` (GitHub's model for
 * organisations). That one decision answers four questions at once:
 * - handles share one namespace through the existing unique index on `users.username`, so a user
 *   and a team claiming "acme" at the same moment cannot both win, on SQLite or MySQL, without any
 *   check-then-insert race;
 * - `event_types.user_id` stays the owner and stays NOT NULL (no SQLite table rebuild, whose
 *   `DROP TABLE` would cascade into `event_type_hosts` with foreign keys on);
 * - `acme/sales` resolves through the same `event_types ⋈ users` join as `alice/intro`;
 * - outbox events and webhooks keep an owner account id for team event types.
 * A team account has no email, schedule, API key or login; the users repo only ever returns
 * `kind = 'user'` rows, so teams never appear where a person is expected.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('users', (t) => {
    t.string('kind', 8).notNullable().defaultTo('user');
  });

  await db.schema.createTable('team_members', (t) => {
    t.integer('team_id').unsigned().notNullable().references('users.id').onDelete('CASCADE');
    t.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE');
    t.string('role', 8).notNullable();
    t.bigInteger('created_at').notNullable();
    t.primary(['team_id', 'user_id']);
    t.index(['user_id']);
  });
}

export async function down(db: Knex): Promise<void> {
  const teams = db('users').select('id').where({ kind: 'team' });
  const teamEventTypes = db('event_types').select('id').whereIn('user_id', teams);
  const teamBookings = db('bookings').select('id').whereIn('event_type_id', teamEventTypes);
  await db('booking_hosts').whereIn('booking_id', teamBookings).delete();
  await db('bookings').whereIn('event_type_id', teamEventTypes).delete();
  if (await db.schema.hasTable('outbox_events')) await db('outbox_events').whereIn('owner_user_id', teams).delete();
  await db('event_types').whereIn('user_id', teams).delete();
  await db.schema.dropTableIfExists('team_members');
  await db('users').where({ kind: 'team' }).delete();
  // A plain DROP COLUMN (SQLite ≥ 3.35, MySQL): knex's dropColumn would rebuild `users` on SQLite.
  await db.raw('ALTER TABLE users DROP COLUMN kind');
}
