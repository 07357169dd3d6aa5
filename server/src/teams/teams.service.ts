import type { Knex } from 'knex';
import type { Team, TeamMember, TeamRole } from '@openslot/sdk/schemas';
import type { z } from 'zod';
import type { createTeamInput, updateTeamInput } from '@openslot/sdk/schemas';
import type { Page, PageRequest } from '../db/keyset.js';
import type { Clock } from '../clock.js';
import { isUniqueViolation } from '../db/knex.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { requirePrincipal, requireTeamManager, requireTeamMember, type Principal } from '../authorization/index.js';
import type { UsersRepo } from '../users/users.repo.js';
import type { TeamRow, TeamsRepo } from './teams.repo.js';

export type ParsedCreateTeam = z.output<typeof createTeamInput>;
export type ParsedUpdateTeam = z.output<typeof updateTeamInput>;

function fieldError(field: string, message: string): ValidationError {
  return new ValidationError(`Invalid body: ${field}: ${message}`, { fields: [{ field, message }] });
}

export function createTeamsService(deps: { db: Knex; teams: TeamsRepo; usersRepo: UsersRepo; clock: Clock }) {
  const { db, teams, usersRepo, clock } = deps;

  /** The members as user ids; every username must name a person (a team cannot join a team). */
  async function resolveMembers(members: readonly TeamMember[], trx: Knex): Promise<Array<{ userId: number; role: TeamRole }>> {
    const users = await usersRepo.findByUsernames(members.map((m) => m.username), trx);
    return members.map((member, index) => {
      const user = users.find((u) => u.username === member.username);
      if (!user) throw fieldError(`members.${index}.username`, `no user "${member.username}"`);
      return { userId: user.id, role: member.role ?? 'member' };
    });
  }

  async function require(slug: string): Promise<TeamRow> {
    const team = await teams.findBySlug(slug);
    if (!team) throw new NotFoundError(`Team "${slug}"`);
    return team;
  }

  return {
    require,

    /** Any key may create a team; a user's key makes that user an owner unless the body lists them. */
    async create(principal: Principal, input: ParsedCreateTeam): Promise<TeamRow> {
      const caller = requirePrincipal(principal);
      const members = [...input.members];
      if (caller.kind === 'user' && !members.some((m) => m.username === caller.username)) members.push({ username: caller.username, role: 'owner' });
      if (caller.kind === 'user' && !members.some((m) => m.role === 'owner')) throw fieldError('members', 'a team needs at least one owner');
      const now = clock.now();
      // The handle is claimed by the insert itself (one unique index for users and teams), so a
      // user and a team racing for "acme" cannot both get it.
      const id = await db
        .transaction(async (trx) => {
          const teamId = await teams.insert(input.slug, input.name, now, trx);
          await teams.replaceMembers(teamId, await resolveMembers(members, trx), now, trx);
          return teamId;
        })
        .catch((error: unknown) => {
          throw isUniqueViolation(error) ? new ConflictError(`The handle "${input.slug}" is taken`, { field: 'slug' }, 'handle_taken') : error;
        });
      return (await teams.findById(id))!;
    },

    async get(principal: Principal, slug: string): Promise<TeamRow> {
      const team = await require(slug);
      requireTeamMember(principal, team);
      return team;
    },

    list(principal: Principal, page: PageRequest): Promise<Page<TeamRow>> {
      const caller = requirePrincipal(principal);
      return teams.list(caller.kind === 'user' ? caller.userId : null, page);
    },

    /** Renames and/or replaces the member list; a member who hosts a team event type cannot be dropped. */
    async update(principal: Principal, slug: string, patch: ParsedUpdateTeam): Promise<TeamRow> {
      const team = await require(slug);
      requireTeamManager(principal, team);
      const now = clock.now();
      await db.transaction(async (trx) => {
        if (patch.name !== undefined) await teams.rename(team.id, patch.name, now, trx);
        if (patch.members !== undefined) {
          if (principal?.kind === 'user' && !patch.members.some((m) => m.role === 'owner')) throw fieldError('members', 'a team needs at least one owner');
          const members = await resolveMembers(patch.members, trx);
          const stranded = await teams.hostsOutside(team.id, members.map((m) => m.userId), trx);
          if (stranded.length > 0) throw fieldError('members', `${stranded.join(', ')} still host event types of this team; change their hosts first`);
          await teams.replaceMembers(team.id, members, now, trx);
        }
      });
      return (await teams.findById(team.id))!;
    },
  };
}

export type TeamsService = ReturnType<typeof createTeamsService>;

export function publicTeam(team: TeamRow): Team {
  return { slug: team.slug, name: team.name, members: team.members.map(({ username, role }) => ({ username, role })) };
}
