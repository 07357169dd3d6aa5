import type { Knex } from 'knex';
import type { Team, TeamMember } from '@openslot/sdk/schemas';
import type { z } from 'zod';
import type { createTeamInput, updateTeamInput } from '@openslot/sdk/schemas';
import type { Page, PageRequest } from '../db/keyset.js';
import type { Clock } from '../clock.js';
import { isUniqueViolation } from '../db/knex.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import {
  decideMembers,
  requireMayAccept,
  requireMayRemoveMember,
  requirePrincipal,
  requireTeamManager,
  requireTeamMember,
  type Principal,
  type RequestedMember,
} from '../authorization/index.js';
import type { JobQueue } from '../jobs/index.js';
import { teamInvitationMailJob } from '../notifications/index.js';
import type { UserRow, UsersRepo } from '../users/users.repo.js';
import { INVITATION_TTL_MS, newInvitationKey, type InvitationLinks } from './invitations.js';
import type { MemberEntry, TeamMemberRow, TeamRow, TeamsRepo } from './teams.repo.js';

export type ParsedCreateTeam = z.output<typeof createTeamInput>;
export type ParsedUpdateTeam = z.output<typeof updateTeamInput>;

function fieldError(field: string, message: string): ValidationError {
  return new ValidationError(`Invalid body: ${field}: ${message}`, { fields: [{ field, message }] });
}

