import type { Knex } from 'knex';
import type { TeamMemberStatus, TeamRole } from '@openslot/sdk/schemas';
import { keysetPage, mapPage, type Page, type PageRequest } from '../db/keyset.js';

export interface TeamMemberRow {
  userId: number;
  username: string;
  role: TeamRole;
  /** `invited` until the member accepts: no host rights, sees nothing of the team. */
  status: TeamMemberStatus;
  /** Random per invitation: its link is signed for it, so a removed and re-invited member's old link is dead. */
  invitationKey: string | null;
}

/** A member as a new list names them. */
export interface MemberEntry {
  userId: number;
  role: TeamRole;
  status: TeamMemberStatus;
  invitationKey?: string;
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
      .select('team_members.team_id', 'team_members.user_id', 'users.username', 'team_members.role', 'team_members.status', 'team_members.invitation_key')
      .whereIn('team_members.team_id', rows.map((row) => row.id))
      .orderBy('users.username');
    return rows.map((row) => ({
      id: row.id,
      slug: row.username,
      name: row.name,
      members: members
        .filter((member) => member.team_id === row.id)
        .map((member) => ({ userId: member.user_id, username: member.username, role: member.role, status: member.status, invitationKey: member.invitation_key })),
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

    /**
     * Makes `members` the team's list: drops the others, changes roles in place and inserts the
     * new ones. Existing rows keep their status and start, so re-listing a member changes nothing else.
     */
    async setMembers(teamId: number, members: readonly MemberEntry[], now: number, trx: Knex = db): Promise<void> {
      const current: Array<{ user_id: number; role: TeamRole }> = await trx('team_members').select('user_id', 'role').where({ team_id: teamId });
      const drop = current.filter((row) => !members.some((m) => m.userId === row.user_id)).map((row) => row.user_id);
      if (drop.length > 0) await trx('team_members').where({ team_id: teamId }).whereIn('user_id', drop).delete();
      for (const member of members) {
        const row = current.find((r) => r.user_id === member.userId);
        if (row && row.role !== member.role) await trx('team_members').where({ team_id: teamId, user_id: member.userId }).update({ role: member.role });
      }
      const added = members.filter((m) => !current.some((row) => row.user_id === m.userId));
      if (added.length > 0) await trx('team_members').insert(added.map((m) => ({ team_id: teamId, user_id: m.userId, role: m.role, status: m.status, invitation_key: m.invitationKey ?? null, created_at: now })));
    },

    /** Accepts an invitation (nothing changes for a member who already accepted). */
    async activate(teamId: number, userId: number, trx: Knex = db): Promise<void> {
      await trx('team_members').where({ team_id: teamId, user_id: userId, status: 'invited' }).update({ status: 'active' });
    },

    /** Takes a member out of the team and off the hosts of its event types (their bookings stay theirs). */
    async removeMember(teamId: number, userId: number, trx: Knex = db): Promise<void> {
      await trx('event_type_hosts')
        .where({ user_id: userId })
        .whereIn('event_type_id', trx('event_types').select('id').where({ user_id: teamId }))
        .delete();
      await trx('team_members').where({ team_id: teamId, user_id: userId }).delete();
    },

    async findBySlug(slug: string, trx: Knex = db): Promise<TeamRow | null> {
      return (await withMembers(await teams(trx).where({ username: slug }), trx))[0] ?? null;
    },

    /**
     * The team with its row locked until `trx` ends (MySQL; SQLite has one writer anyway), so two
     * membership changes at once are decided one after the other: two owners leaving together
     * cannot both pass the "last owner" rule.
     */
    async lockBySlug(slug: string, trx: Knex): Promise<TeamRow | null> {
      return (await withMembers(await teams(trx).where({ username: slug }).forUpdate(), trx))[0] ?? null;
    },

    async findById(teamId: number, trx: Knex = db): Promise<TeamRow | null> {
      return (await withMembers(await teams(trx).where({ id: teamId }), trx))[0] ?? null;
    },

    /** Every team, or the teams `userId` is an active member of: a page by slug. */
    async list(userId: number | null, page: PageRequest): Promise<Page<TeamRow>> {
      const query = teams(db);
      if (userId !== null) query.whereIn('id', db('team_members').select('team_id').where({ user_id: userId, status: 'active' }));
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
