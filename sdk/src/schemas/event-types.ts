import { z } from 'zod';
import { handle, isoDate, slug } from './common.js';
import { LIMITS, singleLine, text } from './limits.js';
import { EVENT_TYPE_DEFAULTS } from './event-type-defaults.js';

const minutes = (max: number) => z.number().int().min(0).max(max);

export const bookingWindow = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('rolling'), days: z.number().int().min(1).max(3650) }),
  z
    .strictObject({ type: z.literal('range'), start: isoDate, end: isoDate })
    .refine((w) => w.end >= w.start, { message: 'end must not be before start', path: ['end'] }),
  z.strictObject({ type: z.literal('unlimited') }),
]);
export type BookingWindow = z.infer<typeof bookingWindow>;

export const bookingLimits = z.strictObject({
  perDay: z.number().int().min(1).max(1000).nullable().default(null),
  perWeek: z.number().int().min(1).max(7000).nullable().default(null),
});
export type BookingLimits = z.infer<typeof bookingLimits>;

export const schedulingType = z.enum(['round_robin', 'collective']).nullable();
export type SchedulingType = z.infer<typeof schedulingType>;

export const eventTypeHost = z.strictObject({
  username: handle,
  weight: z.number().int().min(1).max(1000).default(1),
  priority: z.number().int().min(0).max(4).default(2),
  fixed: z.boolean().default(false),
});
export type EventTypeHost = z.infer<typeof eventTypeHost>;

export const recurringRule = z.strictObject({
  freq: z.enum(['weekly', 'monthly']),
  interval: z.number().int().min(1).max(12).default(1),
  maxCount: z.number().int().min(2).max(LIMITS.occurrences),
});
export type RecurringRule = z.infer<typeof recurringRule>;

/**
 * What a booking costs, in the currency's minor unit (`{amount: 5000, currency: "eur"}` is €50.00,
 * `{amount: 5000, currency: "jpy"}` is ¥5,000). On a seated event type it is the price of one seat:
 * each attendee's booking pays its own.
 */
export const price = z.strictObject({
  /** Stripe's largest amount: eight digits. */
  amount: z.number().int().min(1).max(99_999_999),
  currency: z.string().max(3).regex(/^[a-z]{3}$/, 'a lowercase ISO 4217 code such as "eur"'),
});
export type Price = z.infer<typeof price>;

/**
 * With `fullUntilHoursBefore`, a booker who cancels at least that many hours before the start gets
 * everything back, and later the policy's own share (`full`: nothing once the window has passed).
 */
const fullUntilHoursBefore = z.number().int().min(1).max(8760).optional();

/**
 * What a booker gets back when they cancel a paid booking (a host's cancel or reject always
 * refunds in full): nothing (the default, as peers do: refunds cost fees), everything, or `percent`.
 */
export const refundPolicy = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none'), fullUntilHoursBefore }),
  z.strictObject({ type: z.literal('full'), fullUntilHoursBefore }),
  z.strictObject({ type: z.literal('partial'), percent: z.number().int().min(1).max(99), fullUntilHoursBefore }),
]);
export type RefundPolicy = z.infer<typeof refundPolicy>;

export const locationType = z.enum(['jitsi', 'mirotalk', '8x8', 'link', 'in_person', 'phone']);
export type LocationType = z.infer<typeof locationType>;

export const location = z.strictObject({
  type: locationType,
  url: z.url({ protocol: /^https?$/ }).max(LIMITS.url).optional(),
  address: text(LIMITS.address).optional(),
});
export type Location = z.infer<typeof location>;

export const bookingField = z.strictObject({
  name: z
    .string()
    .max(LIMITS.bookingFieldName)
    .regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'letters, digits and "_", starting with a letter'),
  label: singleLine(LIMITS.bookingFieldLabel),
  type: z.enum(['text', 'textarea', 'email', 'phone', 'number', 'select', 'checkbox']),
  required: z.boolean().default(false),
  options: z.array(singleLine(LIMITS.bookingFieldOption)).max(LIMITS.bookingFieldOptions).optional(),
});
export type BookingField = z.infer<typeof bookingField>;

