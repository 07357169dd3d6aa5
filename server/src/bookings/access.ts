import { randomBytes } from 'node:crypto';
import type { Booking } from '@openslot/sdk/schemas';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../errors.js';
import { mayManageBooking, type Principal } from '../authorization/index.js';
import type { Signer } from '../security/signing.js';
import type { BookingRow, BookingsRepo } from './bookings.repo.js';

/** Who may see or change a booking: an owner key, or the booker's manage token. */
export interface BookingAccess {
  principal: Principal;
  token: string | null;
}

/** `owner`: the platform admin or a host of the booking; `booker`: the holder of its manage token. */
export type BookingRole = 'owner' | 'booker';

export const MANAGE = 'manage';

export function newUid(): string {
  return randomBytes(12).toString('base64url');
}

/** The booking as the API shows it: the row without ids, keys and the fields only the server needs. */
export function publicBooking(row: BookingRow): Booking {
  const { id: _id, eventTypeId: _e, manageKey: _m, icsSequence: _i, icalUid: _c, hostIds: _h, hostTimeZones: _z, ownerUserId: _o, eventTitle: _t, groupHandle: _g, hostsHaveCalendars: _k, paymentState: _p, ...booking } = row;
  return booking;
}

export function createBookingAccess(deps: { bookings: BookingsRepo; signer: Signer }) {
  const { bookings, signer } = deps;

  function roleOf(row: BookingRow, access: BookingAccess): BookingRole | null {
    const { principal, token } = access;
    if (mayManageBooking(principal, row)) return 'owner';
    if (token && signer.verify(MANAGE, row.manageKey, token)) return 'booker';
    return null;
  }

  return {
    manageToken: (row: BookingRow) => signer.sign(MANAGE, row.manageKey),

    /** The booking and the caller's role in it; a manage token of another booking is simply "not found". */
    async require(uid: string, access: BookingAccess): Promise<{ row: BookingRow; role: BookingRole }> {
      if (!access.principal && !access.token) throw new UnauthorizedError('A manage token or an API key is required');
      const row = await bookings.findByUid(uid);
      const role = row && roleOf(row, access);
      // Not found and not allowed look the same, so uids cannot be probed with a wrong token.
      if (!row || !role) {
        if (access.principal?.kind === 'user' && row) throw new ForbiddenError('This booking is not yours');
        throw new NotFoundError(`Booking "${uid}"`);
      }
      return { row, role };
    },

    /** Confirming and rejecting are the host's decisions: an owner key only, never a manage token. */
    async requireOwner(uid: string, access: BookingAccess): Promise<BookingRow> {
      if (!access.principal) {
        if (access.token) throw new ForbiddenError('Only the host can confirm or reject a booking; a manage token cannot');
        throw new UnauthorizedError('An API key is required');
      }
      const { row, role } = await this.require(uid, { principal: access.principal, token: null });
      if (role !== 'owner') throw new ForbiddenError('This booking is not yours');
      return row;
    },
  };
}

export type BookingAccessControl = ReturnType<typeof createBookingAccess>;
