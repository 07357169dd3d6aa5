import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../logger.js';
import { aBooking } from '../test-support/booking-fixture.js';
import { startInbox as startSmtpInbox } from '../test-support/smtp-inbox.js';
import { bookingEmails, type BookingEmailInput } from './booking-emails.js';
import { createMailer, type Mailer } from './mailer.js';
import type { MailMessage } from './mail-message.js';

const MANAGE_URL = 'https://slots.example.com/manage/bk_7f3a9c?token=manage-secret';
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startInbox(reply?: Parameters<typeof startSmtpInbox>[0]) {
  const inbox = await startSmtpInbox(reply);
  cleanups.push(inbox.close);
  return inbox;
}

function recordingLogger() {
  const entries: Array<{ level: string; message: string; fields: Record<string, unknown> }> = [];
  const at = (level: string) => (message: string, fields: Record<string, unknown> = {}) => void entries.push({ level, message, fields });
  const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { logger, entries };
}

/** Timers that record the requested delay and fire at once: retries without sleeping. */
function instantTimers() {
  const delays: number[] = [];
  return { delays, setTimeout: (run: () => void, ms: number) => (delays.push(ms), queueMicrotask(run)), clearTimeout: () => {} };
}

function mailer(options: Partial<Parameters<typeof createMailer>[0]>): Mailer {
  const created = createMailer({ from: 'OpenSlot <bookings@slots.example.com>', logger: recordingLogger().logger, ...options });
  cleanups.push(() => created.close());
  return created;
}

function emailsTo(address: string, input: Partial<BookingEmailInput> & Pick<BookingEmailInput, 'kind'>): MailMessage {
  const messages = bookingEmails({ booking: aBooking(), manageUrl: MANAGE_URL, hosts: [], invite: { sequence: 0 }, ...input });
  return messages.find((m) => m.to.some((r) => r.address === address))!;
}

