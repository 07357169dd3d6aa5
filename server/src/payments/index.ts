import type { Knex } from 'knex';
import type { Booking } from '@openslot/sdk/schemas';
import { createBookingAccess, publicBooking, type BookingAccess } from '../bookings/access.js';
import { createActionLinks } from '../bookings/action-links.js';
import { createBookingNotifier } from '../bookings/booking-notifier.js';
import type { BookingsRepo } from '../bookings/bookings.repo.js';
import { bookingTransaction, eventAbout } from '../bookings/context.js';
import { callerScope, type IdempotencyStore } from '../bookings/idempotency.js';
import type { BookingPayments } from '../bookings/payments-port.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { ConflictError, DomainError, NotFoundError } from '../errors.js';
import { RetryLaterError, type JobQueue, type Worker } from '../jobs/index.js';
import { describeError, type Logger } from '../logger.js';
import type { Outbox } from '../outbox/outbox.js';
import type { Signer } from '../security/signing.js';
import type { TeamsService } from '../teams/teams.service.js';
import type { UsersRepo } from '../users/users.repo.js';
import { createAuthorizations } from './authorizations.js';
import { createCheckout } from './checkout.js';
import { createConnect, paymentsNotConfigured } from './connect.js';
import { createConnectRepo } from './connect.repo.js';
import { PAYMENT_JOBS, type PaymentsContext } from './context.js';
import { createHolds } from './holds.js';
import { createMoneyBack } from './money-back.js';
import { createPaymentsRepo } from './payments.repo.js';
import { paymentTimes, retryDelay } from './policy.js';
import { createSettlement } from './settle.js';
import { createStripeEvents } from './stripe-events.js';
import { createStripeClient, createStripeGateway, type StripeEvent } from './stripe-gateway.js';
import { createCheckoutSync } from './sync.js';

export { createPaymentsRouter } from './payments.router.js';
export { createStripeWebhookRouter } from './stripe-webhook.router.js';

export interface PaymentsDeps {
  db: Knex;
  config: Config;
  clock: Clock;
  logger: Logger;
  bookings: BookingsRepo;
  outbox: Outbox;
  jobs: JobQueue;
  worker: Worker;
  signer: Signer;
  usersRepo: UsersRepo;
  teams: TeamsService;
  idempotency: IdempotencyStore;
}

/**
 * Paid event types through Stripe Checkout, wired: the port the bookings service calls inside
 * its transactions, the service behind the payment routes, and the job handlers (plus an hourly
 * reconciler) that make every Stripe call those transactions ask for, on the worker of
 * `openslot serve` and `openslot worker`.
 */
