import type { Knex } from 'knex';
import type { ActionLinks } from '../bookings/action-links.js';
import type { BookingNotifier } from '../bookings/booking-notifier.js';
import type { BookingRow, BookingsRepo } from '../bookings/bookings.repo.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { paymentEmails, type MailOutbox, type PaymentEmail } from '../notifications/index.js';
import type { NewEvent, Outbox } from '../outbox/outbox.js';
import type { PaymentsRepo } from './payments.repo.js';
import type { StripeGateway } from './stripe-gateway.js';

/** What the payment flows share. `gateway` is null on a server without STRIPE_SECRET_KEY. */
export interface PaymentsContext {
  config: Config;
  clock: Clock;
  logger: Logger;
  repo: PaymentsRepo;
  gateway: StripeGateway | null;
  bookings: BookingsRepo;
  outbox: Outbox;
  notifier: BookingNotifier;
  links: ActionLinks;
  transaction<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T>;
  eventAbout(row: BookingRow): Omit<NewEvent, 'type'>;
  /** Payment emails, after commit; a failure to build one is logged, never thrown. */
  sendPaymentEmail(email: PaymentEmail): void;
  /** Where a booker picks another time for the event type of `row`. */
  rebookUrl(row: BookingRow): string;
  /** Runs due payment work soon (the worker also finds it by polling). */
  kick(): void;
}

export function requireGateway(ctx: Pick<PaymentsContext, 'gateway'>): StripeGateway {
  if (!ctx.gateway) throw new Error('Stripe is not configured (STRIPE_SECRET_KEY)');
  return ctx.gateway;
}

export function paymentMailer(mail: MailOutbox, logger: Logger): (email: PaymentEmail) => void {
  return (email) => {
    try {
      for (const message of paymentEmails(email)) mail.enqueue(message);
    } catch (error) {
      logger.error('payment email not sent', { uid: email.booking.uid, kind: email.kind, error: String(error) });
    }
  };
}
