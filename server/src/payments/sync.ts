import type { PaymentsContext } from './context.js';
import { requireGateway } from './context.js';
import type { PaymentRow } from './payments.repo.js';
import type { Settlement } from './settle.js';
import type { CheckoutSession, PaymentIntent } from './stripe-gateway.js';

/** The metadata every session and PaymentIntent of ours carries, so Stripe's objects lead back to the payment. */
export const PAYMENT_METADATA = 'openslot_payment';

/**
 * The one way Stripe's view of a checkout reaches our records (webhook, return page, sweeper and
 * reconciler alike): read the session from Stripe, never trust a payload or a query string, find
 * the payment it belongs to, and settle what Stripe says.
 */
export function createCheckoutSync(ctx: PaymentsContext, settle: Settlement) {
  const { repo, logger, clock } = ctx;

  /** Ours only if its account and amount match the payment's: a connected account cannot claim another's booking. */
  async function paymentOf(session: CheckoutSession, account: string | null): Promise<PaymentRow | null> {
    const byId = await repo.bySession(session.id);
    const payment = byId ?? (typeof session.metadata?.[PAYMENT_METADATA] === 'string' ? await repo.byUid(session.metadata[PAYMENT_METADATA]) : null);
    if (!payment) return null;
    if (payment.stripeAccount !== account || session.amount_total !== payment.amount || session.currency !== payment.currency) {
      logger.warn('stripe session does not match its payment', { session: session.id, payment: payment.uid });
      return null;
    }
    return payment;
  }

  async function intentOf(session: CheckoutSession, account: string | null): Promise<PaymentIntent | null> {
    const intent = session.payment_intent;
    if (!intent) return null;
    return typeof intent === 'object' ? intent : requireGateway(ctx).retrieveIntent(intent, account);
  }

  async function apply(session: CheckoutSession, account: string | null): Promise<PaymentRow | null> {
    const payment = await paymentOf(session, account);
    if (!payment) return null;
    if (payment.checkoutSessionId && payment.checkoutSessionId !== session.id) {
      // A session whose create answer was lost, then made again: it was never shown, so it is never paid.
      logger.warn('stripe session is not the payment’s current one', { session: session.id, payment: payment.uid });
      return payment;
    }
    if (!payment.checkoutSessionId) await repo.attachSession(payment.id, session.id, session.url ?? null, clock.now());
    if (session.status === 'expired') {
      await settle.unpaid(payment, 'expired');
      return payment;
    }
    if (session.status !== 'complete') return payment;
    const intent = await intentOf(session, account);
    switch (intent?.status) {
      case 'succeeded':
      case 'requires_capture':
        await settle.paid(payment, intent);
        break;
      case 'processing':
        await settle.processing(payment, intent.id);
        break;
      case 'requires_payment_method':
      case 'canceled':
        // Checkout completed, then the delayed payment failed: it can no longer be paid.
        await settle.unpaid(payment, 'failed');
        break;
      default:
        if (session.payment_status === 'unpaid') await settle.processing(payment, intent?.id ?? null);
    }
    return payment;
  }

  return {
    apply,

    /** Re-reads the session from Stripe and applies it; the payment it belongs to, or null when it is not ours. */
    async sync(sessionId: string, account: string | null): Promise<PaymentRow | null> {
      const session = await requireGateway(ctx).retrieveSession(sessionId, account);
      const payment = await apply(session, account);
      if (payment) await repo.markSynced(payment.id, clock.now());
      return payment;
    },
  };
}

export type CheckoutSync = ReturnType<typeof createCheckoutSync>;
