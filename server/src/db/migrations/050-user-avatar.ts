import type { Knex } from 'knex';
import { LIMITS } from '@openslot/sdk/schemas';

/** `users.avatar_url`: an optional picture of the host, shown in the booking widget's header. */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('users', (t) => {
    t.string('avatar_url', LIMITS.url).nullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('users', (t) => {
    t.dropColumn('avatar_url');
  });
}
