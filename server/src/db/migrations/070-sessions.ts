import type { Knex } from 'knex';

/**
 * The host's browser sessions: session tokens (for the host components), the console's sign-in
 * links and cookie sessions, and the audit of what was changed with them. Every secret is stored
 * as its SHA-256 only, so a copy of the database signs nobody in.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('console_sessions', (t) => {
    t.increments('id');
    t.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE');
    t.string('cookie_hash', 64).notNullable().unique();
    t.string('user_agent', 200).notNullable().defaultTo('');
    t.bigInteger('created_at').notNullable();
    t.bigInteger('last_seen_at').notNullable();
    t.bigInteger('expires_at').notNullable();
    t.bigInteger('revoked_at').nullable();
    t.index(['user_id', 'id']);
  });

  await db.schema.createTable('session_tokens', (t) => {
    t.increments('id');
    t.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE');
    t.string('token_hash', 64).notNullable().unique();
    // api_key | admin | refresh | console
    t.string('via', 16).notNullable();
    t.integer('console_session_id').unsigned().nullable().references('console_sessions.id').onDelete('CASCADE');
    t.bigInteger('created_at').notNullable();
    t.bigInteger('expires_at').notNullable();
    // Refreshing never carries a token past this: the end of the first token's chain.
    t.bigInteger('renewable_until').notNullable();
    t.bigInteger('revoked_at').nullable();
    t.index(['user_id', 'id']);
  });

  await db.schema.createTable('console_sign_in_links', (t) => {
    t.increments('id');
    t.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE');
    t.string('nonce_hash', 64).notNullable().unique();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('expires_at').notNullable();
    t.bigInteger('used_at').nullable();
  });

  await db.schema.createTable('audit_events', (t) => {
    t.increments('id');
    t.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE');
    // session_token | console
    t.string('via', 16).notNullable();
    t.integer('credential_id').unsigned().notNullable();
    t.string('action', 200).notNullable();
    t.string('resource_type', 40).nullable();
    t.string('resource_id', 100).nullable();
    t.integer('status').notNullable();
    t.bigInteger('created_at').notNullable();
    t.index(['user_id', 'id']);
  });
}

export async function down(db: Knex): Promise<void> {
  for (const table of ['audit_events', 'console_sign_in_links', 'session_tokens', 'console_sessions']) await db.schema.dropTableIfExists(table);
}
