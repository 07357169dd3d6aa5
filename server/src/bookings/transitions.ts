import type { Booking, BookingStatus } from '@openslot/sdk/schemas';
import { ConflictError } from '../errors.js';
import type { BookingRow } from './bookings.repo.js';

/**
 * The booking state machine of SPEC.md, as data: which statuses each change starts from.
 * `awaiting_payment` is left to the payment flow (`pay`, `authorize`, `expire`, run by payments/
 * when Stripe says so): the host cannot confirm a booking that is being paid for, nor reschedule
 * it mid-checkout; it can be cancelled.
 */
export const TRANSITIONS = {
  confirm: { from: ['pending'], to: 'accepted', verb: 'confirmed' },
  reject: { from: ['pending'], to: 'rejected', verb: 'rejected' },
  cancel: { from: ['pending', 'awaiting_payment', 'accepted'], to: 'cancelled', verb: 'cancelled' },
  reschedule: { from: ['pending', 'accepted'], to: 'cancelled', verb: 'rescheduled' },
  pay: { from: ['awaiting_payment'], to: 'accepted', verb: 'paid for' },
  authorize: { from: ['awaiting_payment'], to: 'pending', verb: 'paid for' },
  expire: { from: ['awaiting_payment'], to: 'expired', verb: 'expired' },
} as const satisfies Record<string, { from: readonly BookingStatus[]; to: BookingStatus; verb: string }>;

export type Transition = keyof typeof TRANSITIONS;

/** 409 `invalid_transition`: the booking's status does not allow this change (any more). */
export class InvalidTransitionError extends ConflictError {
  constructor(row: Pick<Booking, 'uid' | 'status'>, transition: Transition) {
    const { from, verb } = TRANSITIONS[transition];
    super(
      `Booking "${row.uid}" is ${row.status.replace('_', ' ')}; only ${from.join(' or ').replace('_', ' ')} bookings can be ${verb}`,
      { status: row.status, allowedFrom: from },
      'invalid_transition',
    );
  }
}

/** Throws unless `row` may undergo `transition`. */
export function assertCanTransition(row: BookingRow, transition: Transition): void {
  if (!(TRANSITIONS[transition].from as readonly BookingStatus[]).includes(row.status)) throw new InvalidTransitionError(row, transition);
}

/** Who made a change, as events and emails name them. */
export const actorOf = (role: 'owner' | 'booker'): 'host' | 'booker' => (role === 'owner' ? 'host' : 'booker');
