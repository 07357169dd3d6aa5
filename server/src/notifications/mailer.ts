import nodemailer from 'nodemailer';
import type { MailMessage } from './mail-message.js';

export interface MailerOptions {
  /** `SMTP_URL`, e.g. `smtp://user:pass@mail.example.com:587` or `smtps://…:465`. Without it mail is not sent. */
  smtpUrl?: string | null;
  /** `MAIL_FROM`, e.g. `OpenSlot <bookings@example.com>`. */
  from: string;
}

export interface Mailer {
  /** Whether messages really leave (SMTP_URL is set); without, `send` succeeds and sends nothing. */
  readonly sends: boolean;
  /** One delivery attempt, rejecting on failure; retries are the job queue's. */
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}

/** A failure no retry can fix: an SMTP 5xx reply ("no such mailbox"). */
export function isPermanentMailError(error: unknown): boolean {
  return ((error as { responseCode?: number }).responseCode ?? 0) >= 500;
}

/** SMTP over nodemailer, or, with no `smtpUrl`, a mailer that sends nothing so a server without mail set up still takes bookings. */
export function createMailer(options: MailerOptions): Mailer {
  const { smtpUrl, from } = options;
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

  return {
    sends: transport !== null,
    async send(message) {
      if (!transport) return;
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
    },
    async close() {
      transport?.close();
    },
  };
}
