import { z } from 'zod';
import { handle } from './common.js';

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
]);
export type WebhookEventType = z.infer<typeof webhookEventType>;

export const createWebhookInput = z.object({
  /** A user or team handle; an owner's own key implies it. */
  owner: handle.optional(),
  url: z.url({ protocol: /^https?$/ }),
  events: z.array(webhookEventType).min(1),
  /** Only this event type's bookings (`alice/intro`); all of the owner's when absent. */
  eventType: z.string().min(3).max(200).optional(),
});
export type CreateWebhookInput = z.input<typeof createWebhookInput>;

export const webhookSubscription = z.object({
  id: z.string(),
  owner: handle,
  url: z.string(),
  events: z.array(webhookEventType),
  eventType: z.string().nullable(),
  /** `false` once the receiver answered 410 Gone. */
  active: z.boolean(),
  createdAt: z.string(),
});
export type WebhookSubscription = z.infer<typeof webhookSubscription>;

/** Only the create response carries the signing secret, `whsec_…`. */
export const webhookSubscriptionCreated = webhookSubscription.extend({ secret: z.string() });
export type WebhookSubscriptionCreated = z.infer<typeof webhookSubscriptionCreated>;

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
});
export type WebhookDelivery = z.infer<typeof webhookDelivery>;
