import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { book, bookingBody, createHost } from '../test-support/bookings.js';
import { startInbox } from '../test-support/smtp-inbox.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';
import { testDialect } from '../test-support/test-db.js';

// The booking endpoint as a mail relay: guests only where the host asked for them, and a daily
// cap per address that a restart does not reset.
describe(`mail abuse (${testDialect()})`, () => {
  let app: TestApp;
  let inbox: Awaited<ReturnType<typeof startInbox>>;
  afterEach(async () => {
    await app.close();
    await inbox.close();
  });

  it('a guest-relay attempt on an event type without guests is a 400 naming guests: no booking, no mail', async () => {
    inbox = await startInbox();
    app = await startTestApp({ env: { SMTP_URL: inbox.smtpUrl } });
    const host = await createHost(app, 'pia');
    const view = await app.api('GET', `/v1/event-types/${host.event}`, undefined, { token: null });
    expect(view.body.eventType.allowGuests).toBe(false);

    const guests = Array.from({ length: 10 }, (_, i) => `victim${i}@example.org`);
    const attempt = await app.api('POST', '/v1/bookings', bookingBody(host.event, '2026-12-02T09:00:00Z', { guests }), { token: null });
    expect(attempt.status).toBe(400);
    expect(attempt.body.error).toMatchObject({ code: 'validation_failed', details: { fields: [{ field: 'guests' }] } });
    expect(await app.testDb.db('bookings').count({ n: '*' }).first()).toMatchObject({ n: 0 });
    await app.services.worker.runOnce();
    expect(inbox.mails).toHaveLength(0);

    // The host turns guests on: the widget is told, and guests get the booking's mail.
    expect((await app.api('PATCH', `/v1/event-types/${host.eventTypeId}`, { allowGuests: true })).status).toBe(200);
    expect((await app.api('GET', `/v1/event-types/${host.event}`, undefined, { token: null })).body.eventType.allowGuests).toBe(true);
    await book(app, host.event, '2026-12-02T09:00:00Z', { guests: ['friend@example.org'] });
    await app.services.worker.runOnce();
    expect(inbox.mails.map((mail) => mail.to.join(',')).sort()).toEqual(['dana@example.net', 'friend@example.org', 'pia@example.com']);
  });

  it('MAIL_DAILY_LIMIT_PER_RECIPIENT: over the cap the booker mail is dropped with a log line naming no address; the count survives a restart; a new UTC day starts again', async () => {
    inbox = await startInbox();
    const lines: string[] = [];
    app = await startTestApp({ env: { SMTP_URL: inbox.smtpUrl, MAIL_DAILY_LIMIT_PER_RECIPIENT: '3' } });
    // The worker's log, captured: the one the test app hands the services is silent.
    const { createServices } = await import('../app.js');
    const restarted = async () => createServices({ config: app.services.config, db: app.testDb.db, clock: app.clock, logger: createLogger('info', (line) => lines.push(line)) });
    const host = await createHost(app, 'quinn', { bookingWindow: { type: 'unlimited' } });
    const target = 'target@example.net';
    const mailsTo = (address: string) => inbox.mails.filter((mail) => mail.to.some((to) => to.toLowerCase() === address)).length;

    for (const hour of ['09', '10']) await book(app, host.event, `2026-12-02T${hour}:00:00Z`, { attendee: { name: 'Target', email: target } });
    await app.services.worker.runOnce();
    expect(mailsTo(target)).toBe(2);

    // A restart (a fresh set of services over the same database) keeps the day's count.
    const second = await restarted();
    for (const hour of [11, 12, 13]) await book(app, host.event, `2026-12-02T${hour}:00:00Z`, { attendee: { name: 'Target', email: 'Target@Example.net' } });
    await second.worker.runOnce();
    expect(mailsTo(target)).toBe(3);
    expect(mailsTo('quinn@example.com')).toBe(5);
    const dropped = lines.filter((line) => line.includes('mail dropped'));
    expect(dropped).toHaveLength(2);
    expect(lines.join('\n')).not.toMatch(/target@/i);
    // Counted as a hash: the table names no address.
    const rows = await app.testDb.db('mail_recipient_days').select();
    expect(JSON.stringify(rows)).not.toMatch(/@/);

    app.clock.advance(86_400_000);
    await book(app, host.event, '2026-12-03T09:00:00Z', { attendee: { name: 'Target', email: target } });
    await second.worker.runOnce();
    expect(mailsTo(target)).toBe(4);
    await second.mailer.close();
  });
});
