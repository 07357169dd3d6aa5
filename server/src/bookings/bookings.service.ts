import type { z } from 'zod';
import { HOLDING_STATUSES, type Booking, type listBookingsQuery } from '@openslot/sdk/schemas';
import type { Page } from '../db/keyset.js';
import { resolveQueryRange } from '../scheduling/index.js';
import { UnauthorizedError } from '../errors.js';
import type { Principal } from '../authorization/index.js';
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

    /**
     * The caller's bookings, a page at a time. `from`/`to` are instants or dates in `timeZone`
     * (both inclusive); `upcoming` is what still holds time and is not over (soonest first), `past`
     * the meetings that happened (latest first).
     */
    async list(principal: Principal, query: z.output<typeof listBookingsQuery>): Promise<Page<Booking>> {
      if (!principal) throw new UnauthorizedError('An API key is required');
      const now = ctx.clock.now();
      const event = query.event ? /^([^/]+)\/([^/]+)$/.exec(query.event) : null;
      const from = query.from === undefined ? undefined : resolveQueryRange(query.from, query.from, query.timeZone).start;
      const to = query.to === undefined ? undefined : resolveQueryRange(query.to, query.to, query.timeZone).end;
      const when =
        query.status === 'upcoming'
          ? { statuses: HOLDING_STATUSES, from: Math.max(from ?? now, now) }
          : query.status === 'past'
            ? { statuses: ['accepted'] as const, endedBy: now, newestFirst: true }
            : { ...(query.status && { statuses: [query.status] }) };
      const page = await bookings.list(
        {
          userId: principal.kind === 'user' ? principal.userId : null,
          ...(from !== undefined && { from }),
          ...(to !== undefined && { to }),
          ...when,
          // An `event` that names no event type matches nothing rather than everything.
          ...(query.event && { event: event ? { handle: event[1]!, slug: event[2]! } : { handle: '', slug: '' } }),
        },
        query,
      );
      return { items: page.items.map(publicBooking), nextCursor: page.nextCursor };
    },
  };
}

export type BookingsService = ReturnType<typeof createBookingsService>;
