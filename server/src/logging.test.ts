import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost } from './test-support/bookings.js';
import { startTestApp, type TestApp } from './test-support/test-app.js';
import { createLogger } from './logger.js';

const BOOKER = { name: 'Dana Quillfeather', email: 'dana.quillfeather@example.org' };
const REASON = 'my therapist moved the appointment';
const IDEMPOTENCY_KEY = 'order-quill-998877';

/** Nothing personal or secret in any log line, even when a query fails with all of it in its values (issue 12). */
describe('logs carry no personal data or secrets', () => {
  const lines: string[] = [];
  let app: TestApp;
  let host: Awaited<ReturnType<typeof createHost>>;
  beforeAll(async () => {
    app = await startTestApp({ logger: createLogger('debug', (line) => lines.push(line)) });
    host = await createHost(app, 'alice');
  });
  afterAll(() => app?.close());

  const body = (start: string) => ({ event: host.event, start, timeZone: 'UTC', attendee: BOOKER, metadata: { note: 'about my divorce' } });

  it('a failed query logs its code and statement, never the values it carried', async () => {
    const booked = await app.api('POST', '/v1/bookings', body('2026-12-02T09:00:00Z'), { token: null, headers: { 'idempotency-key': IDEMPOTENCY_KEY } });
    expect(booked.status).toBe(201);
    const { manageToken, booking } = booked.body;

    // Every change writes an outbox event (with the booking, attendee and all, in its values): take its table away.
    await app.testDb.db.schema.renameTable('outbox_events', 'outbox_events_away');
    try {
      const create = await app.api('POST', '/v1/bookings', body('2026-12-02T10:00:00Z'), { token: null, headers: { 'idempotency-key': `${IDEMPOTENCY_KEY}-2` } });
      const byBooker = await app.api('POST', `/v1/bookings/${booking.uid}/cancel?token=${encodeURIComponent(manageToken)}`, { reason: REASON }, { token: null });
      const byHost = await app.api('POST', `/v1/bookings/${booking.uid}/cancel`, { reason: REASON }, { token: host.apiKey });
      expect([create.status, byBooker.status, byHost.status]).toEqual([500, 500, 500]);
      expect(create.body.error).toEqual({ code: 'internal_error', message: 'Something went wrong on our side' });
    } finally {
      await app.testDb.db.schema.renameTable('outbox_events_away', 'outbox_events');
    }
    await app.services.worker.runOnce();

    const failures = lines.map((line) => JSON.parse(line)).filter((entry) => entry.message === 'unhandled error');
    expect(failures).toHaveLength(3);
    for (const failure of failures) {
      // Enough to debug: the driver's code and the statement with its placeholders.
      expect(failure.error).toMatch(/ER_NO_SUCH_TABLE|no such table/i);
      expect(failure.error).toMatch(/insert into `outbox_events` \(.+\) values \(\?/);
    }
    const log = lines.join('\n');
    for (const secret of [BOOKER.email, BOOKER.name, 'Quillfeather', REASON, 'divorce', manageToken, host.apiKey, IDEMPOTENCY_KEY, 'alice@example.com']) {
      expect(log, secret).not.toContain(secret);
    }
    expect(lines.length).toBeGreaterThan(3);
  });

  it('masks addresses and keys a caller slips into a line', () => {
    const masked: string[] = [];
    const logger = createLogger('info', (line) => masked.push(line));
    logger.warn('mail to dana@example.org refused', { error: 'Bearer osk_abcdefghijklmnop was rejected', nested: { to: ['x.y@example.com'], key: 'sk_test_51abcdefghij' } });
    expect(masked[0]).not.toMatch(/dana@|x\.y@|osk_abcdef|sk_test_51/);
    expect(JSON.parse(masked[0]!)).toMatchObject({ message: 'mail to <address> refused', nested: { to: ['<address>'] } });
  });
});
