import type { Knex } from 'knex';
import type { RefundReason } from '@openslot/sdk/schemas';
import { publicBooking } from '../bookings/access.js';
import type { MoneyChange } from '../bookings/payments-port.js';
import { paymentSummary } from '../bookings/payment-view.js';
import type { PaymentsContext } from './context.js';
import { requireGateway } from './context.js';
import type { PaymentRow, RefundRow, RefundState } from './payments.repo.js';
import { bookerRefund, retryDelay } from './policy.js';
import { isRefusal, type StripeRefund } from './stripe-gateway.js';

/** Refund states that count as money given back (Stripe's `charge.amount_refunded` counts pending ones too). */
const COUNTED: readonly RefundState[] = ['pending', 'succeeded'];
const LIVE: readonly RefundState[] = ['requested', 'pending', 'succeeded'];
export const REFUND_METADATA = 'openslot_refund';

function stateOf(refund: StripeRefund): RefundState {
  switch (refund.status) {
    case 'succeeded':
      return 'succeeded';
    case 'failed':
      return 'failed';
    case 'canceled':
      return 'canceled';
    default:
      return 'pending';
  }
}

/**
 * Money going back: refunds of captured payments and releases of authorisations (free: nothing
 * was charged). Each is a `payment_refunds` row first, written in the transaction of the change
 * that causes it; the Stripe call follows (after commit, retried by the worker) under the row's
 * own idempotency key, and Stripe's later news (`charge.refunded`, `refund.*`) updates the row.
 */