/** Every field an owner can set, without defaults (a PATCH must not reset what it omits). */
/**
 * An entry of `allowedOrigins`: a web origin, `https://shop.example.com` or `http://localhost:3000`
 * (a trailing slash allowed). Nothing a browser would not send as `Origin`: no other scheme
 * (`javascript:`), no credentials, path, query, fragment, wildcard or whitespace.
 */
export const webOrigin = z
  .string()
  .max(LIMITS.origin)
  .refine((value) => {
    if (!/^https?:\/\/[^\s/?#@]+\/?$/i.test(value)) return false;
    try {
      const url = new URL(value);
      return /^https?:$/.test(url.protocol) && /^([a-z0-9-]+\.)*[a-z0-9-]+$|^\[[0-9a-f:.]+\]$/.test(url.hostname);
    } catch {
      return false;
    }
  }, 'must be an http(s) origin, like https://shop.example.com');

const eventTypeSettings = z.strictObject({
  title: singleLine(LIMITS.title),
  description: text(LIMITS.description),
  durationMinutes: z.number().int().min(5).max(24 * 60),
  /** The grid slots start on; `null` means the duration. */
  slotIntervalMinutes: z.number().int().min(5).max(24 * 60).nullable(),
  minimumNoticeMinutes: minutes(365 * 24 * 60),
  beforeBufferMinutes: minutes(24 * 60),
  afterBufferMinutes: minutes(24 * 60),
  bookingWindow,
  scheduleId: z.number().int().positive().nullable(),
  limits: bookingLimits,
  seats: z.number().int().min(1).max(1000).nullable(),
  requiresConfirmation: z.boolean(),
  schedulingType,
  hosts: z.array(eventTypeHost).max(LIMITS.hosts),
  recurring: recurringRule.nullable(),
  price: price.nullable(),
  refundPolicy,
  location,
  bookingFields: z.array(bookingField).max(LIMITS.bookingFields),
  /**
   * Whether a booking may name `guests`, who are then sent the booking's emails. Off by default:
   * guest addresses are typed by whoever books, so an open guest list lets anyone send mail
   * through the host's event type to addresses that never asked.
   */
  allowGuests: z.boolean(),
  allowedOrigins: z.array(webOrigin).max(LIMITS.allowedOrigins),
});
export type EventTypeSettings = z.output<typeof eventTypeSettings>;

export { EVENT_TYPE_DEFAULTS };

export const createEventTypeInput = eventTypeSettings
  .partial()
  .extend({ owner: handle, slug, title: eventTypeSettings.shape.title, durationMinutes: eventTypeSettings.shape.durationMinutes })
  .transform((input) => ({ ...EVENT_TYPE_DEFAULTS, ...input }));
export type CreateEventTypeInput = z.input<typeof createEventTypeInput>;

export const updateEventTypeInput = eventTypeSettings.extend({ slug }).partial();
export type UpdateEventTypeInput = z.input<typeof updateEventTypeInput>;

export const eventType = eventTypeSettings.extend({
  id: z.number().int(),
  owner: handle,
  slug,
  /** `owner/slug`, the name the widget and bookings use. */
  event: z.string(),
});
export type EventType = z.infer<typeof eventType>;

/** What anyone may read: no schedule ids, no allowed origins, no fixed meeting URL. */
export const publicEventType = z.object({
  event: z.string(),
  owner: handle,
  slug,
  title: z.string(),
  description: z.string(),
  durationMinutes: z.number().int(),
  requiresConfirmation: z.boolean(),
  seats: z.number().int().nullable(),
  schedulingType: schedulingType,
  hosts: z.array(z.object({ username: handle, name: z.string(), avatarUrl: z.string().nullable() })),
  recurring: recurringRule.nullable(),
  price: price.nullable(),
  refundPolicy,
  locationType: locationType,
  bookingFields: z.array(bookingField),
  /** Whether the booking form offers guests (a booking naming guests is refused otherwise). */
  allowGuests: z.boolean(),
  timeZone: z.string(),
});
export type PublicEventType = z.infer<typeof publicEventType>;
