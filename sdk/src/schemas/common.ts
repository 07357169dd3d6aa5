import { z } from 'zod';
import { LIMITS } from './limits.js';

/** A user or team handle: lowercase letters, digits, `-` and `_`, as in `alice` or `acme-sales`. */
export const handle = z
  .string()
  .max(LIMITS.handle)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, `lowercase letters, digits, "-" or "_", at most ${LIMITS.handle} characters`);

/** An event type's slug within its owner, as in `intro`. */
export const slug = handle;

/** A calendar date, `2026-12-24`. */
export const isoDate = z
  .string()
  .max(10)
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'not a real date');

/** A wall-clock time of day, `09:00`; `24:00` closes a range at midnight. */
export const wallTime = z
  .string()
  .max(5)
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time as HH:MM (00:00 to 24:00)');

/** An instant with an explicit offset, `2026-12-01T09:00:00Z` or `2026-12-01T10:00:00+01:00`. */
export const isoInstant = z.iso.datetime({ offset: true }).max(40);

/**
 * An event as the API names it: `alice/intro`, `acme/sales`, `alice+bob/intro`. Handles never
 * contain spaces, so a space reads as `+`: a query string's `event=alice+bob/intro` decodes to one.
 */
export const eventRef = z
  .string()
  .min(3)
  .max(LIMITS.eventRef)
  .overwrite((value) => value.replaceAll(' ', '+'));

/**
 * The paging of every list: `limit` items (100 unless given, at most 500) after `cursor`, the
 * `nextCursor` of the page before (`null` on the last page). A cursor continues the query it came from.
 */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(LIMITS.listMax).default(LIMITS.listDefault),
  cursor: z.string().min(1).max(LIMITS.cursor).optional(),
});
export type PageQuery = z.input<typeof pageQuery>;

/** A page of a list answer: `{[key]: items, nextCursor}`. */
export const page = <K extends string, T extends z.ZodType>(key: K, item: T) =>
  z.object({ [key]: z.array(item), nextCursor: z.string().nullable() } as { [P in K]: z.ZodArray<T> } & { nextCursor: z.ZodNullable<z.ZodString> });

/** The body of a write that takes no fields: empty, or `{}`. */
export const emptyInput = z.strictObject({});

/** An IANA time zone known to this runtime, such as `Europe/Berlin` */
export const timeZone = z.string().max(LIMITS.timeZone).refine(isKnownTimeZone, 'an IANA time zone such as "Europe/Berlin"');

/** Zones already found valid: building an Intl.DateTimeFormat costs ~30 µs, and every booking checks two or three. Some 600 names exist (any casing passes Intl, hence the cap). */
const knownTimeZones = new Set<string>();

export function isKnownTimeZone(value: string): boolean {
  if (knownTimeZones.has(value)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
  } catch {
    return false;
  }
  if (value.length === 0) return false;
  if (knownTimeZones.size < 2_000) knownTimeZones.add(value);
  return true;
}

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;
