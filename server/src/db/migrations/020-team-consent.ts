import type { Knex } from 'knex';

/**
 * Joining a team needs the member's consent: a member added by anyone but the platform admin is
 * `invited` until they accept. Everyone already in a team was put there before consent existed and
 * migrates as `active`, so no existing host loses their event types.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('team_members', (t) => {
    t.string('status', 8).notNullable().defaultTo('active');
    // Random per invitation: its emailed link is signed for it, so the link dies with the invitation.
    t.string('invitation_key', 24).nullable();
  });
}

export async function down(db: Knex): Promise<void> {
  // Without the column every row would read as a member: invitations nobody accepted go.
  await db('team_members').where({ status: 'invited' }).delete();
  // A plain DROP COLUMN (SQLite ≥ 3.35, MySQL): knex's dropColumn would rebuild the table on SQLite.
  await db.raw('ALTER TABLE team_members DROP COLUMN invitation_key');
  await db.raw('ALTER TABLE team_members DROP COLUMN status');
}
