import type { Knex } from 'knex';

/**
 * Paid bookings (issue 10). A booking of an event type with a price has one `payments` row, written
 * in the booking's transaction: what is owed, which Stripe account is paid (snapshotted, so a later
 * switch of account never breaks a refund), and the Checkout Session's idempotent parameters
 * (`uid` keys it, `session_expires_at` is computed once). Refunds are rows too, written (with the
 * job that sends them) before Stripe is called, so none is lost when the process dies between. Stripe ids may be up to
 * 255 characters; amounts are minor units.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('event_types', (t) => {
    t.text('refund_policy').nullable();
  });

  await db.schema.createTable('payments', (t) => {
    t.increments('id');
    t.string('uid', 32).notNullable().unique();
    t.integer('booking_id').unsigned().notNullable().unique().references('bookings.id').onDelete('CASCADE');
    t.string('stripe_account', 255).nullable();
    t.integer('amount').notNullable();
    t.string('currency', 3).notNullable();
    t.string('capture_method', 9).notNullable();
    // The event type's refund policy when booked: a later change of policy does not touch this booking.
    t.text('refund_policy').notNullable();
    t.string('status', 16).notNullable();
    t.string('checkout_session_id', 255).nullable().unique();
    t.text('checkout_url').nullable();
    t.bigInteger('session_expires_at').notNullable();
    t.bigInteger('hold_expires_at').notNullable();
    t.bigInteger('remind_at').nullable();
    t.string('payment_intent_id', 255).nullable();
    t.text('receipt_url').nullable();
    t.bigInteger('authorized_at').nullable();
    t.integer('refunded_amount').notNullable().defaultTo(0);
    t.bigInteger('synced_at').nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.index(['status', 'hold_expires_at']);
    t.index(['payment_intent_id']);
  });

  await db.schema.createTable('payment_refunds', (t) => {
    t.increments('id');
    t.string('uid', 32).notNullable().unique();
    t.integer('payment_id').unsigned().notNullable().references('payments.id').onDelete('CASCADE');
    t.integer('amount').notNullable();
    // refund: money goes back; release: an authorisation is lifted (nothing was charged).
    t.string('kind', 8).notNullable();
    t.string('reason', 16).notNullable();
    t.string('status', 16).notNullable();
    t.string('stripe_refund_id', 255).nullable().unique();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
    t.index(['status']);
    t.index(['payment_id']);
  });

  // Stripe delivers at least once: an event id seen here was applied already.
  await db.schema.createTable('stripe_events', (t) => {
    t.string('id', 255).primary();
    t.string('type', 100).notNullable();
    t.string('account', 255).nullable();
    t.bigInteger('received_at').notNullable();
  });

  // The connected account of a user or a team (teams are accounts, migration 006).
  await db.schema.createTable('stripe_accounts', (t) => {
    t.integer('user_id').unsigned().primary().references('users.id').onDelete('CASCADE');
    t.string('connect_key', 32).notNullable();
    t.string('account_id', 255).nullable().unique();
    t.boolean('charges_enabled').notNullable().defaultTo(false);
    t.boolean('details_submitted').notNullable().defaultTo(false);
    t.bigInteger('created_at').notNullable();
    t.bigInteger('updated_at').notNullable();
  });
}

export async function down(db: Knex): Promise<void> {
  for (const table of ['stripe_accounts', 'stripe_events', 'payment_refunds', 'payments']) await db.schema.dropTableIfExists(table);
  // A plain DROP COLUMN (SQLite ≥ 3.35, MySQL): knex's dropColumn would rebuild event_types on SQLite.
  await db.raw('ALTER TABLE event_types DROP COLUMN refund_policy');
}
