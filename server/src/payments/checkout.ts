import { describeError } from '../logger.js';
import type Stripe from 'stripe';
import type { BookingRow } from '../bookings/bookings.repo.js';
import { NotFoundError } from '../errors.js';
import { requireGateway, type PaymentsContext } from './context.js';
import type { PaymentRow } from './payments.repo.js';
import { PAYMENT_METADATA } from './sync.js';
import { isRefusal, type CheckoutSession } from './stripe-gateway.js';

/** Where the checkout link leads: Stripe's page, or (when it can no longer be paid) the booking. */
export type CheckoutDestination = { kind: 'stripe'; url: string } | { kind: 'booking'; booking: BookingRow; timeRanOut: boolean };

/**
 * Checkout Sessions: made after the booking commits, from the payment row alone, so a retry (the
 * worker's, or the checkout link's own when the first try failed) sends the very same
 * parameters under the same idempotency key and gets the same session back, never a second one.
 */
export function createCheckout(ctx: PaymentsContext) {
  const { repo, bookings, clock, links, logger } = ctx;

  function params(payment: PaymentRow, booking: BookingRow): Stripe.Checkout.SessionCreateParams {
    const metadata = { [PAYMENT_METADATA]: payment.uid, openslot_booking: booking.uid };
    return {
      mode: 'payment',
      line_items: [{ quantity: 1, price_data: { currency: payment.currency, unit_amount: payment.amount, product_data: { name: booking.title.slice(0, 250) } } }],
      client_reference_id: booking.uid,
      customer_email: booking.attendee.email,
      expires_at: Math.floor(payment.sessionExpiresAt / 1000),
      success_url: links.paymentReturnUrl(booking, 'paid'),
      cancel_url: links.paymentReturnUrl(booking, 'cancelled'),
      // Cards (and Link, which pays by card) only: their result is known at once, so a hold
      // never waits days on a bank debit.
      allowed_payment_method_types: ['card', 'link'],
      metadata,
      payment_intent_data: { capture_method: payment.captureMethod, description: booking.title.slice(0, 250), metadata },
    };
  }

  /** Makes the session (or gets it back, same key) and stores it. Throws what Stripe threw. */
  async function open(payment: PaymentRow): Promise<CheckoutSession> {
    const booking = await bookings.findByUid(payment.bookingUid);
    if (!booking) throw new NotFoundError(`Booking "${payment.bookingUid}"`);
    const session = await requireGateway(ctx).createSession(params(payment, booking), `openslot:cs:${payment.uid}`, payment.stripeAccount);
    await repo.attachSession(payment.id, session.id, session.url ?? null, clock.now());
    return session;
  }

  return {
    open,

    /**
     * The `payment.open-session` job, right after the booking commits. Stripe unreachable: the
     * job tries again. Refused: the hold's end settles it (no session, nothing can be paid).
     */
    async openAfterCommit(paymentUid: string): Promise<void> {
      const payment = await repo.byUid(paymentUid);
      if (!payment || payment.state !== 'unpaid' || payment.checkoutSessionId || payment.holdExpiresAt <= clock.now()) return;
      try {
        await open(payment);
      } catch (error) {
        if (isRefusal(error)) return logger.error('stripe refused the checkout session', { payment: payment.uid, error: describeError(error) });
        throw error;
      }
    },

    /** `GET /v1/payments/checkout/:uid`: on to Stripe while the booking can be paid, making its session now if need be. */
    async destination(bookingUid: string): Promise<CheckoutDestination> {
      const payment = await repo.byBookingUid(bookingUid);
      const booking = payment && (await bookings.findByUid(bookingUid));
      if (!payment || !booking) throw new NotFoundError(`Booking "${bookingUid}"`);
      const timeRanOut = payment.holdExpiresAt <= clock.now();
      if (booking.status !== 'awaiting_payment' || payment.state !== 'unpaid' || timeRanOut) return { kind: 'booking', booking, timeRanOut };
      const url = payment.checkoutSessionId ? payment.checkoutUrl : (await open(payment)).url;
      return url ? { kind: 'stripe', url } : { kind: 'booking', booking, timeRanOut };
    },
  };
}

export type Checkout = ReturnType<typeof createCheckout>;
