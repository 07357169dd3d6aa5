import type { Knex } from 'knex';
import type { TeamRole } from '@openslot/sdk/schemas';
import { keysetPage, mapPage, type Page, type PageRequest } from '../db/keyset.js';

export interface TeamMemberRow {
  userId: number;
  username: string;
  role: TeamRole;
}

export interface TeamRow {
  /** The team's account id (`users.id` of its `kind = 'team'` row): what `event_types.user_id` holds. */
  id: number;
  slug: string;
  name: string;
  members: TeamMemberRow[];
}

/** Teams are accounts (see migration 006): a `users` row with `kind = 'team'` plus `team_members`. */
export function createTeamsRepo(db: Knex) {
  const teams = (trx: Knex) => trx('users').select('id', 'username', 'name').where({ kind: 'team' });

  async function withMembers(rows: Array<{ id: number; username: string; name: string }>, trx: Knex): Promise<TeamRow[]> {
    if (rows.length === 0) return [];
    const members = await trx('team_members')
      .join('users', 'users.id', 'team_members.user_id')
      .select('team_members.team_id', 'team_members.user_id', 'users.username', 'team_members.role')
      .whereIn('team_members.team_id', rows.map((row) => row.id))
      .orderBy('users.username');
    return rows.map((row) => ({
      id: row.id,
      slug: row.username,
      name: row.name,
      members: members
        .filter((member) => member.team_id === row.id)
        .map((member) => ({ userId: member.user_id, username: member.username, role: member.role })),
    }));
  }

  return {
    /** Claims the handle; a unique violation means a user or team already has it. */
    async insert(slug: string, name: string, now: number, trx: Knex = db): Promise<number> {
      const [id] = await trx('users').insert({
        username: slug,
        name,
        email: '',
        time_zone: 'UTC',
        allow_dynamic_group: false,
        kind: 'team',
        created_at: now,
        updated_at: now,
      });
      return Number(id);
    },

    async rename(teamId: number, name: string, now: number, trx: Knex = db): Promise<void> {
      await trx('users').where({ id: teamId, kind: 'team' }).update({ name, updated_at: now });
    },

    async replaceMembers(teamId: number, members: Array<{ userId: number; role: TeamRole }>, now: number, trx: Knex = db): Promise<void> {
      await trx('team_members').where({ team_id: teamId }).delete();
      if (members.length === 0) return;
      await trx('team_members').insert(members.map((m) => ({ team_id: teamId, user_id: m.userId, role: m.role, created_at: now })));
    },

    async findBySlug(slug: string, trx: Knex = db): Promise<TeamRow | null> {
      return (await withMembers(await teams(trx).where({ username: slug }), trx))[0] ?? null;
    },

    async findById(teamId: number, trx: Knex = db): Promise<TeamRow | null> {
      return (await withMembers(await teams(trx).where({ id: teamId }), trx))[0] ?? null;
    },

    /** Every team, or the teams `userId` belongs to: a page by slug. */
    async list(userId: number | null, page: PageRequest): Promise<Page<TeamRow>> {
      const query = teams(db);
      if (userId !== null) query.whereIn('id', db('team_members').select('team_id').where({ user_id: userId }));
      return mapPage(keysetPage(query, [{ column: 'username', field: 'username', type: 'string' }], page), (rows) => withMembers(rows as never, db));
    },

    /** Usernames hosting one of the team's event types though not in `memberIds`: who a new member list would strand. */
    async hostsOutside(teamId: number, memberIds: number[], trx: Knex = db): Promise<string[]> {
      const query = trx('event_type_hosts')
        .join('event_types', 'event_types.id', 'event_type_hosts.event_type_id')
        .join('users', 'users.id', 'event_type_hosts.user_id')
        .distinct('users.username')
        .where('event_types.user_id', teamId)
        .orderBy('users.username');
      if (memberIds.length > 0) query.whereNotIn('event_type_hosts.user_id', memberIds);
      return (await query).map((row: { username: string }) => row.username);
    },
  };
}

export type TeamsRepo = ReturnType<typeof createTeamsRepo>;
