import type { Knex } from 'knex';
import type { Booking } from '@openslot/sdk/schemas';
import { NotFoundError, SlotUnavailableError } from '../errors.js';
import { blockedSpan } from '../scheduling/index.js';
import type { BookingAccess } from './access.js';
import { publicBooking } from './access.js';
import type { BookingRow } from './bookings.repo.js';
import type { BookingsContext } from './context.js';
import { assertCanTransition, InvalidTransitionError, TRANSITIONS } from './transitions.js';

const DAY = 24 * 60 * 60 * 1000;

/**
 * The host's answer to a pending request: by owner key (`POST /v1/bookings/:uid/confirm|reject`)
 * or by a signed email link (the manage pages). A manage token can never decide.
 */
export function createHostDecisions(ctx: BookingsContext) {
  const { clock, bookings, eventTypesRepo, usersRepo, availability, outbox, access, notifier, payments } = ctx;

  /**
   * Pending bookings already hold their time, so an overlap here means data from before that rule
   * (or a bug): refuse rather than accept two meetings at once. Only bookings that are, or are
   * about to be, meetings (accepted, awaiting payment) block; an overlapping pending request can
   * still be rejected or lose this same race. Seat-mates of a seated slot never block each other.
   */
  async function assertStillFree(row: BookingRow, trx: Knex): Promise<void> {
    const start = Date.parse(row.start);
    const end = Date.parse(row.end);
    // Buffers are at most a day each, so every booking whose buffer could reach this one is in here.
    const held = await bookings.busyForHosts(row.hostIds, start - 2 * DAY, end + 2 * DAY, trx, { withStatus: true });
    const own = held.find((booking) => booking.bookingId === row.id);
    if (!own) return;
    const seated = (await eventTypesRepo.findById(row.eventTypeId, trx))?.seats != null;
    const clash = held.find((other) => {
      if (other.bookingId === row.id || other.status === 'pending') return false;
      if (seated && other.eventTypeId === own.eventTypeId && other.start === own.start) return false;
      const span = blockedSpan(other, own);
      return span.start < end && start < span.end;
    });
    if (clash) throw new SlotUnavailableError(`Booking "${row.uid}" now overlaps another booking of its host; it stays pending`);
  }

  /**
   * The hosts' connected calendars, read fresh before the transaction (no lock of ours covers
   * them): an event there since the request was made means the host is no longer free.
   */
  async function assertCalendarsFree(row: BookingRow): Promise<void> {
    const [eventType, hosts] = await Promise.all([eventTypesRepo.findById(row.eventTypeId), usersRepo.findByIds(row.hostIds)]);
    if (!eventType || hosts.every((host) => host.busyCalendars === 0)) return;
    const busy = await availability.busyElsewhere({ eventType, event: row.eventType, hosts }, { start: Date.parse(row.start), end: Date.parse(row.end) });
    if (busy.length > 0) throw new SlotUnavailableError(`Booking "${row.uid}" now overlaps an event in the calendar of ${busy.join(', ')}; it stays pending`);
  }

  async function decide(uid: string, decision: 'confirm' | 'reject', reason: string | null): Promise<Booking> {
    const found = await bookings.findByUid(uid);
    if (!found) throw new NotFoundError(`Booking "${uid}"`);
    if (decision === 'confirm' && found.status === 'pending') await assertCalendarsFree(found);
    const now = clock.now();
    const decided = await ctx.transaction(async (trx) => {
      // The same locks a new booking takes: a confirm cannot interleave with a booking or another confirm of these hosts.
      await bookings.lockHosts(found.hostIds, trx);
      const current = (await bookings.findByUid(uid, trx))!;
      assertCanTransition(current, decision);
      if (decision === 'confirm') await assertStillFree(current, trx);
      const { from, to } = TRANSITIONS[decision];
      const changed = await bookings.transition(current.id, from, to, now, trx, {
        bumpSequence: true,
        ...(decision === 'reject' && { rejectionReason: reason }),
      });
      if (!changed) throw new InvalidTransitionError(current, decision);
      // A card only authorised is captured on confirm and released on reject (never charged for a no).
      await payments.onChange(trx, { kind: decision, by: 'host', booking: current }, now);
      const after = (await bookings.findByUid(uid, trx))!;
      await outbox.record(
        trx,
        decision === 'confirm'
          ? { ...ctx.eventAbout(after), type: 'BOOKING_CONFIRMED', data: { confirmedBy: 'host' } }
          : { ...ctx.eventAbout(after), type: 'BOOKING_REJECTED' },
        now,
      );
      await notifier.record(trx, now, decision === 'confirm' ? 'confirmed' : 'rejected', after);
      await ctx.syncCalendars(trx, now, [after]);
      return after;
    });
    return publicBooking(decided);
  }

  return {
    async confirm(uid: string, who: BookingAccess): Promise<Booking> {
      await access.requireOwner(uid, who);
      return decide(uid, 'confirm', null);
    },

    async reject(uid: string, who: BookingAccess, reason: string | null): Promise<Booking> {
      await access.requireOwner(uid, who);
      return decide(uid, 'reject', reason);
    },

    /** From a signed email link: the link itself is the host's authority (checked by the caller). */
    decideByLink: (uid: string, decision: 'confirm' | 'reject', reason: string | null) => decide(uid, decision, reason),
  };
}