export function createMoneyBack(ctx: PaymentsContext) {
  const { repo, bookings, outbox, clock, logger } = ctx;

  /** What is still ours to give back: paid minus every refund not failed. */
  async function refundable(trx: Knex, payment: PaymentRow): Promise<number> {
    const refunds = await repo.refundsOf(payment.id, trx);
    return payment.amount - refunds.filter((r) => r.kind === 'refund' && LIVE.includes(r.state)).reduce((sum, r) => sum + r.amount, 0);
  }

  /** Records Stripe's state of one refund; tells everyone when the money is first on its way back. */
  async function applyRefund(refund: RefundRow, state: RefundState, stripeRefundId: string | null): Promise<void> {
    const now = clock.now();
    const done = await ctx.transaction(async (trx) => {
      const from: RefundState[] = (['requested', 'pending', 'succeeded'] as RefundState[]).filter((s) => s !== state);
      if (!(await repo.updateRefund(trx, refund.id, from, { state, ...(stripeRefundId && { stripeRefundId }) }, now))) return null;
      const payment = (await repo.byId(refund.paymentId, trx))!;
      const refunds = await repo.refundsOf(payment.id, trx);
      const refunded = refunds.filter((r) => r.kind === 'refund' && COUNTED.includes(r.state)).reduce((sum, r) => sum + r.amount, 0);
      await repo.update(trx, payment.id, null, { refundedAmount: refunded }, now);
      const booking = (await bookings.findByUid(payment.bookingUid, trx))!;
      const newlyCounted = refund.state === 'requested' && COUNTED.includes(state);
      if (newlyCounted) {
        await outbox.record(trx, { ...ctx.eventAbout(booking), type: 'BOOKING_REFUNDED', data: { payment: paymentSummary(booking.payment!), refund: { amount: refund.amount, reason: refund.reason, kind: 'refund' } } }, now);
      }
      return { booking, newlyCounted };
    });
    if (!done) return;
    if (done.newlyCounted) ctx.sendPaymentEmail({ kind: 'refunded', booking: publicBooking(done.booking), amount: refund.amount, reason: refund.reason, released: false, rebookUrl: ctx.rebookUrl(done.booking) });
    // The host learns of it and can settle it by hand; the booker's "on its way" stands corrected by them.
    if (state === 'failed') ctx.sendPaymentEmail({ kind: 'refund_failed', booking: publicBooking(done.booking), amount: refund.amount });
  }

  async function release(refund: RefundRow, payment: PaymentRow): Promise<void> {
    const gateway = requireGateway(ctx);
    try {
      await gateway.cancelAuthorization(payment.paymentIntentId!, `openslot:release:${refund.uid}`, payment.stripeAccount);
    } catch (error) {
      if (!isRefusal(error)) throw error;
      // Already cancelled (Stripe lets authorisations lapse after 7 days) is what we wanted.
      const intent = await gateway.retrieveIntent(payment.paymentIntentId!, payment.stripeAccount);
      if (intent.status !== 'canceled') throw error;
    }
    const now = clock.now();
    const booking = await ctx.transaction(async (trx) => {
      if (!(await repo.updateRefund(trx, refund.id, ['requested'], { state: 'succeeded' }, now))) return null;
      await repo.update(trx, payment.id, ['releasing'], { state: 'released' }, now);
      const after = (await bookings.findByUid(payment.bookingUid, trx))!;
      await outbox.record(trx, { ...ctx.eventAbout(after), type: 'BOOKING_REFUNDED', data: { payment: paymentSummary(after.payment!), refund: { amount: refund.amount, reason: refund.reason, kind: 'authorization_released' } } }, now);
      return after;
    });
    // A rejection or cancellation email already says so; only a late authorisation needs its own.
    if (booking && refund.reason === 'time_unavailable') {
      ctx.sendPaymentEmail({ kind: 'refunded', booking: publicBooking(booking), amount: refund.amount, reason: refund.reason, released: true, rebookUrl: ctx.rebookUrl(booking) });
    }
  }

  async function refundAtStripe(refund: RefundRow, payment: PaymentRow): Promise<void> {
    const created = await requireGateway(ctx).createRefund(
      {
        payment_intent: payment.paymentIntentId!,
        amount: refund.amount,
        reason: refund.reason === 'duplicate' ? 'duplicate' : 'requested_by_customer',
        metadata: { [REFUND_METADATA]: refund.uid, openslot_booking: payment.bookingUid },
      },
      `openslot:refund:${refund.uid}`,
      payment.stripeAccount,
    );
    await applyRefund(refund, stateOf(created), created.id);
  }

  return {
    /** In a confirm, reject or cancel transaction: capture, release or refund per who changed what. */
    async onChange(trx: Knex, change: MoneyChange, now: number): Promise<void> {
      if (!change.booking.payment) return;
      const payment = await repo.byBookingUid(change.booking.uid, trx);
      if (!payment) return;
      const reason: RefundReason = change.kind === 'reject' ? 'rejected' : change.by === 'host' ? 'host_cancelled' : 'booker_cancelled';
      if (payment.state === 'authorized') {
        if (change.kind === 'confirm') {
          await repo.update(trx, payment.id, ['authorized'], { state: 'capturing', attempts: 0, retryAt: null }, now);
          return;
        }
        await repo.update(trx, payment.id, ['authorized'], { state: 'releasing' }, now);
        await repo.insertRefund(trx, { paymentId: payment.id, amount: payment.amount, kind: 'release', reason }, now);
        return;
      }
      if (payment.state !== 'paid' || change.kind === 'confirm') return;
      const left = await refundable(trx, payment);
      const due = reason === 'booker_cancelled' ? Math.min(left, bookerRefund(payment.refundPolicy, payment.amount, Date.parse(change.booking.start), now)) : left;
      if (due > 0) await repo.insertRefund(trx, { paymentId: payment.id, amount: due, kind: 'refund', reason }, now);
    },

    /** `POST /v1/bookings/:uid/refund`: the host gives back `amount` (all that is left without one). */
    async requestRefund(payment: PaymentRow, amount: number | undefined): Promise<'requested' | { left: number }> {
      const now = clock.now();
      return ctx.transaction(async (trx) => {
        const fresh = (await repo.byId(payment.id, trx))!;
        const left = fresh.state === 'paid' ? await refundable(trx, fresh) : 0;
        const due = amount ?? left;
        if (due < 1 || due > left) return { left };
        await repo.insertRefund(trx, { paymentId: fresh.id, amount: due, kind: 'refund', reason: 'host_request' }, now);
        return 'requested' as const;
      });
    },

    /** The worker: every refund and release not yet at Stripe, retried with backoff while Stripe is unreachable. */
    async runDue(now: number): Promise<void> {
      for (const refund of await repo.refundsDue(now, 50)) {
        const payment = (await repo.byId(refund.paymentId))!;
        try {
          await (refund.kind === 'release' ? release(refund, payment) : refundAtStripe(refund, payment));
        } catch (error) {
          if (isRefusal(error)) {
            logger.error('stripe refused a refund', { refund: refund.uid, error: String(error) });
            await applyRefund(refund, 'failed', null);
            continue;
          }
          const attempts = refund.attempts + 1;
          logger.warn('refund not sent to stripe yet', { refund: refund.uid, attempts, error: String(error) });
          await ctx.transaction((trx) => repo.updateRefund(trx, refund.id, ['requested'], { attempts, retryAt: now + retryDelay(attempts) }, now));
        }
      }
    },

    /**
     * `charge.refunded`, `refund.*` and the reconciler: Stripe's list of refunds of a payment, taken
     * as the truth. A refund made in the Stripe Dashboard is recorded too (`stripe_dashboard`).
     */
    async syncRefunds(payment: PaymentRow): Promise<void> {
      if (!payment.paymentIntentId) return;
      const atStripe = await requireGateway(ctx).listRefunds(payment.paymentIntentId, payment.stripeAccount);
      for (const refund of atStripe) {
        const ours = (await repo.refundsOf(payment.id)).find((r) => r.stripeRefundId === refund.id || r.uid === refund.metadata?.[REFUND_METADATA]);
        if (ours) {
          await applyRefund(ours, stateOf(refund), refund.id);
          continue;
        }
        // No retry time: the worker must never send a refund Stripe already made.
        const uid = await ctx.transaction((trx) =>
          repo.insertRefund(trx, { paymentId: payment.id, amount: refund.amount, kind: 'refund', reason: 'stripe_dashboard', stripeRefundId: refund.id, retryAt: null }, clock.now()),
        );
        const inserted = (await repo.refundsOf(payment.id)).find((r) => r.uid === uid)!;
        await applyRefund(inserted, stateOf(refund), refund.id);
      }
    },
  };
}

export type MoneyBack = ReturnType<typeof createMoneyBack>;
