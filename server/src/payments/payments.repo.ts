import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { RefundPolicy, RefundReason } from '@openslot/sdk/schemas';
import type { PaymentState } from '../bookings/payment-view.js';
import { parseJson } from '../db/knex.js';

export interface PaymentRow {
  id: number;
  /** Random, so Stripe idempotency keys never repeat across databases (`openslot:cs:<uid>`). */
  uid: string;
  bookingId: number;
  bookingUid: string;
  stripeAccount: string | null;
  amount: number;
  currency: string;
  captureMethod: 'automatic' | 'manual';
  refundPolicy: RefundPolicy;
  state: PaymentState;
  checkoutSessionId: string | null;
  checkoutUrl: string | null;
  sessionExpiresAt: number;
  holdExpiresAt: number;
  remindAt: number | null;
  paymentIntentId: string | null;
  receiptUrl: string | null;
  authorizedAt: number | null;
  refundedAmount: number;
  createdAt: number;
}

export type RefundState = 'requested' | 'pending' | 'succeeded' | 'failed' | 'canceled';

export interface RefundRow {
  id: number;
  uid: string;
  paymentId: number;
  amount: number;
  kind: 'refund' | 'release';
  reason: RefundReason;
  state: RefundState;
  stripeRefundId: string | null;
  createdAt: number;
}

export interface NewPayment {
  bookingId: number;
  stripeAccount: string | null;
  amount: number;
  currency: string;
  captureMethod: 'automatic' | 'manual';
  refundPolicy: RefundPolicy;
  sessionExpiresAt: number;
  holdExpiresAt: number;
  remindAt: number | null;
}

export const newPaymentUid = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url')}`;
const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));

function toPayment(row: Record<string, any>): PaymentRow {
  return {
    id: row.id,
    uid: row.uid,
    bookingId: row.booking_id,
    bookingUid: row.booking_uid,
    stripeAccount: row.stripe_account,
    amount: Number(row.amount),
    currency: row.currency,
    captureMethod: row.capture_method,
    refundPolicy: parseJson(row.refund_policy, { type: 'none' }),
    state: row.status,
    checkoutSessionId: row.checkout_session_id,
    checkoutUrl: row.checkout_url,
    sessionExpiresAt: Number(row.session_expires_at),
    holdExpiresAt: Number(row.hold_expires_at),
    remindAt: num(row.remind_at),
    paymentIntentId: row.payment_intent_id,
    receiptUrl: row.receipt_url,
    authorizedAt: num(row.authorized_at),
    refundedAmount: Number(row.refunded_amount),
    createdAt: Number(row.created_at),
  };
}

function toRefund(row: Record<string, any>): RefundRow {
  return {
    id: row.id,
    uid: row.uid,
    paymentId: row.payment_id,
    amount: Number(row.amount),
    kind: row.kind,
    reason: row.reason,
    state: row.status,
    stripeRefundId: row.stripe_refund_id,
    createdAt: Number(row.created_at),
  };
}

/** Columns a payment update may set, camelCase. */
export interface PaymentPatch {
  state?: PaymentState;
  checkoutSessionId?: string;
  checkoutUrl?: string | null;
  holdExpiresAt?: number;
  remindAt?: number | null;
  paymentIntentId?: string;
  receiptUrl?: string | null;
  authorizedAt?: number;
  refundedAmount?: number;
  bookingId?: number;
}

const COLUMNS: Record<keyof PaymentPatch, string> = {
  state: 'status',
  checkoutSessionId: 'checkout_session_id',
  checkoutUrl: 'checkout_url',
  holdExpiresAt: 'hold_expires_at',
  remindAt: 'remind_at',
  paymentIntentId: 'payment_intent_id',
  receiptUrl: 'receipt_url',
  authorizedAt: 'authorized_at',
  refundedAmount: 'refunded_amount',
  bookingId: 'booking_id',
};

const columns = (patch: PaymentPatch) => Object.fromEntries(Object.entries(patch).map(([key, value]) => [COLUMNS[key as keyof PaymentPatch], value]));

