import { z } from 'zod';
import { eventRef, handle, pageQuery } from './common.js';
import { LIMITS } from './limits.js';
import { booking, bookingPayment, refundReason } from './bookings.js';
import { calendarConnection } from './calendars.js';

export const webhookEventType = z.enum([
  'BOOKING_CREATED',
  'BOOKING_REQUESTED',
  'BOOKING_CONFIRMED',
  'BOOKING_REJECTED',
  'BOOKING_CANCELLED',
  'BOOKING_RESCHEDULED',
  'BOOKING_PAYMENT_INITIATED',
  'BOOKING_PAID',
  'BOOKING_PAYMENT_FAILED',
  'BOOKING_REFUNDED',
  'PING',
  'CALENDAR_CONNECTION_BROKEN',
]);
export type WebhookEventType = z.infer<typeof webhookEventType>;

export const createWebhookInput = z.strictObject({
  /** A user or team handle; an owner's own key implies it. */
  owner: handle.optional(),
  url: z.url({ protocol: /^https?$/ }).max(LIMITS.url),
  events: z.array(webhookEventType).min(1).max(webhookEventType.options.length),
  /** Only this event type's bookings (`alice/intro`); all of the owner's when absent. */
  eventType: eventRef.optional(),
});
export type CreateWebhookInput = z.input<typeof createWebhookInput>;

/** Only the fields given change; `eventType: null` drops the filter; `enabled: true` re-enables a subscription a 410 disabled. */
export const updateWebhookInput = z
  .strictObject({
    url: createWebhookInput.shape.url,
    events: createWebhookInput.shape.events,
    eventType: eventRef.nullable(),
    enabled: z.boolean(),
  })
  .partial();
export type UpdateWebhookInput = z.input<typeof updateWebhookInput>;

/** `owner`: one account's subscriptions (a team's, for its managers; anyone's, for the platform key). */
export const listWebhooksQuery = pageQuery.extend({ owner: handle.optional() });
export type ListWebhooksQuery = z.input<typeof listWebhooksQuery>;

export const webhookSubscription = z.object({
  id: z.string(),
  owner: handle,
  url: z.string(),
  events: z.array(webhookEventType),
  eventType: z.string().nullable(),
  /** `false` once the receiver answered 410 Gone, or its owner disabled it. */
  active: z.boolean(),
  /** Why it is disabled ("the receiver answered 410 Gone"); `null` while active. */
  disabledReason: z.string().nullable(),
  createdAt: z.string(),
});
export type WebhookSubscription = z.infer<typeof webhookSubscription>;

/** Only the create response carries the signing secret, `whsec_…`. */
export const webhookSubscriptionCreated = webhookSubscription.extend({ secret: z.string() });
export type WebhookSubscriptionCreated = z.infer<typeof webhookSubscriptionCreated>;

/** One HTTP attempt of a delivery, as the dispatcher recorded it. */
export const webhookAttempt = z.object({
  at: z.string(),
  /** `null` when no answer came (timeout, refused connection, refused address). */
  statusCode: z.number().int().nullable(),
  durationMs: z.number().int(),
  error: z.string().nullable(),
  /** The first 500 characters of the receiver's answer. */
  responseSnippet: z.string().nullable(),
});
export type WebhookAttempt = z.infer<typeof webhookAttempt>;

export const webhookDelivery = z.object({
  id: z.string(),
  /** The message id (`webhook-id`), stable across retries: receivers dedupe on it. */
  eventId: z.string(),
  type: webhookEventType,
  status: z.enum(['pending', 'succeeded', 'failed']),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  /** Every attempt, oldest first. */
  history: z.array(webhookAttempt),
});
export type WebhookDelivery = z.infer<typeof webhookDelivery>;

/**
 * The events receivers get (Standard Webhooks envelope), version 1. `data.booking` is the same
 * booking the API returns; there are never secrets (manage tokens, keys) in an event. New optional
 * fields may appear within v1; removing or retyping one makes v2. JSON Schemas generated from
 * these live in server/webhook-schemas/v1/.
 */
const envelope = <T extends WebhookEventType, D extends z.ZodRawShape>(type: T, data: D, description: string) =>
  z
    .object({
      type: z.literal(type),
      /** When the change happened (ISO 8601 UTC). */
      timestamp: z.string(),
      data: z.object({ booking, ...data }),
    })
    .meta({ title: type, description });

/** The payment as the event saw it: the booking's payment without its checkout link. */
const payment = bookingPayment.pick({ status: true, amount: true, currency: true, refundedAmount: true }).describe('amounts in the currency minor unit');

