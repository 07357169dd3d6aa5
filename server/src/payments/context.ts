import type { Knex } from 'knex';
import type { RefundReason } from '@openslot/sdk/schemas';
import type { ActionLinks } from '../bookings/action-links.js';
import type { BookingNotifier } from '../bookings/booking-notifier.js';
import type { BookingRow, BookingsRepo } from '../bookings/bookings.repo.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { JobQueue } from '../jobs/index.js';
import type { Logger } from '../logger.js';
import { paymentMailJobs, type PaymentEmail } from '../notifications/index.js';
import type { NewEvent, Outbox } from '../outbox/outbox.js';
import type { PaymentsRepo } from './payments.repo.js';
import type { StripeGateway } from './stripe-gateway.js';

/** The job kinds of payments: each a Stripe call one row asks for, run by the worker after commit. */
export const PAYMENT_JOBS = {
  openSession: 'payment.open-session',
  endHold: 'payment.end-hold',
  remind: 'payment.remind',
  moneyBack: 'payment.money-back',
  capture: 'payment.capture',
  releaseStale: 'payment.release-stale',
} as const;

/** What the payment flows share. `gateway` is null on a server without STRIPE_SECRET_KEY. */
export interface PaymentsContext {
  config: Config;
  clock: Clock;
  logger: Logger;
  repo: PaymentsRepo;
  gateway: StripeGateway | null;
  bookings: BookingsRepo;
  outbox: Outbox;
  jobs: JobQueue;
  notifier: BookingNotifier;
  links: ActionLinks;
  transaction<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T>;
  eventAbout(row: BookingRow): Omit<NewEvent, 'type'>;
  /** Where a booker picks another time for the event type of `row`. */
  rebookUrl(row: BookingRow): string;
}

export function requireGateway(ctx: Pick<PaymentsContext, 'gateway'>): StripeGateway {
  if (!ctx.gateway) throw new Error('Stripe is not configured (STRIPE_SECRET_KEY)');
  return ctx.gateway;
}

/** A payment email, recorded in the transaction of the change it tells of (a job per message). */
export function recordPaymentEmail(ctx: Pick<PaymentsContext, 'jobs'>, trx: Knex, email: PaymentEmail, now: number): Promise<void> {
  return ctx.jobs.enqueue(trx, paymentMailJobs(email), now);
}

/** Money to give back: its row, and the job that takes it to Stripe, in one transaction. Its uid. */
export async function requestMoneyBack(ctx: Pick<PaymentsContext, 'repo' | 'jobs'>, trx: Knex, refund: { paymentId: number; amount: number; kind: 'refund' | 'release'; reason: RefundReason }, now: number): Promise<string> {
  const uid = await ctx.repo.insertRefund(trx, refund, now);
  await ctx.jobs.enqueue(trx, { kind: PAYMENT_JOBS.moneyBack, payload: { refund: uid }, key: `${PAYMENT_JOBS.moneyBack}:${uid}` }, now);
  return uid;
}
