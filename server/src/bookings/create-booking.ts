import type { z } from 'zod';
import type { ResolvedEvent } from '../event-types/event-types.service.js';
import type { Booking, BookingStatus, createBookingInput } from '@openslot/sdk/schemas';
import { isForeignKeyViolation } from '../db/knex.js';
import type { NewEvent } from '../outbox/outbox.js';
import { DomainError, NotFoundError, ValidationError } from '../errors.js';
import { ATTENDEE_PHONE_RESPONSE } from '../locations/index.js';
import { newUid, publicBooking } from './access.js';
import { bookingNames } from './booking-title.js';
import type { BookingsContext } from './context.js';
import { eventTypeScope, type IdempotencyClaim } from './idempotency.js';
import { paymentSummary } from './payment-view.js';
import { checkResponses } from './responses.js';
import { bookingHostIds, occurrenceStarts } from './team-and-series.js';

export type ParsedCreateBooking = z.output<typeof createBookingInput>;

export interface CreatedBooking {
  booking: Booking;
  manageToken: string;
  /** Every occurrence of a recurring series, first to last (`booking` is the first). */
  bookings?: Booking[];
}

/**
 * POST /v1/bookings. In one transaction: claim the idempotency key, lock the hosts (one statement,
 * id order), check the time (every occurrence of a series) is still offered and choose who the
 * booking holds, insert, write the events. Mail goes after commit. A series is all or nothing and
 * is announced once: one set of events and emails about its first booking, listing them all.
 *
 * A paid event type's booking is inserted `awaiting_payment` (it holds its time like `accepted`)
 * with its payment row in the same transaction; Stripe's Checkout Session is a job made after
 * commit, so the answer never waits for Stripe (and is still a 201 when Stripe is down). It is
 * announced (events beyond BOOKING_PAYMENT_INITIATED, emails) once it is paid.
 * Emails are jobs in the same transaction; the worker sends them.
 */
