import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.js';
import { createJobs } from '../jobs/index.js';
import { createLogger } from '../logger.js';
import { aBooking } from '../test-support/booking-fixture.js';
import { startInbox as startSmtpInbox } from '../test-support/smtp-inbox.js';
import { createTestDb, testDialect, type TestDb } from '../test-support/test-db.js';
import type { BookingEmailInput } from './booking-emails.js';
import { bookingMailJobs, registerMailJobs } from './mail-jobs.js';
import { createMailer } from './mailer.js';

const MANAGE_URL = 'https://slots.example.com/manage/bk_7f3a9c?token=manage-secret';

// Booking mail as jobs on a real database, sent to a real SMTP server by the worker: nothing goes
// out before the change commits, each message is retried on its own schedule (a fake clock moves
// it), and no log line names an address or carries a link's token.
describe(`booking mail through the job queue (${testDialect()})`, () => {
  let testDb: TestDb;
  const cleanups: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    testDb = await createTestDb();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await testDb.db('jobs').delete();
  });
  afterAll(async () => {
    await testDb.destroy();
  });

  async function setUp(reply?: Parameters<typeof startSmtpInbox>[0], options: { smtp?: boolean } = {}) {
    const inbox = await startSmtpInbox(reply);
    cleanups.push(inbox.close);
    const lines: string[] = [];
    const logger = createLogger('debug', (line) => lines.push(line));
    const clock = fixedClock('2026-12-01T08:00:00Z');
    const { queue, worker } = createJobs({ db: testDb.db, clock, logger });
    const mailer = createMailer({ smtpUrl: options.smtp === false ? null : inbox.smtpUrl, from: 'OpenSlot <bookings@slots.example.com>' });
    cleanups.push(() => mailer.close());
    registerMailJobs(worker, { mailer, logger });
    const record = (input: Partial<BookingEmailInput> & Pick<BookingEmailInput, 'kind'>) =>
      testDb.db.transaction((trx) => queue.enqueue(trx, bookingMailJobs({ booking: aBooking(), manageUrl: MANAGE_URL, hosts: [], invite: { sequence: 0 }, ...input }), clock.now()));
    return { inbox, lines, clock, worker, record, to: (address: string) => inbox.mails.filter((mail) => mail.to.includes(address)) };
  }

  it('sends nothing until the worker runs, then the booker, the guests and the host each get theirs, with the invite', async () => {
    const { inbox, worker, record, to } = await setUp();
    await record({ kind: 'booked' });
    expect(inbox.attempts()).toBe(0);
    expect(await worker.runOnce()).toMatchObject({ jobs: 3 });

    expect(inbox.mails.map((mail) => mail.to.join(',')).sort()).toEqual(['alice@example.com', 'bob@example.net', 'carol@example.org']);
    const message = to('bob@example.net')[0]!;
    expect(message.header('from')).toBe('OpenSlot <bookings@slots.example.com>');
    expect(message.header('to')).toBe('Bob Booker <bob@example.net>');
    expect(message.subject).toMatch(/^Booked: Intro call on Dec 1, 2026, 4:00\s–\s4:30\sAM \(America\/New_York\)$/);
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
    expect(to('alice@example.com')[0]!.text).not.toContain('manage-secret');
  });

  it('a cancellation cancels the same calendar event with the next sequence', async () => {
    const { worker, record, to } = await setUp();
    await record({ kind: 'booked' });
    await record({ kind: 'cancelled', booking: aBooking({ status: 'cancelled', cancellationReason: 'Conflict' }), invite: { sequence: 1 } });
    await worker.runOnce();
    const [request, cancel] = to('bob@example.net').map((mail) => mail.invite);
    expect(request).toMatchObject({ method: 'REQUEST', sequence: 0 });
    expect(cancel).toMatchObject({ method: 'CANCEL', sequence: 1, uid: request!.uid, start: request!.start, end: request!.end });
  });

  it('a message the server refuses for now is sent again after 5 s, alone', async () => {
    let refuseBob = true;
    const { inbox, lines, clock, worker, record, to } = await setUp(async () => null);
    inbox.setReply((_attempt, recipients) => (refuseBob && recipients.includes('bob@example.net') ? { code: 451, message: 'Try again later, bob@example.net' } : null));
    await record({ kind: 'booked' });
    await worker.runOnce();
    expect(inbox.mails).toHaveLength(2);
    refuseBob = false;
    clock.advance(4_999);
    await worker.runOnce();
    expect(to('bob@example.net')).toHaveLength(0);
    clock.advance(1);
    await worker.runOnce();
    expect(to('bob@example.net')).toHaveLength(1);
    expect(inbox.mails).toHaveLength(3);
    const log = lines.map((line) => JSON.parse(line));
    expect(log.find((entry) => entry.message === 'job failed, will retry')).toMatchObject({ kind: 'mail.booking', attempt: 1, error: expect.stringMatching(/451/) });
    expect(lines.join('\n')).not.toMatch(/bob@example\.net|manage-secret/);
  });

  it('gives up after seven tries; a permanent refusal is not retried', async () => {
    const { inbox, lines, clock, worker, record } = await setUp(() => ({ code: 421, message: 'Service not available' }));
    await record({ kind: 'booked', booking: aBooking({ guests: [] }) });
    // Each turn is past the next delay (5 s, 1 min, 5 min, 30 min, 2 h, 6 h): one try per message per turn.
    for (let turn = 0; turn < 10; turn++) {
      await worker.runOnce();
      clock.advance(6 * 3_600_000);
    }
    expect(inbox.attempts()).toBe(2 * 7);
    expect(await testDb.db('jobs').select('status', 'attempts')).toEqual([
      { status: 'failed', attempts: 7 },
      { status: 'failed', attempts: 7 },
    ]);
    expect(lines.map((line) => JSON.parse(line).message)).toContain('job failed for good');

    await testDb.db('jobs').delete();
    inbox.setReply(() => ({ code: 550, message: 'No such user' }));
    const before = inbox.attempts();
    await record({ kind: 'booked', booking: aBooking({ guests: [] }) });
    await worker.runOnce();
    clock.advance(86_400_000);
    await worker.runOnce();
    expect(inbox.attempts() - before).toBe(2);
    expect(await testDb.db('jobs').select('status')).toEqual([{ status: 'failed' }, { status: 'failed' }]);
  });

  it('without SMTP_URL nothing is sent and the log names the booking, not the people', async () => {
    const { inbox, lines, worker, record } = await setUp(undefined, { smtp: false });
    await record({ kind: 'booked' });
    await worker.runOnce();
    expect(inbox.attempts()).toBe(0);
    const entries = lines.map((line) => JSON.parse(line)).filter((entry) => entry.message === 'mail not sent: no SMTP_URL configured');
    expect(entries.map((entry) => entry.audience).sort()).toEqual(['booker', 'guests', 'host']);
    expect(entries[0]).toMatchObject({ booking: 'bk_7f3a9c', email: 'booked' });
    expect(lines.join('\n')).not.toMatch(/@example\.|manage-secret/);
    expect(await testDb.db('jobs').where({ status: 'done' }).count({ n: '*' }).first()).toMatchObject({ n: 3 });
  });
});