export function createPayments(deps: PaymentsDeps) {
  const { db, config, clock, logger, bookings, outbox, jobs, worker, signer, idempotency } = deps;
  const gateway = config.stripe ? createStripeGateway(createStripeClient(config.stripe), config.stripe) : null;
  const repo = createPaymentsRepo(db);
  const accounts = createConnectRepo(db);
  const links = createActionLinks({ publicUrl: config.publicUrl, signer });
  const access = createBookingAccess({ bookings, signer });
  const ctx: PaymentsContext = {
    config,
    clock,
    logger,
    repo,
    gateway,
    bookings,
    outbox,
    jobs,
    notifier: createBookingNotifier({ jobs, links }),
    links,
    transaction: bookingTransaction(db),
    eventAbout,
    rebookUrl: (row) => `${config.publicUrl}/book/${row.eventType.split('/').map(encodeURIComponent).join('/')}`,
  };
  const settle = createSettlement(ctx);
  const sync = createCheckoutSync(ctx, settle);
  const checkout = createCheckout(ctx);
  const moneyBack = createMoneyBack(ctx);
  const holds = createHolds(ctx, { checkout, sync, settle });
  const authorizations = createAuthorizations(ctx);
  const connect = createConnect({ config, clock, accounts, gateway, usersRepo: deps.usersRepo, teams: deps.teams, signer });
  const events = createStripeEvents({ repo, sync, moneyBack, connect, logger, now: clock.now });

  if (gateway) {
    const uid = (job: { payload: Record<string, unknown> }) => String(job.payload.payment ?? job.payload.refund ?? '');
    // Stripe's own retries of one call are done by the client; these are the app's, same key each time.
    const retryDelaysMs = [5_000, 30_000, 60_000, 5 * 60_000, 15 * 60_000, 3_600_000, 3_600_000];
    worker.handle(PAYMENT_JOBS.openSession, (job) => checkout.openAfterCommit(uid(job)), { retryDelaysMs });
    // A hold is never freed by our clock alone (I1): while Stripe cannot be asked, it keeps being retried.
    worker.handle(PAYMENT_JOBS.endHold, (job) => holds.endHold(uid(job)).catch((error: unknown) => Promise.reject(new RetryLaterError(clock.now() + retryDelay(job.attempt), String(error)))));
    worker.handle(PAYMENT_JOBS.remind, (job) => holds.remind(uid(job)), { retryDelaysMs: [60_000] });
    worker.handle(PAYMENT_JOBS.moneyBack, (job) => moneyBack.send(uid(job)), { retryDelaysMs });
    worker.handle(PAYMENT_JOBS.capture, (job) => authorizations.capture(uid(job)), { retryDelaysMs });
    worker.handle(PAYMENT_JOBS.releaseStale, (job) => authorizations.releaseStale(uid(job)), { retryDelaysMs });
    worker.every('payments.reconcile', 3_600_000, async (now) => {
      await holds.reconcile(now);
      for (const refund of await repo.pendingRefunds(100)) {
        const payment = await repo.byId(refund.paymentId);
        if (payment) await moneyBack.syncRefunds(payment).catch((error: unknown) => logger.warn('reconcile: refunds unreadable', { payment: payment.uid, error: describeError(error) }));
      }
    });
  }

  const port: BookingPayments = {
    async termsFor(resolved) {
      const { price, requiresConfirmation, refundPolicy, userId, owner } = resolved.eventType;
      if (!price) return null;
      // Never a free booking of a paid event type: without Stripe it cannot be booked at all.
      if (!config.stripe) throw paymentsNotConfigured(`${resolved.event} has a price, but this server takes no payments (STRIPE_SECRET_KEY is not set)`);
      let stripeAccount: string | null = null;
      if (config.stripe.connect) {
        // Team event types are paid into the team's account, personal ones into the owner's.
        const account = await accounts.find(userId);
        if (!account?.accountId || !account.chargesEnabled) throw paymentsNotConfigured(`${owner} cannot take payments yet: their Stripe account is not connected or not ready`);
        stripeAccount = account.accountId;
      }
      return { amount: price.amount, currency: price.currency, stripeAccount, captureMethod: requiresConfirmation ? 'manual' : 'automatic', refundPolicy };
    },

    async open(trx, booking, terms, now) {
      const times = paymentTimes(now, config.paymentHoldMinutes);
      const payment = await repo.insert(trx, { bookingId: booking.id, ...terms, ...times }, now);
      // Stripe is called once the booking is committed, never inside its transaction.
      const job = (kind: string, runAt: number) => ({ kind, payload: { payment }, key: `${kind}:${payment}`, runAt });
      await jobs.enqueue(trx, [job(PAYMENT_JOBS.openSession, now), job(PAYMENT_JOBS.endHold, times.holdExpiresAt), ...(times.remindAt ? [job(PAYMENT_JOBS.remind, times.remindAt)] : [])], now);
    },

    onChange: moneyBack.onChange,

    async onReschedule(trx, from, toUid) {
      if (!from.payment) return;
      const [payment, to] = [await repo.byBookingUid(from.uid, trx), await bookings.findByUid(toUid, trx)];
      if (payment && to) await repo.update(trx, payment.id, null, { bookingId: to.id }, clock.now());
    },
  };

  return {
    port,
    connect,
    configured: gateway !== null,
    webhooksConfigured: gateway?.webhooksConfigured ?? false,

    /** The event, if genuinely Stripe's (signature and age checked on the raw body); else null. */
    verifiedEvent: (rawBody: Buffer, header: string): StripeEvent | null => gateway?.verifiedEvent(rawBody, header, clock.now()) ?? null,
    handleEvent: (event: StripeEvent): Promise<void> => events.handle(event),

    checkoutDestination: checkout.destination,

    /**
     * `GET /v1/payments/return`: Stripe's view first (the webhook may not have come yet), then the
     * booking, with its manage page when the link's token is the booker's.
     */
    async returned(query: { sessionId?: string; bookingUid?: string; token?: string }): Promise<{ booking: Booking; manageUrl: string | null }> {
      const payment = query.sessionId ? await repo.bySession(query.sessionId) : query.bookingUid ? await repo.byBookingUid(query.bookingUid) : null;
      if (!payment) throw new NotFoundError('Payment');
      if (payment.checkoutSessionId) {
        await sync.sync(payment.checkoutSessionId, payment.stripeAccount).catch((error: unknown) => logger.warn('payment return: stripe unreachable', { payment: payment.uid, error: describeError(error) }));
      }
      const row = (await bookings.findByUid((await repo.byId(payment.id))!.bookingUid))!;
      const mine = query.token ? await access.require(row.uid, { principal: null, token: query.token }).then(() => true, () => false) : false;
      return { booking: publicBooking(row), manageUrl: mine ? links.manageUrl(row) : null };
    },

    /**
     * `POST /v1/bookings/:uid/refund`: the host's refund, sent to Stripe before answering. With an
     * `Idempotency-Key` (the caller's own), a repeat gets the first answer and refunds nothing more.
     */
    async refund(uid: string, who: BookingAccess, amount: number | undefined, idempotencyKey: string | null = null): Promise<Booking> {
      await access.requireOwner(uid, who);
      const claim = idempotencyKey === null ? null : { scope: callerScope(who.principal!), key: idempotencyKey };
      const request = { refund: uid, amount: amount ?? null };
      const answered = async (): Promise<Booking | null> => {
        const stored = claim && (await idempotency.replay(claim, request, clock.now()));
        if (!stored) return null;
        // Claimed with its refund row, so the refund is committed; only its answer is missing (a crash, or the first still talking to Stripe).
        if (stored === 'claimed') return publicBooking((await bookings.findByUid(uid))!);
        return (stored.body as { booking: Booking }).booking;
      };
      const replayed = await answered();
      if (replayed) return replayed;
      const payment = await repo.byBookingUid(uid);
      if (!payment || payment.state !== 'paid') {
        throw new ConflictError(`Booking "${uid}" has no captured payment to refund${payment ? ` (its payment is ${payment.state})` : ''}`, { state: payment?.state ?? null }, 'not_paid');
      }
      let result: Awaited<ReturnType<typeof moneyBack.requestRefund>>;
      try {
        result = await moneyBack.requestRefund(payment, amount, claim ? (trx) => idempotency.claim(claim, request, clock.now(), trx) : undefined);
      } catch (error) {
        // Lost the race for the key: the winner's refund has committed.
        if (error instanceof DomainError && error.kind === 'idempotency_conflict') return (await answered()) ?? Promise.reject(error);
        throw error;
      }
      if ('left' in result) {
        throw new DomainError('unprocessable', `At most ${result.left} (minor units) of this payment can still be refunded`, { refundable: result.left }, 'refund_exceeds_payment');
      }
      // Sent now, so the answer shows it; were Stripe unreachable, its job sends it later.
      await moneyBack.send(result.requested).catch((error: unknown) => logger.warn('refund left to the worker', { payment: payment.uid, error: describeError(error) }));
      const booking = publicBooking((await bookings.findByUid(uid))!);
      if (claim) await idempotency.complete(claim, { statusCode: 200, body: { booking } });
      return booking;
    },
  };
}

export type Payments = ReturnType<typeof createPayments>;
