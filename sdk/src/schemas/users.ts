import { z } from 'zod';
import { handle, timeZone } from './common.js';

export const user = z.object({
  username: handle,
  name: z.string(),
  email: z.email(),
  timeZone: timeZone,
  allowDynamicGroup: z.boolean(),
  defaultScheduleId: z.number().int().nullable(),
});
export type User = z.infer<typeof user>;

export const createUserInput = z.object({
  username: handle,
  name: z.string().trim().min(1).max(200),
  email: z.email(),
  timeZone: timeZone.default('UTC'),
  allowDynamicGroup: z.boolean().default(false),
});
export type CreateUserInput = z.input<typeof createUserInput>;

export const updateUserInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    email: z.email(),
    timeZone: timeZone,
    allowDynamicGroup: z.boolean(),
    defaultScheduleId: z.number().int().positive(),
  })
  .partial();
export type UpdateUserInput = z.input<typeof updateUserInput>;

export const apiKeyCreated = z.object({ key: z.string() });
export type ApiKeyCreated = z.infer<typeof apiKeyCreated>;
