import { z } from 'zod';
import { handle } from './common.js';
import { LIMITS, singleLine } from './limits.js';

/** `owner` and `admin` manage the team and its event types; a `member` can host them. */
export const teamRole = z.enum(['owner', 'admin', 'member']);
export type TeamRole = z.infer<typeof teamRole>;

/** `invited`: added by someone other than the platform admin and not yet accepted; no host rights, sees nothing. */
export const teamMemberStatus = z.enum(['active', 'invited']);
export type TeamMemberStatus = z.infer<typeof teamMemberStatus>;

export const teamMember = z.strictObject({
  username: handle,
  role: teamRole.default('member'),
});
export type TeamMember = z.infer<typeof teamMember>;

const members = z
  .array(teamMember)
  .max(LIMITS.members)
  .refine((list) => new Set(list.map((m) => m.username)).size === list.length, 'each username at most once');

export const createTeamInput = z.strictObject({
  /** A handle in the same namespace as usernames: `acme` for `acme/sales`. */
  slug: handle,
  name: singleLine(LIMITS.name),
  members: members.default([]),
});
export type CreateTeamInput = z.input<typeof createTeamInput>;

/**
 * `members`, when given, replaces the whole list: members not listed are removed, listed ones keep
 * their status, new ones are invited (active at once with the platform admin key).
 */
export const updateTeamInput = z.strictObject({ name: createTeamInput.shape.name, members }).partial();
export type UpdateTeamInput = z.input<typeof updateTeamInput>;

export const team = z.object({
  slug: handle,
  name: z.string(),
  members: z.array(z.object({ username: handle, role: teamRole, status: teamMemberStatus })),
});
export type Team = z.infer<typeof team>;