/** The test event `POST /v1/webhooks/:id/test` sends to one subscription; it carries no booking. */
export const pingEvent = z
  .object({
    type: z.literal('PING'),
    /** When it was sent (ISO 8601 UTC). */
    timestamp: z.string(),
    data: z.object({
      webhook: z.object({ id: z.string(), url: z.string() }).describe('the subscription this test was sent to'),
    }),
  })
  .meta({ title: 'PING', description: 'A test event, sent only when its owner asks (POST /v1/webhooks/:id/test); verify it like any other.' });

/** A recurring series is announced once: `booking` is its first occurrence, `bookings` all of them. */
const series = {
  bookings: z.array(booking).optional().describe('every occurrence of a recurring series this event covers, first to last; absent for a single booking'),
};

export const webhookEvents = {
  BOOKING_CREATED: envelope('BOOKING_CREATED', series, 'A booking now exists, in any status (accepted, pending, awaiting_payment).'),
  BOOKING_REQUESTED: envelope('BOOKING_REQUESTED', series, 'A new booking waits for the host to confirm or reject it (status pending).'),
  BOOKING_CONFIRMED: envelope(
    'BOOKING_CONFIRMED',
    { ...series, confirmedBy: z.enum(['auto', 'host', 'payment']).describe('auto: no confirmation needed; host: the host confirmed; payment: paid') },
    'The booking became accepted.',
  ),
  BOOKING_REJECTED: envelope('BOOKING_REJECTED', {}, 'The host rejected a pending booking; booking.rejectionReason says why when given.'),
  BOOKING_CANCELLED: envelope(
    'BOOKING_CANCELLED',
    { ...series, cancelledBy: z.enum(['host', 'booker']).describe('host: with an owner key; booker: with the manage token') },
    'The booking was cancelled; booking.cancellationReason says why when given.',
  ),
  BOOKING_RESCHEDULED: envelope(
    'BOOKING_RESCHEDULED',
    {
      previousBooking: booking.describe('the booking it replaces, now cancelled (its rescheduledToUid is the new uid)'),
      rescheduledBy: z.enum(['host', 'booker']).describe('host: with an owner key; booker: with the manage token'),
    },
    'The booking moved: data.booking is the new booking (rescheduledFromUid names the old one).',
  ),
  BOOKING_PAYMENT_INITIATED: envelope(
    'BOOKING_PAYMENT_INITIATED',
    { payment },
    'A paid booking now holds its time (status awaiting_payment) until it is paid or its payment time runs out (payment.expiresAt).',
  ),
  BOOKING_PAID: envelope(
    'BOOKING_PAID',
    { payment },
    'Stripe took the money: the booking is accepted (BOOKING_CONFIRMED follows), or a host confirmed a request whose card was authorised.',
  ),
  BOOKING_PAYMENT_FAILED: envelope(
    'BOOKING_PAYMENT_FAILED',
    { payment, reason: z.enum(['expired', 'failed']).describe('expired: the payment time ran out, the time is free again; failed: the payment method was declined later (bank debit)') },
    'The booking was not paid and no longer holds its time (status expired).',
  ),
  BOOKING_REFUNDED: envelope(
    'BOOKING_REFUNDED',
    {
      payment,
      refund: z
        .object({
          amount: z.number().int().describe('this refund, in minor units; payment.refundedAmount is the total so far'),
          reason: refundReason,
          kind: z.enum(['refund', 'authorization_released']).describe('authorization_released: the card was only authorised, and the hold on it was lifted (nothing was charged)'),
        })
        .describe('the money that went back with this event'),
    },
    'Money went back to the booker, in full or in part (data.refund.amount).',
  ),
  PING: pingEvent,
  CALENDAR_CONNECTION_BROKEN: z
    .object({
      type: z.literal('CALENDAR_CONNECTION_BROKEN'),
      timestamp: z.string(),
      data: z.object({
        connection: calendarConnection.describe('the connection as the API shows it (status broken); never its credentials'),
        host: handle.describe('the host whose calendar it is'),
      }),
    })
    .meta({
      title: 'CALENDAR_CONNECTION_BROKEN',
      description: "A host's calendar refused OpenSlot's credentials (revoked access, changed password): its busy time no longer counts and bookings are not written to it until the host reconnects.",
    }),
} as const;
export type WebhookEvent = { [K in keyof typeof webhookEvents]: z.infer<(typeof webhookEvents)[K]> }[keyof typeof webhookEvents];

/** The answer to a secret rotation: the new secret, once; the old one keeps signing until `previousSecretExpiresAt`. */
export const webhookSecretRotated = webhookSubscription.extend({ secret: z.string(), previousSecretExpiresAt: z.string() });
export type WebhookSecretRotated = z.infer<typeof webhookSecretRotated>;
