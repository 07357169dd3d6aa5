import type { Knex } from 'knex';

/**
 * Webhook subscriptions and their deliveries. The outbox gains a lease so that any number of
 * dispatchers (in `openslot serve` or `openslot worker`, on one MySQL or one SQLite file) hand
 * each event on once: a dispatcher claims rows with a conditional UPDATE of `*_lease_until`, and
 * a dispatcher that dies simply lets its lease run out.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('outbox_events', (t) => {
    // Set once the event has been fanned out to deliveries (or handed to Svix).
    t.bigInteger('webhook_fanned_out_at').nullable();
    t.integer('webhook_attempts').notNullable().defaultTo(0);
    t.bigInteger('webhook_next_attempt_at').notNullable().defaultTo(0);
    t.bigInteger('webhook_lease_until').nullable();
    t.string('webhook_lease_owner', 40).nullable();
    t.index(['webhook_fanned_out_at', 'webhook_next_attempt_at'], 'outbox_events_webhook_due');
  });
  // Events from before webhooks existed had no subscriber to go to.
  await db('outbox_events').update({ webhook_fanned_out_at: db.ref('created_at') });

  await db.schema.createTable('webhook_subscriptions', (t) => {
    t.string('id', 40).primary();
    t.integer('owner_user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE');
    t.string('url', 2000).notNullable();
    t.text('events').notNullable();
    t.integer('event_type_id').unsigned().nullable().references('event_types.id').onDelete('CASCADE');
    // `whsec_…` secrets encrypted with AES-256-GCM (key in app_secrets); the previous one keeps
    // signing beside the new one until `previous_secret_until` after a rotation.
    t.string('secret', 300).notNullable();
    t.string('previous_secret', 300).nullable();
    t.bigInteger('previous_secret_until').nullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.string('disabled_reason', 200).nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.index(['owner_user_id']);
  });

  await db.schema.createTable('webhook_deliveries', (t) => {
    t.string('id', 40).primary();
    t.string('subscription_id', 40).notNullable().references('webhook_subscriptions.id').onDelete('CASCADE');
    t.string('event_id', 40).notNullable().references('outbox_events.id').onDelete('CASCADE');
    t.string('event_type', 40).notNullable();
    t.string('status', 16).notNullable();
    t.integer('attempts').notNullable().defaultTo(0);
    t.bigInteger('next_attempt_at').nullable();
    t.bigInteger('last_attempt_at').nullable();
    t.integer('last_status_code').nullable();
    t.bigInteger('lease_until').nullable();
    t.string('lease_owner', 40).nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    // Fan-out is idempotent: a dispatcher that dies mid-way and one that redoes it make one row.
    t.unique(['subscription_id', 'event_id']);
    t.index(['status', 'next_attempt_at']);
  });

  await db.schema.createTable('webhook_attempts', (t) => {
    t.increments('id');
    t.string('delivery_id', 40).notNullable().references('webhook_deliveries.id').onDelete('CASCADE');
    t.bigInteger('attempted_at').notNullable();
    t.integer('status_code').nullable();
    t.integer('duration_ms').notNullable();
    t.string('error', 500).nullable();
    t.string('response_snippet', 1000).nullable();
    t.index(['delivery_id']);
  });
}

export async function down(db: Knex): Promise<void> {
  for (const table of ['webhook_attempts', 'webhook_deliveries', 'webhook_subscriptions']) await db.schema.dropTableIfExists(table);
  await db.schema.alterTable('outbox_events', (t) => {
    t.dropIndex(['webhook_fanned_out_at', 'webhook_next_attempt_at'], 'outbox_events_webhook_due');
    t.dropColumns('webhook_fanned_out_at', 'webhook_attempts', 'webhook_next_attempt_at', 'webhook_lease_until', 'webhook_lease_owner');
  });
}
