import type { TeamMemberStatus, TeamRole } from '@openslot/sdk/schemas';
import { ConflictError, ForbiddenError, ValidationError, type DomainError } from '../errors.js';
import { requirePrincipal, type Principal } from './principal.js';

/** What the team rules need to know of a team: who is in it, in which role, and whether they accepted. */
export interface TeamMembership {
  slug: string;
  members: ReadonlyArray<{ userId: number; role: TeamRole; status: TeamMemberStatus }>;
}

/** A member as a requested member list names them. */
export interface RequestedMember {
  userId: number;
  role: TeamRole;
}

const MANAGERS: readonly TeamRole[] = ['owner', 'admin'];

const activeOwners = (members: TeamMembership['members']) => members.filter((m) => m.role === 'owner' && m.status === 'active');

/**
 * The caller's role in the team, or `null` when they are not an active member of it: an invited
 * member has no rights until they accept, and the admin key is in no team.
 */
export function teamRoleOf(principal: Principal, team: TeamMembership): TeamRole | null {
  if (principal?.kind !== 'user') return null;
  const member = team.members.find((m) => m.userId === principal.userId);
  return member?.status === 'active' ? member.role : null;
}

export function mayManageTeam(principal: Principal, team: TeamMembership): boolean {
  if (principal?.kind === 'admin') return true;
  const role = teamRoleOf(principal, team);
  return role !== null && MANAGERS.includes(role);
}

/** The admin key, or a credential of the team's active owners and admins. */
export function requireTeamManager(principal: Principal, team: TeamMembership): void {
  requirePrincipal(principal);
  if (!mayManageTeam(principal, team)) throw new ForbiddenError(`Only an owner or admin of team "${team.slug}" may do that`);
}

/** The admin key, or an active member's credential. */
export function requireTeamMember(principal: Principal, team: TeamMembership): void {
  const caller = requirePrincipal(principal);
  if (caller.kind === 'user' && teamRoleOf(caller, team) === null) throw new ForbiddenError(`Not a member of team "${team.slug}"`);
}

/** A team's resource named by id: to anyone outside the team it answers as an unknown one (`notFound`). */
export function requireTeamMemberOrHide(principal: Principal, team: TeamMembership, notFound: DomainError): void {
  const caller = requirePrincipal(principal);
  if (caller.kind === 'user' && teamRoleOf(caller, team) === null) throw notFound;
}

function requireOwnerFor(principal: Principal, team: TeamMembership): void {
  if (principal?.kind === 'admin' || teamRoleOf(principal, team) === 'owner') return;
  throw new ForbiddenError(`Only an owner of team "${team.slug}" may add, remove or demote an owner`);
}

function needsOwner(): ValidationError {
  return new ValidationError('Invalid body: members: a team needs at least one owner who has accepted', {
    fields: [{ field: 'members', message: 'a team needs at least one owner who has accepted' }],
  });
}

/**
 * The statuses a requested member list gets, or the reason it is refused. Consent: members the
 * admin key adds are active, anyone else's additions are invited (the caller themselves excepted,
 * when creating). Only an owner touches an owner. A team that has an active owner keeps one;
 * a user's new team starts with the creator as an active owner.
 */
export function decideMembers(
  principal: Principal,
  team: TeamMembership | null,
  requested: readonly RequestedMember[],
): Array<RequestedMember & { status: TeamMemberStatus }> {
  const caller = requirePrincipal(principal);
  const before = team?.members ?? [];
  if (team) requireTeamManager(caller, team);
  const next = requested.map((member) => {
    const existing = before.find((m) => m.userId === member.userId);
    const consented = caller.kind === 'admin' || (team === null && member.userId === caller.userId);
    return { ...member, status: existing?.status ?? (consented ? 'active' : 'invited') } as const;
  });
  if (team) {
    const ownerChanged = (userId: number) => (before.find((m) => m.userId === userId)?.role === 'owner') !== (next.find((m) => m.userId === userId)?.role === 'owner');
    const touched = [...before, ...next].some((m) => ownerChanged(m.userId));
    if (touched) requireOwnerFor(caller, team);
  }
  const hadOwner = team === null ? caller.kind === 'user' : activeOwners(before).length > 0;
  if (hadOwner && activeOwners(next).length === 0) throw needsOwner();
  return next;
}

/**
 * `DELETE /v1/teams/:slug/members/:username`: anyone may leave (or decline an invitation); taking
 * someone else out needs a manager, and an owner for an owner. The last active owner stays.
 */
export function requireMayRemoveMember(principal: Principal, team: TeamMembership, userId: number): void {
  const caller = requirePrincipal(principal);
  const target = team.members.find((m) => m.userId === userId);
  const leaving = caller.kind === 'user' && caller.userId === userId;
  if (!leaving) {
    requireTeamManager(caller, team);
    if (target?.role === 'owner') requireOwnerFor(caller, team);
  }
  const owners = activeOwners(team.members);
  if (target && owners.length === 1 && owners[0]!.userId === userId) {
    throw new ConflictError(`The last owner of team "${team.slug}" cannot leave; make another member an owner first`, { field: 'username' }, 'last_owner');
  }
}

/** Only the invited member accepts, with their own credential (an invitation is their consent to give). */
export function requireMayAccept(principal: Principal, team: TeamMembership, userId: number): void {
  const caller = requirePrincipal(principal);
  if (caller.kind !== 'user' || caller.userId !== userId) throw new ForbiddenError(`Only the invited member may accept an invitation to team "${team.slug}"`);
}
