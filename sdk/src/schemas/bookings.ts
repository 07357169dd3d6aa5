import { z } from 'zod';
import { eventRef, handle, isoDate, isoInstant, pageQuery, timeZone } from './common.js';
import { boundedRecord, LIMITS, singleLine, text } from './limits.js';
import { locationType } from './event-types.js';

export const bookingStatus = z.enum(['pending', 'awaiting_payment', 'accepted', 'rejected', 'cancelled', 'expired']);
export type BookingStatus = z.infer<typeof bookingStatus>;

/** The statuses that hold a host's time. */
export const HOLDING_STATUSES: readonly BookingStatus[] = ['pending', 'awaiting_payment', 'accepted'];

export const attendeeInput = z.strictObject({
  name: singleLine(LIMITS.name),
  email: z.email().max(LIMITS.email),
  timeZone: timeZone.optional(),
  locale: z.string().max(LIMITS.locale).regex(/^[A-Za-z0-9-]+$/, 'a language tag such as "de-CH"').optional(),
});

export const createBookingInput = z.strictObject({
  event: eventRef,
  start: isoInstant,
  timeZone: timeZone,
  attendee: attendeeInput,
  guests: z.array(z.email().max(LIMITS.email)).max(LIMITS.guests).default([]),
  /** Answers to the event type's `bookingFields`, by field name. */
  responses: boundedRecord(LIMITS.bookingFieldName, z.union([text(LIMITS.responseText), z.number(), z.boolean()]), LIMITS.responses).default({}),
  recurrence: z.strictObject({ count: z.number().int().min(1).max(LIMITS.occurrences) }).optional(),
  metadata: boundedRecord(LIMITS.metadataKey, text(LIMITS.metadataValue), LIMITS.metadataKeys).default({}),
});
export type CreateBookingInput = z.input<typeof createBookingInput>;

export const cancelBookingInput = z.strictObject({
  reason: text(LIMITS.reason).optional(),
  allRemaining: z.boolean().default(false),
});
export type CancelBookingInput = z.input<typeof cancelBookingInput>;

export const rescheduleBookingInput = z.strictObject({ start: isoInstant, reason: text(LIMITS.reason).optional() });
export type RescheduleBookingInput = z.input<typeof rescheduleBookingInput>;

export const decisionInput = z.strictObject({ reason: text(LIMITS.reason).optional() });
export type DecisionInput = z.input<typeof decisionInput>;

/** `POST /v1/bookings/:uid/refund`: the host gives money back; everything still unrefunded without `amount`. */
export const refundBookingInput = z.strictObject({
  amount: z.number().int().min(1).max(99_999_999).optional(),
});
export type RefundBookingInput = z.input<typeof refundBookingInput>;

/**
 * `status`: one status, or `upcoming` (still holding time and not yet over, soonest first) or
 * `past` (accepted and over, latest first). `from`/`to`: dates in `timeZone` (both inclusive) or
 * instants; a booking is listed when it overlaps them. `q`: a search.
 */
export const listBookingsQuery = pageQuery.extend({
  status: z.union([bookingStatus, z.enum(['upcoming', 'past'])]).optional(),
  from: z.union([isoDate, isoInstant]).optional(),
  to: z.union([isoDate, isoInstant]).optional(),
  timeZone: timeZone.default('UTC'),
  event: eventRef.optional(),
  /** Text the booking's title, its attendee's name or email contains (case-insensitive). */
  q: singleLine(LIMITS.name).optional(),
});
export type ListBookingsQuery = z.input<typeof listBookingsQuery>;

/** What Stripe says about a paid booking's money (amounts in minor units, as the event type's price). */
export const paymentStatus = z.enum(['unpaid', 'authorized', 'paid', 'partially_refunded', 'refunded', 'failed', 'expired']);
export type PaymentStatus = z.infer<typeof paymentStatus>;

export const bookingPayment = z.object({
  status: paymentStatus,
  amount: z.number().int(),
  currency: z.string(),
  refundedAmount: z.number().int(),
  /** Stripe Checkout's page while the booking waits for payment; `null` once it cannot be paid there. */
  checkoutUrl: z.string().nullable(),
  /** When the hold ends and the time is freed unless paid (ISO 8601 UTC). */
  expiresAt: z.string().nullable(),
});
export type BookingPayment = z.infer<typeof bookingPayment>;

/** `POST /v1/users/:username/stripe/connect`, `POST /v1/teams/:slug/stripe/connect`: Stripe's onboarding page for the account that is paid. */
export const stripeConnectLink = z.object({ url: z.string() });
export type StripeConnectLink = z.infer<typeof stripeConnectLink>;

/**
 * `GET /v1/users/:username/stripe`, `GET /v1/teams/:slug/stripe`: what the owner sees of payments.
 * `paymentsEnabled`: the server takes payments (STRIPE_SECRET_KEY); `connect`: owners are paid
 * into accounts of their own (STRIPE_CONNECT=true), else into the platform's; `account`: the
 * connected account (`null` until connecting starts), `chargesEnabled` once Stripe lets it be paid.
 */
export const stripeState = z.object({
  paymentsEnabled: z.boolean(),
  connect: z.boolean(),
  account: z.object({ id: z.string(), chargesEnabled: z.boolean(), detailsSubmitted: z.boolean() }).nullable(),
});
export type StripeState = z.infer<typeof stripeState>;

/** Why money went back: the refund's cause as webhooks and emails name it. */
export const refundReason = z.enum(['booker_cancelled', 'host_cancelled', 'host_request', 'rejected', 'time_unavailable', 'duplicate', 'stripe_dashboard']);
export type RefundReason = z.infer<typeof refundReason>;

export const attendee = z.object({
  name: z.string(),
  email: z.string(),
  timeZone: z.string(),
  locale: z.string().nullable(),
});
export type Attendee = z.infer<typeof attendee>;

export const booking = z.object({
  uid: z.string(),
  status: bookingStatus,
  eventType: z.string(),
  title: z.string(),
  start: z.string(),
  end: z.string(),
  timeZone: z.string(),
  hosts: z.array(z.object({ username: handle, name: z.string(), email: z.string() })),
  attendee,
  guests: z.array(z.string()),
  responses: z.record(z.string(), z.unknown()),
  metadata: z.record(z.string(), z.string()),
  location: z.object({
    type: locationType,
    url: z.string().nullable(),
    address: z.string().nullable(),
  }),
  recurringSeriesUid: z.string().nullable(),
  rescheduledFromUid: z.string().nullable(),
  rescheduledToUid: z.string().nullable(),
  cancellationReason: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  /** Set when the event type has a price; `null` for free bookings. */
  payment: bookingPayment.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Booking = z.infer<typeof booking>;

export const createBookingResponse = z.object({
  booking,
  manageToken: z.string(),
  bookings: z.array(booking).optional(),
});
export type CreateBookingResponse = z.infer<typeof createBookingResponse>;
