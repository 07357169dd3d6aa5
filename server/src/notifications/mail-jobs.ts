import type { NewJob, Worker } from '../jobs/index.js';
import { PermanentJobError } from '../jobs/index.js';
import type { Logger } from '../logger.js';
import { bookingEmail, bookingEmailRecipients, type BookingEmailInput, type EmailRecipient } from './booking-emails.js';
import { isPermanentMailError, type Mailer } from './mailer.js';
import type { MailCap } from './mail-cap.js';
import type { MailMessage } from './mail-message.js';
import { PAYMENT_MAIL } from './payment-emails.js';
import { TEAM_MAIL } from './team-emails.js';

/** The job kind of an email about the account itself (a console sign-in link), rendered when recorded. */
export const ACCOUNT_MAIL = 'mail.account';

/** The job kind of one booking email: rendered and sent by the worker, retried on its schedule. */
export const BOOKING_MAIL = 'mail.booking';

export interface BookingMailPayload {
  /** Everything the message is made from, as it was when the change committed. */
  input: BookingEmailInput;
  recipient: EmailRecipient;
}

/**
 * The jobs one booking change's emails become: one per message, so a refused host address is
 * retried alone and never re-sends the booker's mail.
 */
export function bookingMailJobs(input: BookingEmailInput): NewJob[] {
  return bookingEmailRecipients(input).map((recipient) => ({ kind: BOOKING_MAIL, payload: { input, recipient } satisfies BookingMailPayload }));
}

// After the first try: 5 s, 1 min, 5 min, 30 min, 2 h and 6 h, then the message is given up on.
const MAIL_RETRY_DELAYS_MS = [5_000, 60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000];

/**
 * Registers the sender of booking emails on the worker. Log lines name the booking and audience, never an address.
 *
 * `cap` (`MAIL_DAILY_LIMIT_PER_RECIPIENT`) bounds what the booker and guests are sent: their
 * addresses are whatever the caller typed. Hosts (account holders, whose bookings are rate
 * limited) and payment mail (it follows money) are not capped.
 */
export function registerMailJobs(worker: Worker, deps: { mailer: Mailer; logger: Logger; cap?: MailCap }): void {
  const { mailer, logger, cap } = deps;
  /** One attempt; an SMTP 5xx gives up at once. Log lines name the booking and email, never an address. */
  async function send(message: MailMessage, fields: Record<string, unknown>): Promise<void> {
    if (!mailer.sends) return logger.info('mail not sent: no SMTP_URL configured', fields);
    try {
      await mailer.send(message);
    } catch (error) {
      if (isPermanentMailError(error)) throw new PermanentJobError(`refused: ${(error as Error).message}`);
      throw error;
    }
    logger.info('mail sent', fields);
  }

  worker.handle(
    BOOKING_MAIL,
    async (job) => {
      const { input, recipient } = job.payload as unknown as BookingMailPayload;
      // Without SMTP there is nothing to render for.
      if (!mailer.sends) return logger.info('mail not sent: no SMTP_URL configured', { job: job.id, booking: input.booking.uid, email: input.kind, audience: recipient.audience });
      const message = bookingEmail(input, recipient);
      if (!message) return;
      const fields = { job: job.id, booking: input.booking.uid, email: input.kind, audience: recipient.audience };
      const to = cap && recipient.audience !== 'host' ? await cap.admit(message.to) : message.to;
      if (to.length < message.to.length) logger.warn('mail dropped: daily limit per recipient reached', { ...fields, dropped: message.to.length - to.length });
      if (to.length > 0) await send({ ...message, to }, fields);
    },
    // The lease outlives a send that hits every SMTP timeout (10 s connect, 10 s greeting, 30 s socket).
    { retryDelaysMs: MAIL_RETRY_DELAYS_MS, leaseMs: 2 * 60_000 },
  );
  // Payment emails (payments/) and team invitations (teams/): rendered when recorded, sent and
  // retried like booking emails. Their payloads name what the mail is about, never an address.
  for (const kind of [PAYMENT_MAIL, TEAM_MAIL]) {
    worker.handle(
      kind,
      async (job) => {
        const { message, ...about } = job.payload as { message: MailMessage } & Record<string, unknown>;
        await send(message, { job: job.id, ...about });
      },
      { retryDelaysMs: MAIL_RETRY_DELAYS_MS, leaseMs: 2 * 60_000 },
    );
  }
  // Account emails (the console's sign-in links): rendered when recorded. Their links expire in
  // minutes, so later retries would only deliver a dead link: a short schedule.
  worker.handle(
    ACCOUNT_MAIL,
    async (job) => {
      const { message, email } = job.payload as { message: MailMessage; email: string };
      await send(message, { job: job.id, email });
    },
    { retryDelaysMs: MAIL_RETRY_DELAYS_MS.slice(0, 3), leaseMs: 2 * 60_000 },
  );
}
