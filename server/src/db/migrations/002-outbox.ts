import type { Knex } from 'knex';

/**
 * The transactional outbox: every booking change writes its event here in the same transaction,
 * so an event exists exactly when its change committed. Dispatchers (webhooks, mail) read it.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('outbox_events', (t) => {
    t.string('id', 40).primary();
    t.string('type', 40).notNullable();
    t.integer('owner_user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE');
    t.integer('event_type_id').unsigned().nullable();
    t.string('booking_uid', 32).nullable();
    t.text('payload').notNullable();
    t.bigInteger('created_at').notNullable();
    t.index(['created_at']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists('outbox_events');
}
