import { z } from 'zod';
import { handle } from './common.js';

/** `owner` and `admin` manage the team and its event types; a `member` can host them. */
export const teamRole = z.enum(['owner', 'admin', 'member']);
export type TeamRole = z.infer<typeof teamRole>;

export const teamMember = z.object({
  username: handle,
  role: teamRole.default('member'),
});
export type TeamMember = z.infer<typeof teamMember>;

const members = z
  .array(teamMember)
  .max(500)
  .refine((list) => new Set(list.map((m) => m.username)).size === list.length, 'each username at most once');

export const createTeamInput = z.object({
  /** A handle in the same namespace as usernames: `acme` for `acme/sales`. */
  slug: handle,
  name: z.string().trim().min(1).max(200),
  members: members.default([]),
});
export type CreateTeamInput = z.input<typeof createTeamInput>;

/** `members`, when given, replaces the whole list. */
export const updateTeamInput = z.object({ name: createTeamInput.shape.name, members }).partial();
export type UpdateTeamInput = z.input<typeof updateTeamInput>;

export const team = z.object({
  slug: handle,
  name: z.string(),
  members: z.array(z.object({ username: handle, role: teamRole })),
});
export type Team = z.infer<typeof team>;
