import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { book, bookingBody, createHost } from '../test-support/bookings.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';
import { testDialect } from '../test-support/test-db.js';
import { startReceiver, type TestReceiver } from '../test-support/webhook-receiver.js';

const DAY = 86_400_000;

// What a host would see after a month: old deliveries gone from the deliveries list, a delivery
// still being retried kept with its event, recent ones kept; idempotency keys forgotten after a day.
describe(`retention: the worker prunes what has outlived its use (${testDialect()})`, () => {
  let app: TestApp;
  let receiver: TestReceiver;
  let host: Awaited<ReturnType<typeof createHost>>;
  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-01T08:00:00Z', env: { RETENTION_DAYS: '30' } });
    receiver = await startReceiver();
    host = await createHost(app, 'rhea', { bookingWindow: { type: 'unlimited' } });
  });
  afterAll(async () => {
    await receiver.close();
    await app.close();
  });

  const deliveries = async (id: string) => (await app.api('GET', `/v1/webhooks/${id}/deliveries`, undefined, { token: host.apiKey })).body.deliveries as Array<{ eventId: string; status: string }>;

  it('drops delivered events with their deliveries after RETENTION_DAYS, keeps one still retrying and everything recent', async () => {
    const ok = (await app.api('POST', '/v1/webhooks', { url: receiver.url, events: ['BOOKING_CREATED'] }, { token: host.apiKey })).body.webhook;
    const old = await book(app, host.event, '2026-12-02T09:00:00Z');
    await app.services.webhookDispatcher.runOnce();
    expect(await deliveries(ok.id)).toHaveLength(1);

    // A receiver that is down keeps its event's delivery pending, whatever its age.
    receiver.reply = (request) => (request.path === '/down' ? 503 : 200);
    const downHook = (await app.api('POST', '/v1/webhooks', { url: receiver.url.replace('/hooks', '/down'), events: ['BOOKING_CREATED'] }, { token: host.apiKey })).body.webhook;
    const stuck = await book(app, host.event, '2026-12-02T10:00:00Z');
    await app.services.webhookDispatcher.runOnce();

    app.clock.advance(31 * DAY);
    const recent = await book(app, host.event, '2027-01-05T09:00:00Z');
    await app.services.webhookDispatcher.runOnce();
    const ran = await app.services.worker.runOnce();
    expect(ran.tasks).toBeGreaterThanOrEqual(1);

    const created = async (uid: string) => (await app.testDb.db('outbox_events').where({ booking_uid: uid, type: 'BOOKING_CREATED' }).select('id')).map((row) => row.id);
    expect(await created(old.booking.uid)).toEqual([]);
    expect((await deliveries(ok.id)).map((d) => d.eventId).sort()).toEqual([...(await created(stuck.booking.uid)), ...(await created(recent.booking.uid))].sort());
    expect((await deliveries(downHook.id)).map((d) => d.status)).toEqual(['pending', 'pending']);
    expect(await created(stuck.booking.uid)).toHaveLength(1);
    // The bookings themselves are never pruned.
    expect((await app.api('GET', `/v1/bookings/${old.booking.uid}`, undefined, { token: host.apiKey })).status).toBe(200);
  });

  it('an idempotency key answers a retry within a day, and after that is a new request', async () => {
    const body = bookingBody(host.event, '2027-01-06T09:00:00Z');
    const first = await app.api('POST', '/v1/bookings', body, { token: null, headers: { 'idempotency-key': 'order-1001' } });
    expect(first.status).toBe(201);
    app.clock.advance(DAY - 60_000);
    await app.services.worker.runOnce();
    const replay = await app.api('POST', '/v1/bookings', body, { token: null, headers: { 'idempotency-key': 'order-1001' } });
    expect(replay.body.booking.uid).toBe(first.body.booking.uid);

    app.clock.advance(2 * 3_600_000);
    await app.services.worker.runOnce();
    const later = await app.api('POST', '/v1/bookings', { ...body, start: '2027-01-06T10:00:00Z' }, { token: null, headers: { 'idempotency-key': 'order-1001' } });
    expect(later.status).toBe(201);
    expect(later.body.booking.uid).not.toBe(first.body.booking.uid);
  });
});
