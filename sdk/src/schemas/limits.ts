import { z } from 'zod';

/**
 * The maxima of everything a client may send, in one place. The wire schemas take their bounds
 * from here, the OpenAPI document states them (`maxLength`, `maxItems`, `maxProperties`), the
 * database columns are sized for them (server/src/db/migrations), and a server test writes every
 * input at its maxima on MySQL. Lengths count UTF-16 code units, as JavaScript (and zod) do; a
 * MySQL `VARCHAR(n)` in utf8mb4 always holds n of them.
 */
export const LIMITS = {
  /** A user or team handle, an event type slug (`users.username`, `event_types.slug`). */
  handle: 39,
  /** The most people a dynamic group (`alice+bob+…/intro`) may list. */
  dynamicGroup: 10,
  /** An event as the API names it: `alice/intro`, `acme/sales`, `alice+bob/intro` (ten handles, a slug). */
  eventRef: 10 * 39 + 9 + 1 + 39,
  /** A person's, team's or schedule's name; a booker's name. */
  name: 200,
  /** An API key's name (`api_keys.name`). */
  apiKeyName: 100,
  /** An email address (RFC 5321's limit on a path). */
  email: 254,
  /** An IANA time zone name. */
  timeZone: 64,
  /** A BCP 47 language tag. */
  locale: 35,
  /** An event type's title. */
  title: 200,
  description: 5000,
  /** Any URL a client gives (a meeting link, a webhook receiver). */
  url: 2000,
  /** An entry of `allowedOrigins` (an http(s) origin). */
  origin: 300,
  /** An in-person meeting's address. */
  address: 500,
  /** Why a booking was cancelled, rejected or moved. */
  reason: 2000,
  guests: 10,
  /** Extra questions of an event type, their labels and a select's options. */
  bookingFields: 30,
  bookingFieldName: 40,
  bookingFieldLabel: 200,
  bookingFieldOptions: 50,
  bookingFieldOption: 100,
  /** A booker's answers: one per question, and one the phone location asks for. */
  responses: 31,
  responseText: 1000,
  /** Key/value metadata passed to a booking and its webhooks (Stripe's limits). */
  metadataKeys: 50,
  metadataKey: 40,
  metadataValue: 500,
  /** A recurring series' occurrences. */
  occurrences: 52,
  /** Hosts of a team event type, members of a team. */
  hosts: 500,
  members: 500,
  allowedOrigins: 50,
  /** A schedule's weekly ranges (a range an hour, every hour of the week), date overrides, ranges a day. */
  weeklyHours: 7 * 24,
  overrides: 1000,
  rangesPerDay: 24,
  /** A calendar account's app password (CalDAV). */
  calendarPassword: 500,
  /** Calendars chosen in one change of a calendar connection. */
  calendarChoices: 200,
  /** Items a list answers at once: by default, at most (`?limit=`). */
  listDefault: 100,
  listMax: 500,
  /** A list's `cursor` (opaque; only ever one the list itself answered). */
  cursor: 200,
  /** A JSON request body, in bytes: every input at its maxima fits. */
  bodyBytes: 1_000_000,
} as const;

/**
 * The longest booking title the server writes: the event title, at most three host names (or two
 * and "N others"), and the booker's name (`bookings.title` holds it).
 */
export const BOOKING_TITLE_MAX = 1100;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const printable = (schema: z.ZodString) =>
  schema.refine((value) => !CONTROL.test(value), 'no control characters').refine((value) => !LONE_SURROGATE.test(value), 'not well-formed Unicode');

/** Text a person types: at most `max` code units, no control characters (newlines and tabs are fine), well-formed Unicode. */
export const text = (max: number) => printable(z.string().max(max));

/** A one-line name: trimmed, then 1 to `max` code units, no line breaks or control characters. */
export const singleLine = (max: number) => printable(z.string().trim().min(1).max(max)).refine((value) => !/[\n\r\t]/.test(value), 'a single line');

/** An object of at most `max` entries, each key at most `keyMax` code units (zod drops a `__proto__` key). */
export const boundedRecord = <V extends z.ZodType>(keyMax: number, value: V, max: number) =>
  z
    .record(z.string().min(1).max(keyMax), value)
    .refine((record) => Object.keys(record).length <= max, `at most ${max} entries`)
    .meta({ maxProperties: max });
