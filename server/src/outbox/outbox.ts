import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Booking } from '@openslot/sdk/schemas';

export const BOOKING_EVENT_TYPES = [
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
] as const;
export type BookingEventType = (typeof BOOKING_EVENT_TYPES)[number];

/** The Standard Webhooks envelope every receiver gets: `{type, timestamp, data}`. */
export interface EventEnvelope {
  type: BookingEventType;
  timestamp: string;
  data: { booking: Booking } & Record<string, unknown>;
}

export interface OutboxEvent {
  id: string;
  type: BookingEventType;
  ownerUserId: number;
  eventTypeId: number | null;
  bookingUid: string | null;
  envelope: EventEnvelope;
  createdAt: number;
}

export interface NewEvent {
  type: BookingEventType;
  ownerUserId: number;
  eventTypeId: number;
  booking: Booking;
  /** Extra fields of `data` beside `booking` (`confirmedBy`, `previousBooking`, `bookings` …). */
  data?: Record<string, unknown>;
}

export function createOutbox(db: Knex) {
  return {
    /** Writes an event inside the caller's transaction: it exists exactly when the change commits. */
    async record(trx: Knex, event: NewEvent, now: number): Promise<string> {
      const id = `evt_${randomUUID().replaceAll('-', '')}`;
      const envelope: EventEnvelope = { type: event.type, timestamp: new Date(now).toISOString(), data: { ...event.data, booking: event.booking } };
      await trx('outbox_events').insert({
        id,
        type: event.type,
        owner_user_id: event.ownerUserId,
        event_type_id: event.eventTypeId,
        booking_uid: event.booking.uid,
        payload: JSON.stringify(envelope),
        created_at: now,
      });
      return id;
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
