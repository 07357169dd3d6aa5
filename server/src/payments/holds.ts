import { describeError } from '../logger.js';
import { publicBooking } from '../bookings/access.js';
import type { Checkout } from './checkout.js';
import { recordPaymentEmail, requireGateway, type PaymentsContext } from './context.js';
import type { PaymentRow } from './payments.repo.js';
import type { Settlement } from './settle.js';
import { isRefusal } from './stripe-gateway.js';
import type { CheckoutSync } from './sync.js';

/**
 * The end of a hold, and the reminder before it. A slot is freed only once Stripe says its session
 * can no longer be paid: the worker asks Stripe to expire it, and if Stripe refuses because the
 * customer paid in the last second, that payment wins and the booking is accepted.
 */
export function createHolds(ctx: PaymentsContext, deps: { checkout: Checkout; sync: CheckoutSync; settle: Settlement }) {
  const { repo, bookings, logger, clock } = ctx;
  const { checkout, sync, settle } = deps;

  async function endHold(payment: PaymentRow): Promise<void> {
    const gateway = requireGateway(ctx);
    let sessionId = payment.checkoutSessionId;
    if (!sessionId) {
      try {
        // The same key and parameters: Stripe answers with the session if our first try made one.
        sessionId = (await checkout.open(payment)).id;
      } catch (error) {
        if (!isRefusal(error)) throw error;
        // Refused under that key: no session was ever made for it, so nothing can be paid.
        await settle.unpaid(payment, 'expired');
        return;
      }
    }
    try {
      await sync.apply(await gateway.expireSession(sessionId, payment.stripeAccount), payment.stripeAccount);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      // Not open any more: completed (paid just now) or already expired. Stripe's word decides.
      await sync.sync(sessionId, payment.stripeAccount);
    }
  }

  return {
    /** The `payment.end-hold` job (at the hold's end, or at once when the booking was cancelled mid-checkout). */
    async endHold(paymentUid: string): Promise<void> {
      const payment = await repo.byUid(paymentUid);
      if (!payment || payment.state !== 'unpaid') return;
      await endHold(payment);
    },

    /** The `payment.remind` job: "complete your payment", only if Stripe still says unpaid (cal.com #11272). */
    async remind(paymentUid: string): Promise<void> {
      const payment = await repo.byUid(paymentUid);
      if (!payment || payment.state !== 'unpaid') return;
      if (payment.checkoutSessionId) await sync.sync(payment.checkoutSessionId, payment.stripeAccount);
      const now = clock.now();
      await ctx.transaction(async (trx) => {
        // Claimed in the transaction that records the mail: it goes once, or not at all.
        if (!(await repo.update(trx, payment.id, ['unpaid'], { remindAt: null }, now))) return;
        const booking = await bookings.findByUid(payment.bookingUid, trx);
        if (booking?.status !== 'awaiting_payment' || !booking.payment?.checkoutUrl || payment.holdExpiresAt <= now) return;
        await recordPaymentEmail(ctx, trx, { kind: 'payment_reminder', booking: publicBooking(booking), checkoutUrl: booking.payment.checkoutUrl }, now);
      });
    },

    /**
     * The hourly backstop beside the jobs: holds past their end that are still open (a job given
     * up on), and every open payment Stripe may know more about than we do (a webhook lost).
     */
    async reconcile(now: number): Promise<void> {
      for (const payment of await repo.holdsEnded(now - 60_000, 50)) {
        await endHold(payment).catch((error: unknown) => logger.warn('reconcile: hold not ended yet', { payment: payment.uid, error: describeError(error) }));
      }
      for (const payment of await repo.toReconcile(now - 5 * 60_000, 100)) {
        await sync.sync(payment.checkoutSessionId!, payment.stripeAccount).catch((error: unknown) => logger.warn('reconcile: stripe unreachable', { payment: payment.uid, error: describeError(error) }));
      }
    },
  };
}
