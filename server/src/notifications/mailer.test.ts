import type { AddressInfo } from 'node:net';
import ICAL from 'ical.js';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../logger.js';
import { aBooking } from '../test-support/booking-fixture.js';
import { bookingEmails, type BookingEmailInput } from './booking-emails.js';
import { createMailer, type Mailer } from './mailer.js';
import type { MailMessage } from './mail-message.js';

const MANAGE_URL = 'https://slots.example.com/manage/bk_7f3a9c?token=manage-secret';
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A real SMTP server on a free port; `reply` may refuse the n-th message it is handed. */
async function startInbox(reply: (attempt: number) => { code: number; message: string } | null = () => null) {
  const received: Array<{ rcptTo: string[]; raw: string }> = [];
  let attempts = 0;
  const server = new SMTPServer({
    authOptional: true,
    disableReverseLookup: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const refusal = reply(++attempts);
        if (refusal) return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
        received.push({ rcptTo: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('latin1') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { smtpUrl: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, received, attempts: () => attempts };
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

/** Just enough MIME: headers, multipart nesting, base64 / quoted-printable bodies, RFC 2047 words. */
function parseMail(raw: string): { header: (name: string) => string; parts: Array<{ type: string; body: string }> } {
  const split = (text: string) => {
    const at = text.indexOf('\r\n\r\n');
    const headers = new Map<string, string>();
    for (const line of text.slice(0, at).replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
      const colon = line.indexOf(':');
      headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
    }
    return { headers, body: text.slice(at + 4) };
  };
  const fromQp = (text: string) =>
    Buffer.from(text.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
  const leaves = (text: string): Array<{ type: string; body: string }> => {
    const { headers, body } = split(text);
    const type = headers.get('content-type') ?? 'text/plain';
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (boundary) return body.split(`--${boundary}`).slice(1, -1).flatMap((part) => leaves(part.replace(/^\r\n/, '')));
    const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
    const decoded = encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : encoding === 'quoted-printable' ? fromQp(body) : body;
    return [{ type, body: decoded }];
  };
  const { headers } = split(raw);
  const decodeWords = (value: string) =>
    value
      .replace(/\?=\s+=\?/g, '?==?')
      .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
        enc.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : fromQp(text.replace(/_/g, ' ')),
      );
  return { header: (name) => decodeWords(headers.get(name) ?? ''), parts: leaves(raw) };
}

function parseInvite(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const event = calendar.getFirstSubcomponent('vevent')!;
  const instant = (name: string) => (event.getFirstPropertyValue(name) as ICAL.Time).toJSDate().toISOString();
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: event.getFirstPropertyValue('sequence'),
    start: instant('dtstart'),
    end: instant('dtend'),
    location: event.getFirstPropertyValue('location'),
    url: event.getFirstPropertyValue('url'),
  };
}

describe('mailer over SMTP', () => {
  it('returns at once and then delivers the booking email with its calendar invite', async () => {
    const inbox = await startInbox();
    const mail = mailer({ smtpUrl: inbox.smtpUrl });
    mail.enqueue(emailsTo('bob@example.net', { kind: 'booked' }));
    expect(inbox.attempts()).toBe(0);
    await mail.idle();

    expect(inbox.received).toHaveLength(1);
    expect(inbox.received[0]!.rcptTo).toEqual(['bob@example.net']);
    const message = parseMail(inbox.received[0]!.raw);
    expect(message.header('from')).toBe('OpenSlot <bookings@slots.example.com>');
    expect(message.header('to')).toBe('Bob Booker <bob@example.net>');
    expect(message.header('subject')).toMatch(/^Booked: Intro call on Dec 1, 2026, 4:00\sAM$/);
    const part = (type: string) => message.parts.find((p) => p.type.startsWith(type))!;
    expect(part('text/plain').body).toContain(`Reschedule or cancel: ${MANAGE_URL}`);
    expect(part('text/html').body).toContain('<h1 style="font-size:22px;margin:0 0 16px 0">Your booking is confirmed</h1>');
    expect(part('text/calendar').type).toMatch(/method=REQUEST/i);
    expect(parseInvite(part('text/calendar').body)).toEqual({
      method: 'REQUEST',
      uid: 'bk_7f3a9c@openslot',
      sequence: 0,
      start: '2026-12-01T09:00:00.000Z',
      end: '2026-12-01T09:30:00.000Z',
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

    const [request, cancel] = inbox.received.map((r) => parseInvite(parseMail(r.raw).parts.find((p) => p.type.startsWith('text/calendar'))!.body));
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

    expect(inbox.received).toHaveLength(1);
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