export function createPaymentsRepo(db: Knex) {
  const payments = (trx: Knex) => trx('payments').join('bookings', 'bookings.id', 'payments.booking_id').select('payments.*', 'bookings.uid as booking_uid');
  const one = async (query: Knex.QueryBuilder) => {
    const row = await query.first();
    return row ? toPayment(row) : null;
  };

  return {
    /** The new payment's uid. */
    async insert(trx: Knex, payment: NewPayment, now: number): Promise<string> {
      const uid = newPaymentUid('pay');
      await trx('payments').insert({
        uid,
        booking_id: payment.bookingId,
        stripe_account: payment.stripeAccount,
        amount: payment.amount,
        currency: payment.currency,
        capture_method: payment.captureMethod,
        refund_policy: JSON.stringify(payment.refundPolicy),
        status: 'unpaid',
        session_expires_at: payment.sessionExpiresAt,
        hold_expires_at: payment.holdExpiresAt,
        remind_at: payment.remindAt,
        created_at: now,
        updated_at: now,
      });
      return uid;
    },

    byId: (id: number, trx: Knex = db) => one(payments(trx).where('payments.id', id)),
    byUid: (uid: string, trx: Knex = db) => one(payments(trx).where('payments.uid', uid)),
    byBookingUid: (uid: string, trx: Knex = db) => one(payments(trx).where('bookings.uid', uid)),
    bySession: (sessionId: string, trx: Knex = db) => one(payments(trx).where('payments.checkout_session_id', sessionId)),
    byIntent: (intentId: string, trx: Knex = db) => one(payments(trx).where('payments.payment_intent_id', intentId)),

    /**
     * Moves a payment on only while it is in one of `from`: of two paths racing (webhook and
     * sweeper, say), exactly one sees `true`. `from` null: whatever its state.
     */
    async update(trx: Knex, id: number, from: readonly PaymentState[] | null, patch: PaymentPatch, now: number): Promise<boolean> {
      const query = trx('payments').where({ id });
      if (from) query.whereIn('status', from);
      return (await query.update({ ...columns(patch), updated_at: now })) > 0;
    },

    /** When Stripe's view of it was last read (the reconciler reads the longest unread first). */
    async markSynced(id: number, now: number): Promise<void> {
      await db('payments').where({ id }).update({ synced_at: now });
    },

    /** Stores the session made for this payment, unless one is stored already. */
    async attachSession(id: number, sessionId: string, url: string | null, now: number): Promise<void> {
      await db('payments').where({ id }).whereNull('checkout_session_id').update({ checkout_session_id: sessionId, checkout_url: url, updated_at: now });
    },


    /** Unpaid payments whose hold is over, or whose booking no longer waits (cancelled mid-checkout). */
    holdsEnded: (now: number, limit: number) =>
      payments(db)
        .where('payments.status', 'unpaid')
        .where((q) => q.where('payments.hold_expires_at', '<=', now).orWhereNot('bookings.status', 'awaiting_payment'))
        .orderBy('payments.hold_expires_at')
        .limit(limit)
        .then((rows) => rows.map(toPayment)),




    /** Payments Stripe may know more about than we do (a webhook lost), least recently looked at first. */
    toReconcile: (before: number, limit: number) =>
      payments(db)
        .whereIn('payments.status', ['unpaid', 'processing', 'capturing', 'releasing'])
        .whereNotNull('payments.checkout_session_id')
        .where('payments.updated_at', '<=', before)
        .where((q) => q.whereNull('payments.synced_at').orWhere('payments.synced_at', '<=', before))
        // Never-read first (NULL sorts first on both databases), then the longest unread.
        .orderBy('payments.synced_at')
        .limit(limit)
        .then((rows) => rows.map(toPayment)),

    /** A refund or release, `requested` until Stripe's answer is applied. */
    async insertRefund(trx: Knex, refund: { paymentId: number; amount: number; kind: 'refund' | 'release'; reason: RefundReason; stripeRefundId?: string }, now: number): Promise<string> {
      const uid = newPaymentUid('rf');
      await trx('payment_refunds').insert({
        uid,
        payment_id: refund.paymentId,
        amount: refund.amount,
        kind: refund.kind,
        reason: refund.reason,
        status: 'requested',
        stripe_refund_id: refund.stripeRefundId ?? null,
        created_at: now,
        updated_at: now,
      });
      return uid;
    },

    refundByUid: (uid: string, trx: Knex = db) => trx('payment_refunds').where({ uid }).first().then((row) => (row ? toRefund(row) : null)),
    refundsOf: (paymentId: number, trx: Knex = db) => trx('payment_refunds').where({ payment_id: paymentId }).orderBy('id').then((rows) => rows.map(toRefund)),
    pendingRefunds: (limit: number) => db('payment_refunds').where('status', 'pending').orderBy('updated_at').limit(limit).then((rows) => rows.map(toRefund)),

    async updateRefund(trx: Knex, id: number, from: readonly RefundState[], patch: { state?: RefundState; stripeRefundId?: string }, now: number): Promise<boolean> {
      const changed = await trx('payment_refunds')
        .where({ id })
        .whereIn('status', from)
        .update({
          ...(patch.state && { status: patch.state }),
          ...(patch.stripeRefundId && { stripe_refund_id: patch.stripeRefundId }),
          updated_at: now,
        });
      return changed > 0;
    },

    /** Whether this Stripe event was applied already. */
    async seenEvent(id: string): Promise<boolean> {
      return (await db('stripe_events').where({ id }).first()) !== undefined;
    },

    async recordEvent(event: { id: string; type: string; account: string | null }, now: number): Promise<void> {
      await db('stripe_events').insert({ id: event.id, type: event.type, account: event.account, received_at: now }).onConflict('id').ignore();
    },
  };
}

export type PaymentsRepo = ReturnType<typeof createPaymentsRepo>;
