import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { book, createHost } from '../test-support/bookings.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';
import { eventValidator, startReceiver, verifyWithSvix, type TestReceiver } from '../test-support/webhook-receiver.js';

// PATCH /v1/webhooks/:id and POST /v1/webhooks/:id/test, delivered directly to real receivers.
describe('changing and testing a subscription', () => {
  let app: TestApp;
  let receiver: TestReceiver;
  let other: TestReceiver;
  let host: Awaited<ReturnType<typeof createHost>>;
  let hour = 9;
  const bookNext = () => book(app, host.event, `2026-12-02T${String(hour++).padStart(2, '0')}:00:00Z`);
  const deliver = () => app.services.webhookDispatcher.runOnce();

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-01T08:00:00Z' });
    [receiver, other] = [await startReceiver(), await startReceiver()];
    host = await createHost(app, 'wren');
    await createHost(app, 'yara');
  });
  afterAll(async () => {
    await receiver.close();
    await other.close();
    await app.close();
  });

  const subscribe = async (body: Record<string, unknown> = {}) => {
    const res = await app.api('POST', '/v1/webhooks', { url: receiver.url, events: ['BOOKING_CREATED'], ...body }, { token: host.apiKey });
    expect(res.status).toBe(201);
    return res.body.webhook as { id: string; secret: string };
  };

  it('PATCH changes the URL, the events and the event-type filter; the next booking follows them', async () => {
    const hook = await subscribe({ eventType: host.event });
    const patched = await app.api('PATCH', `/v1/webhooks/${hook.id}`, { url: other.url, events: ['BOOKING_CONFIRMED', 'BOOKING_CONFIRMED'], eventType: null }, { token: host.apiKey });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.webhook).toMatchObject({ id: hook.id, url: other.url, events: ['BOOKING_CONFIRMED'], eventType: null, active: true, disabledReason: null });
    expect(patched.body.webhook).not.toHaveProperty('secret');
    expect((await app.api('GET', `/v1/webhooks/${hook.id}`, undefined, { token: host.apiKey })).body.webhook.url).toBe(other.url);

    const before = receiver.received.length;
    await bookNext();
    await deliver();
    expect(receiver.received.length).toBe(before);
    expect(other.received.map((r) => r.type)).toEqual(['BOOKING_CONFIRMED']);
    expect(verifyWithSvix(hook.secret, other.received[0]!).type).toBe('BOOKING_CONFIRMED');

    // A filter names one of the owner's own event types; someone else's subscription looks like none.
    expect((await app.api('PATCH', `/v1/webhooks/${hook.id}`, { eventType: 'yara/meet' }, { token: host.apiKey })).status).toBe(403);
    expect((await app.api('PATCH', `/v1/webhooks/${hook.id}`, { eventType: 'wren/none' }, { token: host.apiKey })).status).toBe(404);
    const yaraKey = (await app.api('POST', '/v1/users/yara/api-keys')).body.key;
    expect((await app.api('PATCH', `/v1/webhooks/${hook.id}`, { enabled: false }, { token: yaraKey })).status).toBe(404);
    expect((await app.api('PATCH', `/v1/webhooks/${hook.id}`, { url: 'ftp://example.com/x' }, { token: host.apiKey })).status).toBe(400);
  });

  it('a subscription a 410 switched off is re-enabled with enabled: true, and its owner can switch it off', async () => {
    const hook = await subscribe();
    receiver.reply = () => 410;
    await bookNext();
    await deliver();
    receiver.reply = () => 200;
    const gone = (await app.api('GET', `/v1/webhooks/${hook.id}`, undefined, { token: host.apiKey })).body.webhook;
    expect(gone).toMatchObject({ active: false, disabledReason: 'the receiver answered 410 Gone' });

    const enabled = await app.api('PATCH', `/v1/webhooks/${hook.id}`, { enabled: true }, { token: host.apiKey });
    expect(enabled.body.webhook).toMatchObject({ active: true, disabledReason: null });
    const before = receiver.received.length;
    await bookNext();
    await deliver();
    expect(receiver.received.slice(before).map((r) => r.type)).toEqual(['BOOKING_CREATED']);

    const off = await app.api('PATCH', `/v1/webhooks/${hook.id}`, { enabled: false }, { token: host.apiKey });
    expect(off.body.webhook).toMatchObject({ active: false, disabledReason: 'disabled by its owner' });
    await bookNext();
    await deliver();
    expect(receiver.received.length).toBe(before + 1);
    await app.api('DELETE', `/v1/webhooks/${hook.id}`, undefined, { token: host.apiKey });
  });

  it('POST …/test sends one signed PING to that subscription alone, recorded as a delivery', async () => {
    const hook = await subscribe();
    const bystander = await subscribe({ url: other.url });
    const [mine, theirs] = [receiver.received.length, other.received.length];

    const sent = await app.api('POST', `/v1/webhooks/${hook.id}/test`, undefined, { token: host.apiKey });
    expect(sent.status).toBe(202);
    expect(sent.body.delivery).toMatchObject({ type: 'PING', status: 'pending', attempts: 0, eventId: expect.stringMatching(/^evt_/) });
    await deliver();

    const [ping] = receiver.received.slice(mine);
    expect(other.received.length).toBe(theirs);
    const event = verifyWithSvix(hook.secret, ping!);
    expect(event).toMatchObject({ type: 'PING', data: { webhook: { id: hook.id, url: receiver.url } } });
    expect(eventValidator('PING')(JSON.parse(ping!.body))).toEqual({ success: true });
    const deliveries = (await app.api('GET', `/v1/webhooks/${hook.id}/deliveries`, undefined, { token: host.apiKey })).body.deliveries;
    expect(deliveries[0]).toMatchObject({ id: sent.body.delivery.id, type: 'PING', status: 'succeeded', lastStatusCode: 200, attempts: 1 });

    await app.api('PATCH', `/v1/webhooks/${bystander.id}`, { enabled: false }, { token: host.apiKey });
    const refused = await app.api('POST', `/v1/webhooks/${bystander.id}/test`, {}, { token: host.apiKey });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('webhook_disabled');
  });
});
