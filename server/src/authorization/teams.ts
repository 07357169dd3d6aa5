import type { TeamRole } from '@openslot/sdk/schemas';
import { ForbiddenError } from '../errors.js';
import { requirePrincipal, type Principal } from './principal.js';

/** What the team rules need to know of a team: who is in it, in which role. */
export interface TeamMembership {
  slug: string;
  members: ReadonlyArray<{ userId: number; role: TeamRole }>;
}

const MANAGERS: readonly TeamRole[] = ['owner', 'admin'];

/** The caller's role in the team, or `null` when they are not in it (the admin key is in no team). */
export function teamRoleOf(principal: Principal, team: TeamMembership): TeamRole | null {
  if (principal?.kind !== 'user') return null;
  return team.members.find((m) => m.userId === principal.userId)?.role ?? null;
}

export function mayManageTeam(principal: Principal, team: TeamMembership): boolean {
  if (principal?.kind === 'admin') return true;
  const role = teamRoleOf(principal, team);
  return role !== null && MANAGERS.includes(role);
}

/** The admin key, or a credential of the team's owners and admins. */
export function requireTeamManager(principal: Principal, team: TeamMembership): void {
  requirePrincipal(principal);
  if (!mayManageTeam(principal, team)) throw new ForbiddenError(`Only an owner or admin of team "${team.slug}" may do that`);
}

export function requireTeamMember(principal: Principal, team: TeamMembership): void {
  const caller = requirePrincipal(principal);
  if (caller.kind === 'user' && teamRoleOf(caller, team) === null) throw new ForbiddenError(`Not a member of team "${team.slug}"`);
}
