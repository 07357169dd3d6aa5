import type { Knex } from 'knex';

/**
 * API keys a user can list and revoke: a name, scopes (`read`, `bookings`; NULL is a full key),
 * an optional expiry, and when the key was last used (written at most once a minute per key).
 * A revoked key's row is deleted, so it stops authenticating at once.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('api_keys', (t) => {
    t.string('name', 100).nullable();
    t.string('scopes', 64).nullable();
    t.bigInteger('expires_at').nullable();
    t.bigInteger('last_used_at').nullable();
    t.index(['user_id', 'id']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('api_keys', (t) => {
    t.dropIndex(['user_id', 'id']);
    t.dropColumn('name');
    t.dropColumn('scopes');
    t.dropColumn('expires_at');
    t.dropColumn('last_used_at');
  });
}
