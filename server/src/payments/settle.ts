import type { Knex } from 'knex';
import type { BookingRow } from '../bookings/bookings.repo.js';
import { paymentSummary } from '../bookings/payment-view.js';
import { recordCalendarSync } from '../bookings/context.js';
import { TRANSITIONS } from '../bookings/transitions.js';
import { PAYMENT_JOBS, requestMoneyBack, type PaymentsContext } from './context.js';
import { AUTHORIZATION_DECISION_MS } from './policy.js';
import type { PaymentRow } from './payments.repo.js';
import type { PaymentIntent } from './stripe-gateway.js';

/** States from which Stripe's news about the checkout can still move a payment. */
const OPEN = ['unpaid', 'processing'] as const;
/** A late "paid" also lands on a payment we had given up on (expired or failed in between). */
const NOT_YET_PAID = ['unpaid', 'processing', 'expired', 'failed'] as const;

export function receiptOf(intent: PaymentIntent): string | null {
  const charge = intent.latest_charge;
  return charge && typeof charge === 'object' ? (charge.receipt_url ?? null) : null;
}

/**
 * Runs `work` on fresh copies of the payment and its booking with the booking's hosts locked (the
 * locks every booking change takes); null when the booking is gone.
 */
export async function withBookingLocked<T>(
  ctx: Pick<PaymentsContext, 'repo' | 'bookings' | 'transaction'>,
  payment: PaymentRow,
  work: (trx: Knex, payment: PaymentRow, booking: BookingRow) => Promise<T>,
): Promise<T | null> {
  const { repo, bookings } = ctx;
  const booking = await bookings.findByUid((await repo.byId(payment.id))?.bookingUid ?? payment.bookingUid);
  if (!booking) return null;
  return ctx.transaction(async (trx) => {
    await bookings.lockHosts(booking.hostIds, trx);
    const fresh = (await repo.byId(payment.id, trx))!;
    // A reschedule may have moved the payment to another booking since it was read.
    const current = fresh.bookingUid === booking.uid ? (await bookings.findByUid(booking.uid, trx))! : null;
    return current ? work(trx, fresh, current) : null;
  });
}

/**
 * What Stripe's outcome of a checkout does to the booking, applied under the same host locks as
 * every booking change, each step conditional on the state it expects, so the webhook, the return
 * page, the sweeper and the reconciler may all apply the same news in any order, any number of
 * times, and it takes effect once.
 */
export function createSettlement(ctx: PaymentsContext) {
  const { clock, repo, bookings, outbox, notifier } = ctx;
  const underLocks = <T>(payment: PaymentRow, work: (trx: Knex, payment: PaymentRow, booking: BookingRow) => Promise<T>) => withBookingLocked(ctx, payment, work);

  return {
    /**
     * The customer paid (`succeeded`) or, for a requires-confirmation event type, the card is
     * authorised (`requires_capture`). A booking still waiting becomes `accepted` or `pending`. One
     * whose time is gone (cancelled during checkout, expired after a late bank payment) keeps its
     * status, and the money goes back in full: refunded, or the authorisation released.
     */
    async paid(payment: PaymentRow, intent: PaymentIntent): Promise<void> {
      const now = clock.now();
      const authorized = intent.status === 'requires_capture';
      const receiptUrl = receiptOf(intent);
      await underLocks(payment, async (trx, fresh, booking) => {
        if (!(NOT_YET_PAID as readonly string[]).includes(fresh.state)) return;
        const base = { paymentIntentId: intent.id, receiptUrl, checkoutUrl: null, remindAt: null };
        if (booking.status === 'awaiting_payment') {
          const transition = TRANSITIONS[authorized ? 'authorize' : 'pay'];
          await bookings.transition(booking.id, transition.from, transition.to, now, trx, { bumpSequence: true });
          await repo.update(trx, fresh.id, NOT_YET_PAID, { ...base, state: authorized ? 'authorized' : 'paid', ...(authorized && { authorizedAt: now }) }, now);
          const after = (await bookings.findByUid(booking.uid, trx))!;
          const event = ctx.eventAbout(after);
          if (authorized) {
            await outbox.record(trx, { ...event, type: 'BOOKING_REQUESTED' }, now);
            // Released before the card's 7-day authorisation could lapse, unless the host decides first.
            await ctx.jobs.enqueue(trx, { kind: PAYMENT_JOBS.releaseStale, payload: { payment: fresh.uid }, key: `${PAYMENT_JOBS.releaseStale}:${fresh.uid}`, runAt: now + AUTHORIZATION_DECISION_MS }, now);
          } else {
            await outbox.record(trx, { ...event, type: 'BOOKING_PAID', data: { payment: paymentSummary(after.payment!) } }, now);
            await outbox.record(trx, { ...event, type: 'BOOKING_CONFIRMED', data: { confirmedBy: 'payment' } }, now);
          }
          // Announced only now that it is paid: the confirmation carries the amount and the receipt;
          // an accepted booking goes into the hosts' calendars.
          await notifier.record(trx, now, authorized ? 'requested' : 'booked', after, undefined, { receiptUrl });
          await recordCalendarSync(ctx.jobs, trx, now, [after]);
          return;
        }
        // Its time is gone: keep nothing (I2 — every payment ends on a booking or refunded).
        await repo.update(trx, fresh.id, NOT_YET_PAID, { ...base, state: authorized ? 'releasing' : 'paid' }, now);
        await requestMoneyBack(ctx, trx, { paymentId: fresh.id, amount: fresh.amount, kind: authorized ? 'release' : 'refund', reason: 'time_unavailable' }, now);
        const after = (await bookings.findByUid(booking.uid, trx))!;
        if (!authorized) await outbox.record(trx, { ...ctx.eventAbout(after), type: 'BOOKING_PAID', data: { payment: paymentSummary(after.payment!) } }, now);
      });
    },

    /** Checkout completed with a delayed method: the hold stays until Stripe says how it went. */
    async processing(payment: PaymentRow, intentId: string | null): Promise<void> {
      const now = clock.now();
      await ctx.transaction((trx) => repo.update(trx, payment.id, ['unpaid'], { state: 'processing', checkoutUrl: null, remindAt: null, ...(intentId && { paymentIntentId: intentId }) }, now));
    },

    /**
     * Stripe says the session can no longer be paid (`expired`), or the delayed payment failed
     * (`failed`): the booking, if it still waits, is `expired` and its time is free again.
     */
    async unpaid(payment: PaymentRow, outcome: 'expired' | 'failed'): Promise<void> {
      const now = clock.now();
      await underLocks(payment, async (trx, fresh, booking) => {
        if (!(await repo.update(trx, fresh.id, OPEN, { state: outcome, checkoutUrl: null, remindAt: null }, now))) return;
        if (booking.status !== 'awaiting_payment') return;
        await bookings.transition(booking.id, TRANSITIONS.expire.from, TRANSITIONS.expire.to, now, trx, { bumpSequence: true });
        const after = (await bookings.findByUid(booking.uid, trx))!;
        await outbox.record(trx, { ...ctx.eventAbout(after), type: 'BOOKING_PAYMENT_FAILED', data: { payment: paymentSummary(after.payment!), reason: outcome } }, now);
      });
    },
  };
}

export type Settlement = ReturnType<typeof createSettlement>;
