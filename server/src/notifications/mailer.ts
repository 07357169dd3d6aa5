import nodemailer from 'nodemailer';
import type { Logger } from '../logger.js';
import { mailLogFields, type MailMessage } from './mail-message.js';
import { createMailQueue, type MailQueue, type RetryTimers } from './mail-queue.js';

export interface MailerOptions {
  /** `SMTP_URL`, e.g. `smtp://user:pass@mail.example.com:587` or `smtps://…:465`. Without it mail is only logged. */
  smtpUrl?: string | null;
  /** `MAIL_FROM`, e.g. `OpenSlot <bookings@example.com>`. */
  from: string;
  logger: Logger;
  retryDelaysMs?: readonly number[];
  timers?: RetryTimers;
}

export interface Mailer extends MailQueue {
  /** One attempt, awaited, rejecting on failure: for a worker that drains a durable outbox itself. */
  send(message: MailMessage): Promise<void>;
}

/**
 * Sends booking mail over SMTP, or, with no `smtpUrl`, logs who would have received what and
 * succeeds, so a server without mail set up still takes bookings.
 */
export function createMailer(options: MailerOptions): Mailer {
  const { smtpUrl, from, logger } = options;
  const transport = smtpUrl
    ? nodemailer.createTransport({
        url: smtpUrl,
        // One pooled connection set instead of one connection per message.
        pool: true,
        // Fail fast on a dead server so the retry, not a hung socket, decides what happens.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      })
    : null;

  async function send(message: MailMessage): Promise<void> {
    if (!transport) {
      logger.info('mail not sent: no SMTP_URL configured', mailLogFields(message));
      return;
    }
    await transport.sendMail({
      from,
      to: message.to.map(({ name, address }) => (name ? { name, address } : address)),
      subject: message.subject,
      text: message.text,
      html: message.html,
      ...(message.calendar && {
        icalEvent: { method: message.calendar.method, filename: 'invite.ics', content: message.calendar.content },
      }),
    });
    logger.info('mail sent', mailLogFields(message));
  }

  const queue = createMailQueue({
    send,
    logger,
    isPermanent: (error) => ((error as { responseCode?: number }).responseCode ?? 0) >= 500,
    retryDelaysMs: options.retryDelaysMs,
    timers: options.timers,
  });

  return {
    send,
    enqueue: queue.enqueue,
    idle: queue.idle,
    async close() {
      await queue.close();
      transport?.close();
    },
  };
}
