import { z } from 'zod';
import { LIMITS } from './limits.js';

/** Calendar connections: `/v1/users/:username/calendars`. Credentials go in, never come out. */
export const calendarConnectionType = z.enum(['ics', 'caldav', 'google', 'microsoft']);
export type CalendarConnectionType = z.infer<typeof calendarConnectionType>;

/** `block` (default): a booking fails closed (503) while this connection cannot be read; `ignore`: it goes ahead. */
export const calendarErrorPolicy = z.enum(['block', 'ignore']);

const httpUrl = z.string().max(LIMITS.url).url().refine((url) => /^(https?|webcals?):\/\//i.test(url), 'an http(s) or webcal URL');

/**
 * `{type: "ics", url}` (the feed's address is often a secret: it is stored encrypted) or
 * `{type: "caldav", url, username, password}` (any URL of the server, `https://caldav.icloud.com`,
 * a principal or a calendar; an app-specific password for iCloud and Fastmail).
 */
export const createCalendarConnectionInput = z
  .strictObject({
    type: z.enum(['ics', 'caldav']),
    url: httpUrl,
    username: z.string().min(1).max(LIMITS.email).optional(),
    password: z.string().min(1).max(LIMITS.calendarPassword).optional(),
    onError: calendarErrorPolicy.default('block'),
  })
  .superRefine((input, ctx) => {
    for (const field of ['username', 'password'] as const) {
      if (input.type === 'caldav' && input[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'required for a CalDAV connection' });
      if (input.type === 'ics' && input[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'an ICS feed has only a url' });
    }
  });
export type CreateCalendarConnectionInput = z.input<typeof createCalendarConnectionInput>;

export const updateCalendarConnectionInput = z.strictObject({
  onError: calendarErrorPolicy.optional(),
  /** Which calendars count as busy, and the one that receives new bookings. */
  calendars: z
    .array(z.strictObject({ id: z.string().max(20), busy: z.boolean().optional(), destination: z.boolean().optional() }))
    .max(LIMITS.calendarChoices)
    .optional(),
  /** New credentials for a broken CalDAV connection (or a moved ICS feed); the connection is checked again. */
  url: httpUrl.optional(),
  username: z.string().min(1).max(LIMITS.email).optional(),
  password: z.string().min(1).max(LIMITS.calendarPassword).optional(),
});
export type UpdateCalendarConnectionInput = z.input<typeof updateCalendarConnectionInput>;

export const connectCalendarInput = z.strictObject({
  /** Where the provider's callback sends the host's browser afterwards (default: a page of this server). */
  returnTo: z.url({ protocol: /^https?$/ }).max(LIMITS.url).optional(),
});
export type ConnectCalendarInput = z.input<typeof connectCalendarInput>;

export const connectedCalendar = z.object({
  id: z.string(),
  name: z.string(),
  /** Its events remove slots. */
  busy: z.boolean(),
  /** New bookings are written here (one calendar per host). */
  destination: z.boolean(),
  /** Whether OpenSlot can write bookings to it (ICS feeds are read-only). */
  writable: z.boolean(),
});
export type ConnectedCalendar = z.infer<typeof connectedCalendar>;

export const calendarConnection = z.object({
  id: z.string(),
  type: calendarConnectionType,
  /** The account or server, for telling connections apart (never a password or a feed's secret path). */
  label: z.string(),
  /** `broken`: the provider refused the credentials; reconnect (or PATCH new ones) to repair. */
  status: z.enum(['ok', 'broken']),
  statusReason: z.string().nullable(),
  onError: calendarErrorPolicy,
  calendars: z.array(connectedCalendar),
  createdAt: z.string(),
});
export type CalendarConnection = z.infer<typeof calendarConnection>;

/** One calendar the slots answer could not read just now (`GET /v1/slots` → `degraded`). */
export const degradedCalendar = z.object({
  host: z.string(),
  calendar: z.string(),
  reason: z.enum(['timeout', 'unavailable', 'broken']),
});
export type DegradedCalendar = z.infer<typeof degradedCalendar>;
