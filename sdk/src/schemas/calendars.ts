import { z } from 'zod';

/** Calendar connections: `/v1/users/:username/calendars`. Credentials go in, never come out. */
export const calendarConnectionType = z.enum(['ics', 'caldav', 'google', 'microsoft']);
export type CalendarConnectionType = z.infer<typeof calendarConnectionType>;

/** `block` (default): a booking fails closed (503) while this connection cannot be read; `ignore`: it goes ahead. */
export const calendarErrorPolicy = z.enum(['block', 'ignore']);

const httpUrl = z.string().max(2000).url().refine((url) => /^(https?|webcals?):\/\//i.test(url), 'an http(s) or webcal URL');

export const createCalendarConnectionInput = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('ics'),
    /** The feed's address; often secret (it grants read access), so it is stored encrypted. */
    url: httpUrl,
    onError: calendarErrorPolicy.default('block'),
  }),
  z.strictObject({
    type: z.literal('caldav'),
    /** Any URL of the server (`https://caldav.icloud.com`, a principal, a calendar). */
    url: httpUrl,
    username: z.string().min(1).max(320),
    /** An app-specific password (iCloud, Fastmail). */
    password: z.string().min(1).max(500),
    onError: calendarErrorPolicy.default('block'),
  }),
]);
export type CreateCalendarConnectionInput = z.input<typeof createCalendarConnectionInput>;

export const updateCalendarConnectionInput = z.strictObject({
  onError: calendarErrorPolicy.optional(),
  /** Which calendars count as busy, and the one that receives new bookings. */
  calendars: z
    .array(z.strictObject({ id: z.string().max(20), busy: z.boolean().optional(), destination: z.boolean().optional() }))
    .max(200)
    .optional(),
  /** New credentials for a broken CalDAV connection (or a moved ICS feed); the connection is checked again. */
  url: httpUrl.optional(),
  username: z.string().min(1).max(320).optional(),
  password: z.string().min(1).max(500).optional(),
});
export type UpdateCalendarConnectionInput = z.input<typeof updateCalendarConnectionInput>;

export const connectCalendarInput = z.strictObject({
  /** Where the provider's callback sends the host's browser afterwards (default: a page of this server). */
  returnTo: z.string().max(2000).url().optional(),
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
