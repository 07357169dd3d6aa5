import type { PaymentsContext } from './context.js';
import { requireGateway } from './context.js';
import { publicBooking } from '../bookings/access.js';
import { paymentSummary } from '../bookings/payment-view.js';
import type { PaymentRow } from './payments.repo.js';
import { AUTHORIZATION_DECISION_MS, retryDelay } from './policy.js';
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
    const refunded = await withBookingLocked(ctx, payment, async (trx, fresh, booking) => {
      if (!(await repo.update(trx, fresh.id, ['capturing'], { state: 'paid', receiptUrl: receiptOf(intent), attempts: 0, retryAt: null }, now))) return false;
      const after = (await bookings.findByUid(booking.uid, trx))!;
      await outbox.record(trx, { ...ctx.eventAbout(after), type: 'BOOKING_PAID', data: { payment: paymentSummary(after.payment!) } }, now);
      // Cancelled between the confirm and the capture: the money goes straight back.
      if (after.status === 'accepted') return false;
      await repo.insertRefund(trx, { paymentId: fresh.id, amount: fresh.amount, kind: 'refund', reason: 'host_cancelled' }, now);
      return true;
    });
    if (refunded) ctx.kick();
  }

  async function capture(payment: PaymentRow): Promise<void> {
    const gateway = requireGateway(ctx);
    let intent: PaymentIntent;
    try {
      intent = await gateway.capture(payment.paymentIntentId!, `openslot:capture:${payment.uid}`, payment.stripeAccount);
    } catch (error) {
      if (!isRefusal(error)) {
        const attempts = payment.attempts + 1;
        logger.warn('capture not sent to stripe yet', { payment: payment.uid, attempts, error: String(error) });
        await ctx.transaction((trx) => repo.update(trx, payment.id, ['capturing'], { attempts, retryAt: clock.now() + retryDelay(attempts) }, clock.now()));
        return;
      }
      intent = await gateway.retrieveIntent(payment.paymentIntentId!, payment.stripeAccount);
      if (intent.status !== 'succeeded') {
        // The authorisation is gone (lapsed, or cancelled in the Dashboard): nothing can be charged.
        logger.error('capture refused by stripe', { payment: payment.uid, intent: intent.status, error: String(error) });
        await ctx.transaction((trx) => repo.update(trx, payment.id, ['capturing'], { state: 'failed' }, clock.now()));
        return;
      }
    }
    await captured(payment, intent);
  }

  return {
    async runCaptures(now: number): Promise<void> {
      for (const payment of await repo.dueIn('capturing', now, 50)) await capture(payment);
    },

    async releaseStale(now: number): Promise<void> {
      for (const payment of await repo.staleAuthorizations(now - AUTHORIZATION_DECISION_MS, 50)) {
        const rejected = await withBookingLocked(ctx, payment, async (trx, fresh, booking) => {
          if (booking.status !== 'pending' || !(await repo.update(trx, fresh.id, ['authorized'], { state: 'releasing' }, now))) return null;
          await bookings.transition(booking.id, ['pending'], 'rejected', now, trx, { bumpSequence: true, rejectionReason: 'The host did not answer within 6 days' });
          await repo.insertRefund(trx, { paymentId: fresh.id, amount: fresh.amount, kind: 'release', reason: 'rejected' }, now);
          const after = (await bookings.findByUid(booking.uid, trx))!;
          await outbox.record(trx, { ...ctx.eventAbout(after), type: 'BOOKING_REJECTED' }, now);
          return after;
        });
        if (!rejected) continue;
        ctx.sendPaymentEmail({ kind: 'request_expired', booking: publicBooking(rejected), rebookUrl: ctx.rebookUrl(rejected) });
        ctx.kick();
      }
    },
  };
}
