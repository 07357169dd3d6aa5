import { publicBooking } from '../bookings/access.js';
import type { Checkout } from './checkout.js';
import { requireGateway, type PaymentsContext } from './context.js';
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
  const { repo, bookings, logger } = ctx;
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
    endHold,

    /** Holds that are over (or whose booking was cancelled mid-checkout); a failure keeps the hold for the next round. */
    async runDue(now: number): Promise<void> {
      for (const payment of await repo.holdsEnded(now, 50)) {
        await endHold(payment).catch((error: unknown) => logger.warn('hold not ended yet', { payment: payment.uid, error: String(error) }));
      }
    },

    /** "Complete your payment", only if Stripe still says unpaid when it is due (cal.com #11272). */
    async remind(now: number): Promise<void> {
      for (const payment of await repo.remindersDue(now, 50)) {
        // Claim it first: two workers never send it twice.
        const claimed = await ctx.transaction((trx) => repo.update(trx, payment.id, ['unpaid'], { remindAt: null }, now));
        if (!claimed) continue;
        try {
          if (payment.checkoutSessionId) await sync.sync(payment.checkoutSessionId, payment.stripeAccount);
        } catch (error) {
          logger.warn('payment reminder skipped: stripe unreachable', { payment: payment.uid, error: String(error) });
          continue;
        }
        const booking = await bookings.findByUid(payment.bookingUid);
        if (booking?.status !== 'awaiting_payment' || !booking.payment?.checkoutUrl) continue;
        ctx.sendPaymentEmail({ kind: 'payment_reminder', booking: publicBooking(booking), checkoutUrl: booking.payment.checkoutUrl });
      }
    },

    /** Sessions the booking request's own try did not make (Stripe was down, the process died). */
    async openDue(now: number): Promise<void> {
      for (const payment of await repo.sessionsDue(now, 50)) await checkout.openOrRetryLater(payment);
    },

    /** The reconciler: Stripe's view of every open payment, in case a webhook was lost. */
    async reconcile(now: number): Promise<void> {
      for (const payment of await repo.toReconcile(now - 5 * 60_000, 100)) {
        await sync.sync(payment.checkoutSessionId!, payment.stripeAccount).catch((error: unknown) => logger.warn('reconcile: stripe unreachable', { payment: payment.uid, error: String(error) }));
      }
    },
  };
}