export function createTeamsService(deps: { db: Knex; teams: TeamsRepo; usersRepo: UsersRepo; clock: Clock; jobs: JobQueue; links: InvitationLinks }) {
  const { db, teams, usersRepo, clock, jobs, links } = deps;

  /** The members as user ids; every username must name a person (a team cannot join a team). */
  async function resolveMembers(members: readonly TeamMember[], trx: Knex): Promise<Array<RequestedMember & { user: UserRow }>> {
    const users = await usersRepo.findByUsernames(members.map((m) => m.username), trx);
    return members.map((member, index) => {
      const user = users.find((u) => u.username === member.username);
      if (!user) throw fieldError(`members.${index}.username`, `no user "${member.username}"`);
      return { userId: user.id, role: member.role ?? 'member', user };
    });
  }

  async function require(slug: string): Promise<TeamRow> {
    const team = await teams.findBySlug(slug);
    if (!team) throw new NotFoundError(`Team "${slug}"`);
    return team;
  }

  /** The team (locked, inside `trx`) and one of its members. */
  async function requireMember(slug: string, username: string, trx: Knex): Promise<{ team: TeamRow; member: TeamMemberRow }> {
    const team = await teams.lockBySlug(slug, trx);
    if (!team) throw new NotFoundError(`Team "${slug}"`);
    const member = team.members.find((m) => m.username === username);
    if (!member) throw new NotFoundError(`Member "${username}" of team "${slug}"`);
    return { team, member };
  }

  /**
   * Writes the member list the rules decided and mails each newly invited member their
   * invitation, in the same transaction (the mail is a job that runs after the commit).
   */
  async function writeMembers(principal: Principal, team: TeamRow | null, teamId: number, slug: string, name: string, requested: readonly TeamMember[], trx: Knex): Promise<void> {
    const resolved = await resolveMembers(requested, trx);
    const decided = decideMembers(principal, team, resolved);
    if (team) {
      const stranded = await teams.hostsOutside(teamId, decided.map((m) => m.userId), trx);
      if (stranded.length > 0) throw fieldError('members', `${stranded.join(', ')} still host event types of this team; change their hosts first`);
    }
    const now = clock.now();
    const entries: MemberEntry[] = decided.map((m) => (m.status === 'invited' && !team?.members.some((old) => old.userId === m.userId) ? { ...m, invitationKey: newInvitationKey() } : m));
    await teams.setMembers(teamId, entries, now, trx);
    const invited = entries.filter((m) => m.invitationKey !== undefined);
    if (invited.length === 0) return;
    const caller = requirePrincipal(principal);
    const inviter = caller.kind === 'user' ? ((await usersRepo.findByUsername(caller.username, trx))?.name ?? caller.username) : 'OpenSlot';
    const expires = now + INVITATION_TTL_MS;
    await jobs.enqueue(
      trx,
      invited.map((member) => {
        const { user } = resolved.find((r) => r.userId === member.userId)!;
        return teamInvitationMailJob({
          to: { name: user.name, address: user.email },
          inviter,
          team: { slug, name },
          role: member.role,
          acceptUrl: links.acceptUrl(slug, user.username, member.invitationKey!, expires),
          expiresAt: expires,
        });
      }),
      now,
    );
  }

  /** The invitation a signed link names, if the link is genuine, unexpired and the invitation still open. */
  async function invitationByLink(slug: string, username: string, expires: string, sig: string): Promise<{ team: TeamRow; member: TeamMemberRow } | 'expired' | 'invalid'> {
    const team = await teams.findBySlug(slug);
    const member = team?.members.find((m) => m.username === username);
    if (!team || !member?.invitationKey) return 'invalid';
    const verdict = links.verify(slug, username, member.invitationKey, expires, sig, clock.now());
    return verdict === 'valid' ? { team, member } : verdict;
  }

  return {
    require,
    invitationByLink,

    /** Any key may create a team; a user's key makes that user an owner unless the body lists them. Others named are invited. */
    async create(principal: Principal, input: ParsedCreateTeam): Promise<TeamRow> {
      const caller = requirePrincipal(principal);
      const members = [...input.members];
      if (caller.kind === 'user' && !members.some((m) => m.username === caller.username)) members.push({ username: caller.username, role: 'owner' });
      // The handle is claimed by the insert itself (one unique index for users and teams), so a
      // user and a team racing for "acme" cannot both get it.
      const id = await db
        .transaction(async (trx) => {
          const teamId = await teams.insert(input.slug, input.name, clock.now(), trx);
          await writeMembers(principal, null, teamId, input.slug, input.name, members, trx);
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

    /** Renames and/or replaces the member list; a member who hosts a team event type cannot be dropped this way. */
    async update(principal: Principal, slug: string, patch: ParsedUpdateTeam): Promise<TeamRow> {
      requireTeamManager(principal, await require(slug));
      const team = await db.transaction(async (trx) => {
        const team = await teams.lockBySlug(slug, trx);
        if (!team) throw new NotFoundError(`Team "${slug}"`);
        if (patch.name !== undefined) await teams.rename(team.id, patch.name, clock.now(), trx);
        if (patch.members !== undefined) await writeMembers(principal, team, team.id, team.slug, patch.name ?? team.name, patch.members, trx);
        return team;
      });
      return (await teams.findById(team.id))!;
    },

    /** The invited member accepts with their own key; accepting twice changes nothing. */
    async accept(principal: Principal, slug: string, username: string): Promise<TeamRow> {
      const team = await db.transaction(async (trx) => {
        const { team, member } = await requireMember(slug, username, trx);
        requireMayAccept(principal, team, member.userId);
        await teams.activate(team.id, member.userId, trx);
        return team;
      });
      return (await teams.findById(team.id))!;
    },

    /** What the POST behind an invitation link does: the signed link stands in for the member's key. */
    async acceptByLink(slug: string, username: string, expires: string, sig: string): Promise<TeamRow | 'expired' | 'invalid'> {
      const found = await invitationByLink(slug, username, expires, sig);
      if (typeof found === 'string') return found;
      await teams.activate(found.team.id, found.member.userId);
      return (await teams.findById(found.team.id))!;
    },

    /** Leaving, declining an invitation, or a manager taking a member out; they stop hosting the team's event types. */
    async removeMember(principal: Principal, slug: string, username: string): Promise<void> {
      await db.transaction(async (trx) => {
        const { team, member } = await requireMember(slug, username, trx);
        requireMayRemoveMember(principal, team, member.userId);
        await teams.removeMember(team.id, member.userId, trx);
      });
    },
  };
}

export type TeamsService = ReturnType<typeof createTeamsService>;

export function publicTeam(team: TeamRow): Team {
  return { slug: team.slug, name: team.name, members: team.members.map(({ username, role, status }) => ({ username, role, status })) };
}
