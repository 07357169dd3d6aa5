import { z } from 'zod';
import { handle, isoInstant, timeZone } from './common.js';
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

/**
 * What an API key may do. `read`: GET requests only. `bookings`: `read`, plus the booking actions
 * (cancel, reschedule, confirm, reject, refund). `full` (the default): everything its user may do,
 * managing API keys included. Several scopes add up.
 */
export const API_KEY_SCOPES = ['read', 'bookings', 'full'] as const;
export const apiKeyScope = z.enum(API_KEY_SCOPES);
export type ApiKeyScope = z.infer<typeof apiKeyScope>;

export const createApiKeyInput = z.strictObject({
  /** Yours, to tell keys apart (`zapier`, `ci`). */
  name: singleLine(LIMITS.apiKeyName).optional(),
  scopes: z.array(apiKeyScope).min(1).max(API_KEY_SCOPES.length).default(['full']),
  /** After this instant the key answers 401; without it the key lasts until revoked. */
  expiresAt: isoInstant.optional(),
});
export type CreateApiKeyInput = z.input<typeof createApiKeyInput>;

/** An API key as listed: never the key itself, only its first characters (`prefix`). */
export const apiKey = z.object({
  id: z.number().int(),
  prefix: z.string(),
  name: z.string().nullable(),
  scopes: z.array(apiKeyScope),
  createdAt: z.string(),
  /** To the minute: recorded at most once a minute per key. */
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export type ApiKey = z.infer<typeof apiKey>;

/** `key` is shown this once; only its hash is stored. */
export const apiKeyCreated = z.object({ key: z.string(), apiKey });
export type ApiKeyCreated = z.infer<typeof apiKeyCreated>;
