import type { z } from 'zod';
import type { Booking, BookingStatus, createBookingInput } from '@openslot/sdk/schemas';
import { DomainError, SlotUnavailableError } from '../errors.js';
import { ATTENDEE_PHONE_RESPONSE } from '../locations/index.js';
import { newUid, publicBooking } from './access.js';
import type { BookingsContext } from './context.js';
import { checkResponses } from './responses.js';

export type ParsedCreateBooking = z.output<typeof createBookingInput>;

export interface CreatedBooking {
  booking: Booking;
  manageToken: string;
}

/**
 * POST /v1/bookings. In one transaction: claim the idempotency key, lock the hosts (one statement,
 * id order), check the time is still offered, insert, write the events. Mail goes after commit.
 */
export function createBookingCreation(ctx: BookingsContext) {
  const { clock, bookings, eventTypes, availability, locations, idempotency, outbox, access, notifier } = ctx;

  async function create(input: ParsedCreateBooking, idempotencyKey: string | null): Promise<CreatedBooking> {
    const resolved = await eventTypes.resolve(input.event);
    const { eventType } = resolved;
    const locationType = eventType.location.type;
    const responses = checkResponses(eventType.bookingFields, input.responses, locationType === 'phone' ? [ATTENDEE_PHONE_RESPONSE] : []);
    const start = Date.parse(input.start);
    const end = start + eventType.durationMinutes * 60_000;
    const status: BookingStatus = eventType.requiresConfirmation ? 'pending' : 'accepted';
    const uid = newUid();
    const location = locations.resolve(eventType.location, { responses });
    const now = clock.now();

    const row = await ctx.transaction(async (trx) => {
      if (idempotencyKey) await idempotency.claim(idempotencyKey, input, now, trx);
      await bookings.lockHosts(resolved.hosts.map((host) => host.id), trx);
      const free = await availability.hostsFreeAt(resolved, start, now, trx);
      if (!free) throw new SlotUnavailableError(`${new Date(start).toISOString()} is not available for ${resolved.event}`);
      const hostIds = resolved.hosts.filter((host) => free.includes(host.username)).map((host) => host.id);
      await bookings.insert(
        {
          uid,
          eventTypeId: eventType.id,
          status,
          title: `${eventType.title} between ${resolved.hosts.map((host) => host.name).join(', ')} and ${input.attendee.name}`,
          start,
          end,
          beforeBufferMinutes: eventType.beforeBufferMinutes,
          afterBufferMinutes: eventType.afterBufferMinutes,
          timeZone: input.timeZone,
          attendee: { name: input.attendee.name, email: input.attendee.email, timeZone: input.attendee.timeZone ?? input.timeZone, locale: input.attendee.locale ?? null },
          guests: input.guests,
          responses,
          metadata: input.metadata,
          location,
          manageKey: uid,
          recurringSeriesUid: null,
          rescheduledFromUid: null,
          hostIds,
        },
        now,
        trx,
      );
      const created = (await bookings.findByUid(uid, trx))!;
      const event = ctx.eventAbout(created);
      await outbox.record(trx, { ...event, type: 'BOOKING_CREATED' }, now);
      await outbox.record(trx, status === 'pending' ? { ...event, type: 'BOOKING_REQUESTED' } : { ...event, type: 'BOOKING_CONFIRMED', data: { confirmedBy: 'auto' } }, now);
      // The stored answer leaves out the manage token; a replay signs it again.
      if (idempotencyKey) await idempotency.complete(idempotencyKey, { statusCode: 201, body: { booking: publicBooking(created) } }, trx);
      return created;
    });
    notifier.notify(status === 'pending' ? 'requested' : 'booked', row);
    return { booking: publicBooking(row), manageToken: access.manageToken(row) };
  }

  async function replay(idempotencyKey: string, input: ParsedCreateBooking): Promise<CreatedBooking | null> {
    const stored = await idempotency.replay(idempotencyKey, input);
    if (!stored) return null;
    const { booking } = stored.body as { booking: Booking };
    const row = await bookings.findByUid(booking.uid);
    return { booking, manageToken: access.manageToken(row!) };
  }

  return {
    /** Books a time; with an idempotency key, a retry of the same request gets the same booking. */
    async create(input: ParsedCreateBooking, idempotencyKey: string | null): Promise<CreatedBooking> {
      if (!idempotencyKey) return create(input, null);
      const replayed = await replay(idempotencyKey, input);
      if (replayed) return replayed;
      try {
        return await create(input, idempotencyKey);
      } catch (error) {
        // Lost the race for the key: the winner may have committed by now.
        if (error instanceof DomainError && error.kind === 'idempotency_conflict') return (await replay(idempotencyKey, input)) ?? Promise.reject(error);
        throw error;
      }
    },
  };
}
