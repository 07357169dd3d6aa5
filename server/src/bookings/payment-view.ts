import type { BookingPayment, BookingStatus, PaymentStatus } from '@openslot/sdk/schemas';

/**
 * Where a payment stands on our side. Finer than the public `payment.status`: the worker needs to
 * know a capture or a release was asked for and has not reached Stripe yet.
 *   unpaid      Checkout is (or is about to be) open; the booking holds its time
 *   processing  Checkout completed with a delayed method (bank debit); the hold continues
 *   authorized  the card is authorised, not charged (requires-confirmation event types)
 *   capturing   the host confirmed; the capture is on its way to Stripe
 *   paid        Stripe took the money (refunds are counted in `refunded_amount`)
 *   releasing   the authorisation is being cancelled (rejected, cancelled, or not decided in time)
 *   released    the authorisation was lifted: nothing was charged
 *   failed      the payment method was declined after Checkout (async) or the capture failed
 *   expired     Stripe says the session can no longer be paid
 */
export type PaymentState = 'unpaid' | 'processing' | 'authorized' | 'capturing' | 'paid' | 'releasing' | 'released' | 'failed' | 'expired';

export interface PaymentColumns {
  state: PaymentState;
  amount: number;
  currency: string;
  refundedAmount: number;
  holdExpiresAt: number;
}

/**
 * The payment as the API shows it. A released authorisation reads `refunded` with `refundedAmount`
 * equal to `amount`: nothing was kept, so "amount − refundedAmount" is what the booker paid, always.
 */
export function publicPayment(payment: PaymentColumns, booking: { uid: string; status: BookingStatus }, publicUrl: string): BookingPayment {
  const open = booking.status === 'awaiting_payment' && payment.state === 'unpaid';
  const released = payment.state === 'released' || payment.state === 'releasing';
  const refunded = released ? payment.amount : payment.refundedAmount;
  return {
    status: publicStatus(payment.state, refunded, payment.amount),
    amount: payment.amount,
    currency: payment.currency,
    refundedAmount: refunded,
    // Our own address: it sends the booker on to Stripe's page, made after commit (or now, if not yet).
    checkoutUrl: open ? `${publicUrl}/v1/payments/checkout/${encodeURIComponent(booking.uid)}` : null,
    expiresAt: booking.status === 'awaiting_payment' ? new Date(payment.holdExpiresAt).toISOString() : null,
  };
}

function publicStatus(state: PaymentState, refunded: number, amount: number): PaymentStatus {
  if (refunded >= amount) return 'refunded';
  if (refunded > 0) return 'partially_refunded';
  switch (state) {
    case 'unpaid':
    case 'processing':
      return 'unpaid';
    case 'authorized':
    case 'capturing':
      return 'authorized';
    case 'paid':
      return 'paid';
    case 'failed':
      return 'failed';
    case 'expired':
      return 'expired';
    default:
      return 'refunded';
  }
}

/** `data.payment` of the payment webhooks: the booking's payment without its checkout link. */
export function paymentSummary(payment: BookingPayment): Pick<BookingPayment, 'status' | 'amount' | 'currency' | 'refundedAmount'> {
  return { status: payment.status, amount: payment.amount, currency: payment.currency, refundedAmount: payment.refundedAmount };
}
