import { z } from 'zod';
import { handle, timeZone } from './common.js';
import { LIMITS, singleLine } from './limits.js';

/** A picture of the host (https), shown in the booking widget; initials when there is none. */
const avatarUrl = z.url({ protocol: /^https$/ }).max(LIMITS.url).nullable();

export const user = z.object({
  username: handle,
  name: z.string(),
  avatarUrl: z.string().nullable(),
  email: z.email(),
  timeZone: timeZone,
  allowDynamicGroup: z.boolean(),
  defaultScheduleId: z.number().int().nullable(),
});
export type User = z.infer<typeof user>;

export const createUserInput = z.strictObject({
  username: handle,
  name: singleLine(LIMITS.name),
  email: z.email().max(LIMITS.email),
  timeZone: timeZone.default('UTC'),
  allowDynamicGroup: z.boolean().default(false),
  avatarUrl: avatarUrl.default(null),
});
export type CreateUserInput = z.input<typeof createUserInput>;

export const updateUserInput = z
  .strictObject({
    name: singleLine(LIMITS.name),
    email: z.email().max(LIMITS.email),
    timeZone: timeZone,
    allowDynamicGroup: z.boolean(),
    defaultScheduleId: z.number().int().positive(),
    avatarUrl,
  })
  .partial();
export type UpdateUserInput = z.input<typeof updateUserInput>;

export const apiKeyCreated = z.object({ key: z.string() });
export type ApiKeyCreated = z.infer<typeof apiKeyCreated>;
