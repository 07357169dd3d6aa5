import { describeError } from '../logger.js';
import type { Knex } from 'knex';
import type { RefundReason } from '@openslot/sdk/schemas';
import { publicBooking } from '../bookings/access.js';
import type { MoneyChange } from '../bookings/payments-port.js';
import { paymentSummary } from '../bookings/payment-view.js';
import { PAYMENT_JOBS, recordPaymentEmail, requestMoneyBack, requireGateway, type PaymentsContext } from './context.js';
import type { PaymentRow, RefundRow, RefundState } from './payments.repo.js';
import { bookerRefund } from './policy.js';
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
    await ctx.transaction(async (trx) => {
      // Read again here: of two paths with the same news, the conditional update lets one through.
      const before = (await repo.refundByUid(refund.uid, trx))!.state;
      if (before === state || before === 'failed' || before === 'canceled') return;
      if (!(await repo.updateRefund(trx, refund.id, [before], { state, ...(stripeRefundId && { stripeRefundId }) }, now))) return;
      const payment = (await repo.byId(refund.paymentId, trx))!;
      const refunds = await repo.refundsOf(payment.id, trx);
      const refunded = refunds.filter((r) => r.kind === 'refund' && COUNTED.includes(r.state)).reduce((sum, r) => sum + r.amount, 0);
      await repo.update(trx, payment.id, null, { refundedAmount: refunded }, now);
      const booking = (await bookings.findByUid(payment.bookingUid, trx))!;
      if (before === 'requested' && COUNTED.includes(state)) {
        await outbox.record(trx, { ...ctx.eventAbout(booking), type: 'BOOKING_REFUNDED', data: { payment: paymentSummary(booking.payment!), refund: { amount: refund.amount, reason: refund.reason, kind: 'refund' } } }, now);
        await recordPaymentEmail(ctx, trx, { kind: 'refunded', booking: publicBooking(booking), amount: refund.amount, reason: refund.reason, released: false, rebookUrl: ctx.rebookUrl(booking) }, now);
      }
      // The host learns of it and can settle it by hand.
      if (state === 'failed') await recordPaymentEmail(ctx, trx, { kind: 'refund_failed', booking: publicBooking(booking), amount: refund.amount }, now);
    });
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
    await ctx.transaction(async (trx) => {
      if (!(await repo.updateRefund(trx, refund.id, ['requested'], { state: 'succeeded' }, now))) return;
      await repo.update(trx, payment.id, ['releasing'], { state: 'released' }, now);
      const after = (await bookings.findByUid(payment.bookingUid, trx))!;
      await outbox.record(trx, { ...ctx.eventAbout(after), type: 'BOOKING_REFUNDED', data: { payment: paymentSummary(after.payment!), refund: { amount: refund.amount, reason: refund.reason, kind: 'authorization_released' } } }, now);
      // A rejection or cancellation email already says so; only a late authorisation needs its own.
      if (refund.reason === 'time_unavailable') {
        await recordPaymentEmail(ctx, trx, { kind: 'refunded', booking: publicBooking(after), amount: refund.amount, reason: refund.reason, released: true, rebookUrl: ctx.rebookUrl(after) }, now);
      }
    });
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
      if (payment.state === 'unpaid' && change.kind === 'cancel') {
        // Cancelled during checkout: close the session now rather than at the end of the hold.
        await ctx.jobs.enqueue(trx, { kind: PAYMENT_JOBS.endHold, payload: { payment: payment.uid }, key: `${PAYMENT_JOBS.endHold}:${payment.uid}:cancelled` }, now);
        return;
      }
      if (payment.state === 'authorized') {
        if (change.kind === 'confirm') {
          await repo.update(trx, payment.id, ['authorized'], { state: 'capturing' }, now);
          await ctx.jobs.enqueue(trx, { kind: PAYMENT_JOBS.capture, payload: { payment: payment.uid }, key: `${PAYMENT_JOBS.capture}:${payment.uid}` }, now);
          return;
        }
        await repo.update(trx, payment.id, ['authorized'], { state: 'releasing' }, now);
        await requestMoneyBack(ctx, trx, { paymentId: payment.id, amount: payment.amount, kind: 'release', reason }, now);
        return;
      }
      if (payment.state !== 'paid' || change.kind === 'confirm') return;
      const left = await refundable(trx, payment);
      const due = reason === 'booker_cancelled' ? Math.min(left, bookerRefund(payment.refundPolicy, payment.amount, Date.parse(change.booking.start), now)) : left;
      if (due > 0) await requestMoneyBack(ctx, trx, { paymentId: payment.id, amount: due, kind: 'refund', reason }, now);
    },

    /**
     * `POST /v1/bookings/:uid/refund`: the host gives back `amount` (all that is left without one).
     * `claim` (the request's idempotency key) is taken in the same transaction as the refund row.
     */
    async requestRefund(payment: PaymentRow, amount: number | undefined, claim?: (trx: Knex) => Promise<void>): Promise<{ requested: string } | { left: number }> {
      const now = clock.now();
      return ctx.transaction(async (trx) => {
        // The payment's row lock first: of two refunds at once, the second sees what the first took.
        await repo.update(trx, payment.id, null, {}, now);
        const fresh = (await repo.byId(payment.id, trx))!;
        const left = fresh.state === 'paid' ? await refundable(trx, fresh) : 0;
        const due = amount ?? left;
        if (due < 1 || due > left) return { left };
        await claim?.(trx);
        return { requested: await requestMoneyBack(ctx, trx, { paymentId: fresh.id, amount: due, kind: 'refund', reason: 'host_request' }, now) };
      });
    },

    /**
     * The `payment.money-back` job: one refund or release taken to Stripe. A refusal marks it
     * failed (the host is told); anything else throws, and the job queue tries again later.
     */
    async send(refundUid: string): Promise<void> {
      const refund = await repo.refundByUid(refundUid);
      if (!refund || refund.state !== 'requested') return;
      const payment = (await repo.byId(refund.paymentId))!;
      try {
        await (refund.kind === 'release' ? release(refund, payment) : refundAtStripe(refund, payment));
      } catch (error) {
        if (!isRefusal(error)) throw error;
        logger.error('stripe refused a refund', { refund: refund.uid, error: describeError(error) });
        await applyRefund(refund, 'failed', null);
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
        // No job: Stripe made it already.
        const uid = await ctx.transaction((trx) => repo.insertRefund(trx, { paymentId: payment.id, amount: refund.amount, kind: 'refund', reason: 'stripe_dashboard', stripeRefundId: refund.id }, clock.now()));
        const inserted = (await repo.refundsOf(payment.id)).find((r) => r.uid === uid)!;
        await applyRefund(inserted, stateOf(refund), refund.id);
      }
    },
  };
}

export type MoneyBack = ReturnType<typeof createMoneyBack>;