export function createBookingCreation(ctx: BookingsContext) {
  const { clock, bookings, eventTypes, availability, locations, idempotency, outbox, access, notifier, payments } = ctx;

  async function create(input: ParsedCreateBooking, resolved: ResolvedEvent, idempotencyKey: IdempotencyClaim | null): Promise<CreatedBooking> {
    const { eventType } = resolved;
    // Guests are mailed about the booking: only where the host has asked for them.
    if (input.guests.length > 0 && !eventType.allowGuests) {
      throw new ValidationError('Invalid body: guests: this event type does not take guests', { fields: [{ field: 'guests', message: 'this event type does not take guests' }] });
    }
    const locationType = eventType.location.type;
    const responses = checkResponses(eventType.bookingFields, input.responses, locationType === 'phone' ? [ATTENDEE_PHONE_RESPONSE] : []);
    const starts = occurrenceStarts(resolved, Date.parse(input.start), input.recurrence);
    const duration = eventType.durationMinutes * 60_000;
    const terms = await payments.termsFor(resolved);
    if (terms && input.recurrence) {
      throw new ValidationError('Invalid body: recurrence: a paid event type is booked one time at a time', { fields: [{ field: 'recurrence', message: 'a paid event type is booked one time at a time' }] });
    }
    const status: BookingStatus = terms ? 'awaiting_payment' : eventType.requiresConfirmation ? 'pending' : 'accepted';
    const uids = starts.map(() => newUid());
    const seriesUid = input.recurrence ? newUid() : null;
    const location = locations.resolve(eventType.location, { responses });
    const now = clock.now();
    const check = await availability.bookingCheck(resolved, starts);

    const rows = await ctx.transaction(async (trx) => {
      if (idempotencyKey) await idempotency.claim(idempotencyKey, input, now, trx);
      await bookings.lockHosts(resolved.hosts.map((host) => host.id), trx);
      const hostIds = await bookingHostIds(check, resolved, starts, now, trx);
      const names = bookingNames(resolved, hostIds, input.attendee.name);
      for (const [k, start] of starts.entries()) {
        await bookings.insert(
          {
            uid: uids[k]!,
            eventTypeId: eventType.id,
            status,
            ...names,
            start,
            end: start + duration,
            beforeBufferMinutes: eventType.beforeBufferMinutes,
            afterBufferMinutes: eventType.afterBufferMinutes,
            timeZone: input.timeZone,
            attendee: { name: input.attendee.name, email: input.attendee.email, timeZone: input.attendee.timeZone ?? input.timeZone, locale: input.attendee.locale ?? null },
            guests: input.guests,
            responses,
            metadata: input.metadata,
            location,
            // One manage key for the whole series: the first booking's uid, so one token manages all.
            manageKey: uids[0]!,
            recurringSeriesUid: seriesUid,
            rescheduledFromUid: null,
            hostIds,
          },
          now,
          trx,
        );
      }
      if (terms) await payments.open(trx, (await bookings.findByUid(uids[0]!, trx))!, terms, now);
      const created = await bookings.findByUids(uids, trx);
      created.sort((a, b) => a.start.localeCompare(b.start));
      const first = created[0]!;
      const series = seriesUid ? { bookings: created.map(publicBooking) } : {};
      const event = ctx.eventAbout(first);
      // BOOKING_CREATED and what followed, in one statement.
      const followed: NewEvent =
        status === 'awaiting_payment'
          ? { ...event, type: 'BOOKING_PAYMENT_INITIATED', data: { payment: paymentSummary(first.payment!) } }
          : status === 'pending'
            ? { ...event, type: 'BOOKING_REQUESTED', data: series }
            : { ...event, type: 'BOOKING_CONFIRMED', data: { ...series, confirmedBy: 'auto' } };
      await outbox.recordAll(trx, [{ ...event, type: 'BOOKING_CREATED', data: series }, followed], now);
      if (status !== 'awaiting_payment') await notifier.record(trx, now, status === 'pending' ? 'requested' : 'booked', first);
      await ctx.syncCalendars(trx, now, created);
      // The stored answer leaves out the manage token; a replay signs it again.
      if (idempotencyKey) await idempotency.complete(idempotencyKey, { statusCode: 201, body: { booking: publicBooking(first), ...series } }, trx);
      return created;
    }).catch((error: unknown) => {
      // The event type was deleted between its look-up and the insert.
      throw isForeignKeyViolation(error) ? new NotFoundError(`Event "${input.event}"`) : error;
    });
    const first = rows[0]!;
    return { booking: publicBooking(first), manageToken: access.manageToken(first), ...(seriesUid && { bookings: rows.map(publicBooking) }) };
  }

  /** The stored answer to this event type's key; its booking must be of that event type (never another tenant's). */
  async function replay(claim: IdempotencyClaim, input: ParsedCreateBooking, eventTypeId: number): Promise<CreatedBooking | null> {
    const stored = await idempotency.replay(claim, input, clock.now());
    // The booking is answered in its own transaction: a claim without an answer is never seen committed.
    if (!stored || stored === 'claimed') return null;
    const { booking, bookings: series } = stored.body as { booking: Booking; bookings?: Booking[] };
    const row = await bookings.findByUid(booking.uid);
    if (!row || row.eventTypeId !== eventTypeId) return null;
    return { booking, manageToken: access.manageToken(row), ...(series && { bookings: series }) };
  }

  return {
    /**
     * Books a time; with an idempotency key, a retry of the same request gets the same booking.
     * Keys belong to the event type booked: two sites using the same order numbers never meet.
     */
    async create(input: ParsedCreateBooking, idempotencyKey: string | null, origin?: string): Promise<CreatedBooking> {
      const resolved = await eventTypes.resolve(input.event);
      eventTypes.requireAllowedOrigin(resolved, origin);
      if (!idempotencyKey) return create(input, resolved, null);
      const eventTypeId = resolved.eventType.id;
      const claim = { scope: eventTypeScope(eventTypeId), key: idempotencyKey };
      const replayed = await replay(claim, input, eventTypeId);
      if (replayed) return replayed;
      try {
        return await create(input, resolved, claim);
      } catch (error) {
        // Lost the race for the key: the winner may have committed by now.
        if (error instanceof DomainError && error.kind === 'idempotency_conflict') return (await replay(claim, input, eventTypeId)) ?? Promise.reject(error);
        throw error;
      }
    },
  };
}
