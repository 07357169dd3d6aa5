import { describeError } from '../logger.js';
import { recordPaymentEmail, requestMoneyBack, requireGateway, type PaymentsContext } from './context.js';
import { publicBooking } from '../bookings/access.js';
import { paymentSummary } from '../bookings/payment-view.js';
import type { PaymentRow } from './payments.repo.js';

import { receiptOf, withBookingLocked } from './settle.js';
import { isRefusal, type PaymentIntent } from './stripe-gateway.js';

/**
 * Requires-confirmation event types: Checkout only authorises the card. The host's confirm
 * captures it (after the confirm commits, retried by the worker), a reject or cancel releases it
 * (money-back.ts), and one the host leaves undecided for 6 days is released before the card's
 * 7-day authorisation lapses, the request rejected, and both told.
 */
export function createAuthorizations(ctx: PaymentsContext) {
  const { repo, bookings, outbox, clock, logger } = ctx;

  async function captured(payment: PaymentRow, intent: PaymentIntent): Promise<void> {
    const now = clock.now();
    await withBookingLocked(ctx, payment, async (trx, fresh, booking) => {
      if (!(await repo.update(trx, fresh.id, ['capturing'], { state: 'paid', receiptUrl: receiptOf(intent) }, now))) return;
      const after = (await bookings.findByUid(booking.uid, trx))!;
      await outbox.record(trx, { ...ctx.eventAbout(after), type: 'BOOKING_PAID', data: { payment: paymentSummary(after.payment!) } }, now);
      // Cancelled between the confirm and the capture: the money goes straight back.
      if (after.status !== 'accepted') await requestMoneyBack(ctx, trx, { paymentId: fresh.id, amount: fresh.amount, kind: 'refund', reason: 'host_cancelled' }, now);
    });
  }

  async function capture(payment: PaymentRow): Promise<void> {
    const gateway = requireGateway(ctx);
    let intent: PaymentIntent;
    try {
      intent = await gateway.capture(payment.paymentIntentId!, `openslot:capture:${payment.uid}`, payment.stripeAccount);
    } catch (error) {
      // Not through to Stripe: the job tries again (same key, so never a second capture).
      if (!isRefusal(error)) throw error;
      intent = await gateway.retrieveIntent(payment.paymentIntentId!, payment.stripeAccount);
      if (intent.status !== 'succeeded') {
        // The authorisation is gone (lapsed, or cancelled in the Dashboard): nothing can be charged.
        logger.error('capture refused by stripe', { payment: payment.uid, intent: intent.status, error: describeError(error) });
        await ctx.transaction((trx) => repo.update(trx, payment.id, ['capturing'], { state: 'failed' }, clock.now()));
        return;
      }
    }
    await captured(payment, intent);
  }

  return {
    /** The `payment.capture` job, after the host's confirm committed. */
    async capture(paymentUid: string): Promise<void> {
      const payment = await repo.byUid(paymentUid);
      if (payment?.state === 'capturing') await capture(payment);
    },

    /** The `payment.release-stale` job, 6 days after the authorisation: undecided, the request is rejected and the card released. */
    async releaseStale(paymentUid: string): Promise<void> {
      const payment = await repo.byUid(paymentUid);
      if (payment?.state !== 'authorized') return;
      const now = clock.now();
      await withBookingLocked(ctx, payment, async (trx, fresh, booking) => {
        if (booking.status !== 'pending' || !(await repo.update(trx, fresh.id, ['authorized'], { state: 'releasing' }, now))) return;
        await bookings.transition(booking.id, ['pending'], 'rejected', now, trx, { bumpSequence: true, rejectionReason: 'The host did not answer within 6 days' });
        await requestMoneyBack(ctx, trx, { paymentId: fresh.id, amount: fresh.amount, kind: 'release', reason: 'rejected' }, now);
        const after = (await bookings.findByUid(booking.uid, trx))!;
        await outbox.record(trx, { ...ctx.eventAbout(after), type: 'BOOKING_REJECTED' }, now);
        await recordPaymentEmail(ctx, trx, { kind: 'request_expired', booking: publicBooking(after), rebookUrl: ctx.rebookUrl(after) }, now);
      });
    },
  };
}