describe('mailer over SMTP', () => {
  it('returns at once and then delivers the booking email with its calendar invite', async () => {
    const inbox = await startInbox();
    const mail = mailer({ smtpUrl: inbox.smtpUrl });
    mail.enqueue(emailsTo('bob@example.net', { kind: 'booked' }));
    expect(inbox.attempts()).toBe(0);
    await mail.idle();

    expect(inbox.mails).toHaveLength(1);
    const message = inbox.mails[0]!;
    expect(message.to).toEqual(['bob@example.net']);
    expect(message.header('from')).toBe('OpenSlot <bookings@slots.example.com>');
    expect(message.header('to')).toBe('Bob Booker <bob@example.net>');
    expect(message.subject).toMatch(/^Booked: Intro call on Dec 1, 2026, 4:00\sAM$/);
    expect(message.text).toContain(`Reschedule or cancel: ${MANAGE_URL}`);
    expect(message.html).toContain('<h1 style="font-size:22px;margin:0 0 16px 0">Your booking is confirmed</h1>');
    expect(message.calendarType).toMatch(/method=REQUEST/i);
    expect(message.invite).toEqual({
      method: 'REQUEST',
      uid: 'bk_7f3a9c@openslot',
      sequence: 0,
      start: '2026-12-01T09:00:00.000Z',
      end: '2026-12-01T09:30:00.000Z',
      status: 'CONFIRMED',
      location: 'https://meet.jit.si/abcdefghijklmnopqrstuvwxyz',
      url: 'https://meet.jit.si/abcdefghijklmnopqrstuvwxyz',
    });
  });

  it('cancels the same calendar event with the next sequence', async () => {
    const inbox = await startInbox();
    const mail = mailer({ smtpUrl: inbox.smtpUrl });
    mail.enqueue(emailsTo('alice@example.com', { kind: 'booked' }));
    await mail.idle();
    const cancelled = aBooking({ status: 'cancelled', cancellationReason: 'Conflict' });
    mail.enqueue(emailsTo('alice@example.com', { kind: 'cancelled', booking: cancelled, invite: { sequence: 1 } }));
    await mail.idle();

    const [request, cancel] = inbox.mails.map((mail) => mail.invite);
    expect(request).toMatchObject({ method: 'REQUEST', sequence: 0 });
    expect(cancel).toMatchObject({ method: 'CANCEL', sequence: 1, uid: request!.uid, start: request!.start, end: request!.end });
  });

  it('retries a temporarily refused message after a backoff', async () => {
    const inbox = await startInbox((attempt) => (attempt === 1 ? { code: 451, message: 'Try again later' } : null));
    const { logger, entries } = recordingLogger();
    const timers = instantTimers();
    const mail = mailer({ smtpUrl: inbox.smtpUrl, logger, timers });
    mail.enqueue(emailsTo('bob@example.net', { kind: 'booked' }));
    await mail.idle();

    expect(inbox.mails).toHaveLength(1);
    expect(timers.delays).toEqual([5_000]);
    expect(entries.map((e) => `${e.level} ${e.message}`)).toEqual(['warn mail delivery failed, will retry', 'info mail sent']);
    expect(entries[0]!.fields).toMatchObject({ to: ['bob@example.net'], attempt: 1, error: expect.stringMatching(/451/) });
  });

  it('gives up after three attempts, logging without the message body', async () => {
    const inbox = await startInbox(() => ({ code: 421, message: 'Service not available' }));
    const { logger, entries } = recordingLogger();
    const timers = instantTimers();
    const mail = mailer({ smtpUrl: inbox.smtpUrl, logger, timers });
    mail.enqueue(emailsTo('bob@example.net', { kind: 'booked' }));
    await mail.idle();

    expect(inbox.attempts()).toBe(3);
    expect(timers.delays).toEqual([5_000, 60_000]);
    expect(entries.at(-1)).toMatchObject({ level: 'error', message: 'mail not delivered', fields: { attempt: 3 } });
    expect(JSON.stringify(entries)).not.toContain('manage-secret');
  });

  it('does not retry a permanent refusal', async () => {
    const inbox = await startInbox(() => ({ code: 550, message: 'No such user' }));
    const timers = instantTimers();
    const mail = mailer({ smtpUrl: inbox.smtpUrl, timers });
    mail.enqueue(emailsTo('bob@example.net', { kind: 'booked' }));
    await mail.idle();
    expect(inbox.attempts()).toBe(1);
    expect(timers.delays).toEqual([]);
  });

  it('abandons a waiting retry on close so shutdown is not held up', async () => {
    const inbox = await startInbox(() => ({ code: 451, message: 'Try again later' }));
    const { logger, entries } = recordingLogger();
    let retryScheduled!: () => void;
    const scheduled = new Promise<void>((resolve) => (retryScheduled = resolve));
    const mail = createMailer({ smtpUrl: inbox.smtpUrl, from: 'bookings@slots.example.com', logger, timers: { setTimeout: () => retryScheduled(), clearTimeout: () => {} } });
    mail.enqueue(emailsTo('bob@example.net', { kind: 'booked' }));
    await scheduled;
    await mail.close();

    expect(entries.at(-1)).toMatchObject({ level: 'error', message: 'mail not delivered: mailer closed before retry' });
    mail.enqueue(emailsTo('bob@example.net', { kind: 'booked' }));
    expect(entries.at(-1)).toMatchObject({ level: 'error', message: 'mail not delivered: mailer closed' });
  });
  it('does not wait to retry a send that fails after close', async () => {
    let closing!: () => void;
    const closed = new Promise<void>((resolve) => (closing = resolve));
    let attempted!: () => void;
    const attempt = new Promise<void>((resolve) => (attempted = resolve));
    const inbox = await startInbox(async () => {
      attempted();
      await closed;
      return { code: 451, message: 'Try again later' };
    });
    const { logger, entries } = recordingLogger();
    // Timers that never fire: a retry waited for would hold close() for ever.
    const mail = createMailer({ smtpUrl: inbox.smtpUrl, from: 'bookings@slots.example.com', logger, timers: { setTimeout: () => 0, clearTimeout: () => {} } });
    mail.enqueue(emailsTo('bob@example.net', { kind: 'booked' }));
    await attempt;
    const closedMailer = mail.close();
    closing();
    await closedMailer;
    expect(entries.at(-1)).toMatchObject({ level: 'error', message: 'mail not delivered: mailer closed before retry' });
  });
});

describe('mailer without SMTP_URL', () => {
  it('logs recipients and subject instead of sending, and never fails', async () => {
    const { logger, entries } = recordingLogger();
    const mail = mailer({ logger });
    const message = emailsTo('bob@example.net', { kind: 'booked' });
    mail.enqueue(message);
    await mail.idle();
    await expect(mail.send(message)).resolves.toBeUndefined();

    expect(entries).toHaveLength(2);
    expect(entries[0]).toEqual({ level: 'info', message: 'mail not sent: no SMTP_URL configured', fields: { to: ['bob@example.net'], subject: message.subject } });
    expect(JSON.stringify(entries)).not.toContain('manage-secret');
  });
});
