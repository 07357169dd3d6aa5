import type { Knex } from 'knex';
import type { RefundPolicy } from '@openslot/sdk/schemas';
import type { ResolvedEvent } from '../event-types/event-types.service.js';
import type { BookingRow } from './bookings.repo.js';

/** What a paid booking will charge, decided before its transaction. */
export interface PaymentTerms {
  amount: number;
  currency: string;
  /** The connected account that is paid; `null`: the platform's own (one-account mode). */
  stripeAccount: string | null;
  /** Authorise only, capture when the host confirms (requires-confirmation event types). */
  captureMethod: 'automatic' | 'manual';
  /** The event type's policy when booked: what a booker's own cancel gives back. */
  refundPolicy: RefundPolicy;
}

/** A change to a booking that may move money; `booking` as it was just before (its `payment` null when free). */
export interface MoneyChange {
  kind: 'confirm' | 'reject' | 'cancel';
  by: 'host' | 'booker';
  booking: BookingRow;
}

/**
 * The payments module as the bookings service sees it. Bookings call it inside their own
 * transactions, so what happens to the money commits (or not) with the change that causes it;
 * the Stripe calls are jobs recorded there too, run by the worker after commit.
 */
export interface BookingPayments {
  /** Before the transaction: the charge for a booking of `resolved`, `null` when it is free. Refuses (422) what cannot be charged. */
  termsFor(resolved: ResolvedEvent): Promise<PaymentTerms | null>;
  /** In the booking transaction: the payment row of a new `awaiting_payment` booking. */
  open(trx: Knex, booking: BookingRow, terms: PaymentTerms, now: number): Promise<void>;
  /** In a confirm, reject or cancel transaction: capture, release or refund what the booking holds. */
  onChange(trx: Knex, change: MoneyChange, now: number): Promise<void>;
  /** In a reschedule transaction: the payment moves to the new booking (no second charge). */
  onReschedule(trx: Knex, from: BookingRow, toUid: string): Promise<void>;
}
