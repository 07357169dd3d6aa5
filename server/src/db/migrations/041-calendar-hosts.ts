import type { Knex } from 'knex';

/**
 * `users.calendar_connections` counts a host's calendar connections, so a booking change of hosts
 * without any records no calendar write-back job (read with the hosts the booking already loads).
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('users', (t) => {
    t.integer('calendar_connections').notNullable().defaultTo(0);
  });
  await db('users').update({ calendar_connections: db('calendar_connections').count('*').where('calendar_connections.user_id', db.ref('users.id')) });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('users', (t) => {
    t.dropColumn('calendar_connections');
  });
}
