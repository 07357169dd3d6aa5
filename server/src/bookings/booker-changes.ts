import type { Booking, BookingStatus } from '@openslot/sdk/schemas';
import { DomainError } from '../errors.js';
import { calendarUid } from '../notifications/index.js';
import { newUid, publicBooking, type BookingAccess } from './access.js';
import type { BookingRow } from './bookings.repo.js';
import type { BookingsContext } from './context.js';
import { bookingNames } from './booking-title.js';
import { bookingHostIds } from './team-and-series.js';
import { actorOf, assertCanTransition, InvalidTransitionError, TRANSITIONS } from './transitions.js';

/** Cancel and reschedule: by the booker (manage token) or the owner (API key). */
export function createBookerChanges(ctx: BookingsContext) {
  const { clock, bookings, eventTypes, availability, outbox, access, notifier, payments } = ctx;

  return {
    /**
     * `allRemaining`: this and every later occurrence of its recurring series that still holds time.
     * Once a meeting has begun only its host may cancel it (a no-show, say); the booker's link no longer can.
     */
    async cancel(uid: string, who: BookingAccess, input: { reason?: string | undefined; allRemaining?: boolean }): Promise<Booking> {
      const { row, role } = await access.require(uid, who);
      const now = clock.now();
      if (role === 'booker' && Date.parse(row.start) <= now) {
        throw new DomainError('forbidden', `This meeting began at ${row.start}; only its host can cancel it now`, { start: row.start }, 'meeting_started');
      }
      const series = input.allRemaining && row.recurringSeriesUid ? await bookings.findSeries(row.recurringSeriesUid) : [];
      const cancelled = await ctx.transaction(async (trx) => {
        // Every host of the occurrences at once, in one statement, so the lock order stays fixed.
        await bookings.lockHosts([...new Set([row, ...series].flatMap((booking) => booking.hostIds))], trx);
        const current = (await bookings.findByUid(uid, trx))!;
        assertCanTransition(current, 'cancel');
        const cancellable = TRANSITIONS.cancel.from as readonly BookingStatus[];
        const occurrences = input.allRemaining && current.recurringSeriesUid ? await bookings.findSeries(current.recurringSeriesUid, trx) : [];
        const later = occurrences.filter((other) => other.start > current.start && cancellable.includes(other.status));
        const changed: BookingRow[] = [];
        for (const target of [current, ...later]) {
          const ok = await bookings.transition(target.id, TRANSITIONS.cancel.from, 'cancelled', now, trx, { cancellationReason: input.reason ?? null, bumpSequence: true });
          if (!ok) throw new InvalidTransitionError(target, 'cancel');
          // Refunds per the event type's policy (booker) or in full (host); an open checkout is closed.
          await payments.onChange(trx, { kind: 'cancel', by: actorOf(role), booking: target }, now);
          changed.push((await bookings.findByUid(target.uid, trx))!);
        }
        // The rest of a series is cancelled in one event that lists every booking, not one per occurrence.
        const listed = input.allRemaining && current.recurringSeriesUid ? { bookings: changed.map(publicBooking) } : {};
        await outbox.record(trx, { ...ctx.eventAbout(changed[0]!), type: 'BOOKING_CANCELLED', data: { ...listed, cancelledBy: actorOf(role) } }, now);
        await notifier.record(trx, now, 'cancelled', changed[0]!);
        await ctx.syncCalendars(trx, now, changed);
        return changed;
      });
      return publicBooking(cancelled[0]!);
    },

    /**
     * Moves a booking: one transaction creates the new booking and cancels the old one, linking
     * both. The new one keeps the old one's status, manage key (the booker's token keeps working),
     * meeting location and calendar UID (calendars move the event, SEQUENCE one higher). The old
     * booking is left out of the availability check: it must not block its own move to an
     * overlapping time, and it is cancelled in the same transaction.
     */
    async reschedule(uid: string, who: BookingAccess, input: { start: string; reason?: string | undefined }): Promise<Booking> {
      const { row, role } = await access.require(uid, who);
      const resolved = await eventTypes.resolve(row.eventType);
      const start = Date.parse(input.start);
      const end = start + resolved.eventType.durationMinutes * 60_000;
      const now = clock.now();
      const uidOfNew = newUid();
      const icalUid = row.icalUid ?? calendarUid(row.uid);
      // The booking's own event in the host's calendar must not block its move.
      const check = await availability.bookingCheck(resolved, [start], { own: { bookingId: row.id, icalUid, start: Date.parse(row.start), end: Date.parse(row.end) } });

      const { previous, moved } = await ctx.transaction(async (trx) => {
        await bookings.lockHosts([...new Set([...row.hostIds, ...resolved.hosts.map((host) => host.id)])], trx);
        const current = (await bookings.findByUid(uid, trx))!;
        assertCanTransition(current, 'reschedule');
        // Round robin keeps the booking's host when they are free at the new time; a group books the same group.
        const hostIds = await bookingHostIds(check, resolved, [start], now, trx, { keep: current.hostIds });
        await bookings.insert(
          {
            uid: uidOfNew,
            eventTypeId: current.eventTypeId,
            status: current.status,
            ...bookingNames(resolved, hostIds, current.attendee.name),
            start,
            end,
            beforeBufferMinutes: resolved.eventType.beforeBufferMinutes,
            afterBufferMinutes: resolved.eventType.afterBufferMinutes,
            timeZone: current.timeZone,
            attendee: current.attendee,
            guests: current.guests,
            responses: current.responses,
            metadata: current.metadata,
            location: current.location,
            manageKey: current.manageKey,
            recurringSeriesUid: current.recurringSeriesUid,
            rescheduledFromUid: current.uid,
            icalUid,
            icsSequence: current.icsSequence + 1,
            hostIds,
          },
          now,
          trx,
        );
        const ok = await bookings.transition(current.id, TRANSITIONS.reschedule.from, 'cancelled', now, trx, {
          rescheduledToUid: uidOfNew,
          cancellationReason: input.reason ?? null,
          bumpSequence: true,
        });
        if (!ok) throw new InvalidTransitionError(current, 'reschedule');
        // The money stays paid: it moves to the new booking, and nobody is asked to pay again.
        await payments.onReschedule(trx, current, uidOfNew);
        const [previous, moved] = [(await bookings.findByUid(uid, trx))!, (await bookings.findByUid(uidOfNew, trx))!];
        await outbox.record(
          trx,
          { ...ctx.eventAbout(moved), type: 'BOOKING_RESCHEDULED', data: { previousBooking: publicBooking(previous), rescheduledBy: actorOf(role) } },
          now,
        );
        // A moved request is still a request: the host decides on the new booking, and no calendar gets it yet.
        await notifier.record(trx, now, moved.status === 'pending' ? 'request_rescheduled' : 'rescheduled', moved, previous);
        // One job moves the event in place: the new booking carries the old one's calendar UID.
        await ctx.syncCalendars(trx, now, [{ ...moved, hostsHaveCalendars: moved.hostsHaveCalendars || previous.hostsHaveCalendars }]);
        return { previous, moved };
      });
      return publicBooking(moved);
    },
  };
}
