import type { Booking, ListBookingsQuery } from '@openslot/sdk/schemas';
import { UnauthorizedError } from '../errors.js';
import type { Principal } from '../http/auth.js';
import { publicBooking, type BookingAccess } from './access.js';
import { createBookerChanges } from './booker-changes.js';
import { createBookingsContext, type BookingsDeps } from './context.js';
import { createBookingCreation } from './create-booking.js';
import { createHostDecisions } from './host-decisions.js';

export { newUid, publicBooking, type BookingAccess } from './access.js';
export type { CreatedBooking, ParsedCreateBooking } from './create-booking.js';

/**
 * The bookings service: one object for the routers, assembled from one file per concern
 * (create, host decisions, booker changes, access, emails) over a shared context.
 *
 * Extending it: the host choice of a new booking (round robin) belongs in `create-booking.ts`
 * after `hostsFreeAt` (which already names the free hosts, under their locks); a recurring series
 * inserts its occurrences in that same transaction, all sharing the first one's `manage_key`
 * (cancel's `allRemaining` already follows `recurring_series_uid`). Whatever a change does, it
 * takes `bookings.lockHosts` first (one call, every host involved), checks `transitions.ts`, and
 * writes its outbox event and its emails (`notifier.record`, jobs the worker sends) before commit.
 */
export function createBookingsService(deps: BookingsDeps) {
  const ctx = createBookingsContext(deps);
  const { bookings, access } = ctx;
  const creation = createBookingCreation(ctx);
  const decisions = createHostDecisions(ctx);
  const changes = createBookerChanges(ctx);

  return {
    create: creation.create,
    confirm: decisions.confirm,
    reject: decisions.reject,
    decideByLink: decisions.decideByLink,
    cancel: changes.cancel,
    reschedule: changes.reschedule,
    links: ctx.links,

    async get(uid: string, who: BookingAccess): Promise<Booking> {
      return publicBooking((await access.require(uid, who)).row);
    },

    /** For the signed-link pages, whose signature the caller has checked: the booking, or null. */
    async find(uid: string): Promise<Booking | null> {
      const row = await bookings.findByUid(uid);
      return row && publicBooking(row);
    },

    async list(principal: Principal, query: ListBookingsQuery & { limit: number }): Promise<Booking[]> {
      if (!principal) throw new UnauthorizedError('An API key is required');
      const event = query.event ? /^([^/]+)\/([^/]+)$/.exec(query.event) : null;
      const rows = await bookings.list({
        userId: principal.kind === 'user' ? principal.userId : null,
        status: query.status,
        from: query.from ? Date.parse(query.from) : undefined,
        to: query.to ? Date.parse(query.to) : undefined,
        // An `event` that names no event type matches nothing rather than everything.
        ...(query.event && { event: event ? { handle: event[1]!, slug: event[2]! } : { handle: '', slug: '' } }),
        limit: query.limit,
      });
      return rows.map(publicBooking);
    },
  };
}

export type BookingsService = ReturnType<typeof createBookingsService>;
