import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test-support/test-app.js';
import { eventValidator, startReceiver, verifyWithSvix } from '../test-support/webhook-receiver.js';
import { handoffRetryDelay } from './dispatcher.js';

interface SvixCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: any;
  idempotencyKey: string | undefined;
}

/**
 * A local fake of the Svix API, enough for what the official client calls: it records every call,
 * keeps endpoints by app and uid (404 for an unknown one, 409 for a second create) and, like Svix,
 * refuses a second message with the same eventId (409). `hold` keeps endpoint calls waiting until
 * released; `loseEndpointAnswers` stores an endpoint change, then answers 500.
 */
async function startFakeSvix() {
  const calls: SvixCall[] = [];
  const messages = new Map<string, unknown>();
  const endpoints = new Map<string, { url: string; secret: string; filterTypes: string[]; channels: string[] | null; disabled: boolean }>();
  const state = { down: false, failAfterAccepting: 0, loseEndpointAnswers: 0, refuseUrl: null as string | null, hold: null as Promise<void> | null, arrived: null as (() => void) | null };
  const now = () => new Date().toISOString();
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', async () => {
      const url = new URL(req.url!, 'http://svix');
      const call: SvixCall = { method: req.method!, path: url.pathname, query: Object.fromEntries(url.searchParams), body: raw ? JSON.parse(raw) : null, idempotencyKey: req.headers['idempotency-key'] as string | undefined };
      calls.push(call);
      if (state.hold && url.pathname.includes('/endpoint')) {
        state.arrived?.();
        await state.hold;
      }
      const json = (status: number, body?: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(body === undefined ? '' : JSON.stringify(body));
      if (state.down) return json(503, { code: 'unavailable', detail: 'down for maintenance' });
      if (req.headers.authorization !== 'Bearer testsk_fake') return json(401, { code: 'authentication_failed', detail: 'bad token' });
      let match: RegExpMatchArray | null;
      if (call.method === 'POST' && call.path === '/api/v1/app') return json(200, { id: `app_${call.body.uid}`, uid: call.body.uid, name: call.body.name, metadata: {}, createdAt: now(), updatedAt: now() });
      const lost = () => state.loseEndpointAnswers > 0 && state.loseEndpointAnswers--;
      if (call.method === 'POST' && (match = call.path.match(/^\/api\/v1\/app\/([^/]+)\/endpoint$/))) {
        const key = `${match[1]}/${call.body.uid}`;
        if (call.body.url === state.refuseUrl) return json(422, { detail: [{ loc: ['body', 'url'], msg: 'URL refused', type: 'value_error' }] });
        if (endpoints.has(key)) return json(409, { code: 'conflict', detail: 'An endpoint with this uid already exists' });
        endpoints.set(key, { url: call.body.url, secret: call.body.secret, filterTypes: call.body.filterTypes, channels: call.body.channels ?? null, disabled: Boolean(call.body.disabled) });
        if (lost()) return json(500, { code: 'internal', detail: 'lost answer' });
        return json(201, { id: `ep_${call.body.uid}`, metadata: {}, disabled: false, version: 1, createdAt: now(), updatedAt: now(), ...call.body });
      }
      const endpoint = (match = call.path.match(/^\/api\/v1\/app\/([^/]+)\/endpoint\/([^/]+)/)) ? `${match[1]}/${match[2]}` : null;
      if (endpoint && !endpoints.has(endpoint)) return json(404, { code: 'not_found', detail: 'Endpoint not found' });
      if (call.method === 'DELETE' && endpoint) {
        endpoints.delete(endpoint);
        return json(204);
      }
      if (call.method === 'PATCH' && endpoint) {
        if (call.body.url === state.refuseUrl) return json(422, { detail: [{ loc: ['body', 'url'], msg: 'URL refused', type: 'value_error' }] });
        Object.assign(endpoints.get(endpoint)!, call.body);
        if (lost()) return json(500, { code: 'internal', detail: 'lost answer' });
        return json(200, { id: `ep_${match![2]}`, uid: match![2], metadata: {}, version: 1, createdAt: now(), updatedAt: now(), description: '', ...endpoints.get(endpoint)!, secret: undefined });
      }
      if (call.method === 'GET' && endpoint && call.path.endsWith('/secret')) return json(200, { key: endpoints.get(endpoint)!.secret });
      if (call.method === 'POST' && endpoint && call.path.endsWith('/secret/rotate')) {
        endpoints.get(endpoint)!.secret = call.body.key;
        return json(204);
      }
      if (call.method === 'POST' && call.path.match(/^\/api\/v1\/app\/[^/]+\/msg$/)) {
        if (messages.has(call.body.eventId)) return json(409, { code: 'conflict', detail: 'A message with this eventId already exists' });
        messages.set(call.body.eventId, call.body);
        // A hand-off that reached Svix but whose answer got lost on the way back.
        if (state.failAfterAccepting > 0 && state.failAfterAccepting--) return json(500, { code: 'internal', detail: 'lost answer' });
        return json(202, { id: `msg_${messages.size}`, timestamp: now(), ...call.body });
      }
      json(404, { code: 'not_found', detail: `${call.method} ${call.path}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    messages,
    endpoints,
    state,
    /** Endpoint calls wait from now until `release`; `arrived` resolves when the first one is waiting. */
    hold() {
      let release!: () => void;
      state.hold = new Promise<void>((resolve) => (release = resolve));
      const arrived = new Promise<void>((resolve) => (state.arrived = resolve));
      return {
        arrived,
        release() {
          state.hold = null;
          state.arrived = null;
          release();
        },
      };
    },
    endpointCalls: () => calls.filter((c) => c.path.includes('/endpoint')).map((c) => `${c.method} ${c.path.replace(/^\/api\/v1\/app\//, '')}`),
    messageCalls: () => calls.filter((c) => c.path.endsWith('/msg')),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('webhooks through Svix (SVIX_AUTH_TOKEN set), against a fake Svix API', () => {
  let app: TestApp;
  let svix: Awaited<ReturnType<typeof startFakeSvix>>;
  let eventTypeId = 0;
  let hour = 9;

  beforeAll(async () => {
    svix = await startFakeSvix();
    app = await startTestApp({ env: { SVIX_AUTH_TOKEN: 'testsk_fake', SVIX_SERVER_URL: svix.url } });
    await app.api('POST', '/v1/users', { username: 'alice', name: 'Alice', email: 'alice@example.com', timeZone: 'UTC' });
    eventTypeId = (await app.api('POST', '/v1/event-types', { owner: 'alice', slug: 'intro', title: 'Intro', durationMinutes: 30 })).body.eventType.id;
  });
  afterAll(async () => {
    await app?.close();
    await svix?.close();
  });

  const book = async () => {
    const res = await app.api('POST', '/v1/bookings', { event: 'alice/intro', start: `2026-12-02T${String(hour++).padStart(2, '0')}:00:00Z`, timeZone: 'UTC', attendee: { name: 'Dana', email: 'dana@example.com' } }, { token: null });
    expect(res.status).toBe(201);
    return res.body.booking as { uid: string };
  };

  let hookId = '';
  let secret = '';
  it('creates the owner’s Svix application and an endpoint carrying the subscription’s secret and filters', async () => {
    const res = await app.api('POST', '/v1/webhooks', { owner: 'alice', url: 'https://crm.example.com/hooks', events: ['BOOKING_CREATED', 'BOOKING_CONFIRMED'], eventType: 'alice/intro' });
    expect(res.status).toBe(201);
    hookId = res.body.webhook.id;
    secret = res.body.webhook.secret;
    // After the commit: the endpoint is looked up by its uid (none yet), then created.
    expect(svix.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /api/v1/app', `PATCH /api/v1/app/alice/endpoint/${hookId}`, 'POST /api/v1/app/alice/endpoint']);
    expect(svix.calls[0]).toMatchObject({ query: { get_if_exists: 'true' }, body: { uid: 'alice', name: 'alice' } });
    expect(svix.calls[2]!.body).toMatchObject({
      uid: hookId,
      url: 'https://crm.example.com/hooks',
      secret: res.body.webhook.secret,
      filterTypes: ['BOOKING_CREATED', 'BOOKING_CONFIRMED'],
      channels: [`event-type-${eventTypeId}`],
    });
  });

  it('hands each event to Svix once, with eventId = the event id and the versioned payload', async () => {
    const booking = await book();
    expect(await app.services.webhookDispatcher.runOnce()).toEqual({ handedOn: 2, attempted: 0 });
    const sent = svix.messageCalls();
    expect(sent.map((c) => c.body.eventType)).toEqual(['BOOKING_CREATED', 'BOOKING_CONFIRMED']);
    for (const call of sent) {
      expect(call.path).toBe('/api/v1/app/alice/msg');
      expect(call.body.eventId).toMatch(/^evt_/);
      expect(call.idempotencyKey).toBe(call.body.eventId);
      expect(call.body.channels).toEqual([`event-type-${eventTypeId}`]);
      expect(call.body.payload.data.booking.uid).toBe(booking.uid);
      expect(eventValidator(call.body.eventType)(call.body.payload)).toEqual({ success: true });
    }
    expect(await app.services.webhookDispatcher.runOnce()).toEqual({ handedOn: 0, attempted: 0 });
    expect(svix.messageCalls()).toHaveLength(2);
  });

  it('keeps events in the outbox while Svix is down and hands them on later, never twice', async () => {
    const before = svix.messageCalls().length;
    svix.state.down = true;
    await book();
    await app.services.webhookDispatcher.runOnce();
    const tried = svix.messageCalls().slice(before);
    // The client's own retries of the first event; the second waits for the next try without calling a Svix that is down.
    expect(tried.length).toBeGreaterThan(0);
    expect(new Set(tried.map((c) => c.body.eventId)).size).toBe(1);
    expect(svix.messages.size).toBe(2);

    svix.state.down = false;
    // The outbox waits before the next try, on the injected clock.
    const seen = svix.messageCalls().length;
    expect(await app.services.webhookDispatcher.runOnce()).toEqual({ handedOn: 0, attempted: 0 });
    expect(svix.messageCalls()).toHaveLength(seen);
    app.clock.advance(handoffRetryDelay(1));
    // The first answer is lost after Svix stored the message: the client's retry gets 409, which counts as done.
    svix.state.failAfterAccepting = 1;
    expect(await app.services.webhookDispatcher.runOnce()).toEqual({ handedOn: 2, attempted: 0 });
    expect(svix.messages.size).toBe(4);
    const eventIds = svix.messageCalls().slice(seen).map((c) => c.body.eventId);
    expect(new Set(eventIds).size).toBe(2);
    expect(await app.services.webhookDispatcher.runOnce()).toEqual({ handedOn: 0, attempted: 0 });
  });

  it('changes the endpoint with the subscription; a test PING goes out from OpenSlot itself, signed with the same secret', async () => {
    const receiver = await startReceiver();
    try {
      const patched = await app.api('PATCH', `/v1/webhooks/${hookId}`, { url: receiver.url, events: ['BOOKING_CANCELLED'], eventType: null, enabled: false });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
      expect(svix.calls.filter((c) => c.method === 'PATCH').at(-1)).toMatchObject({
        method: 'PATCH',
        path: `/api/v1/app/alice/endpoint/${hookId}`,
        body: { url: receiver.url, filterTypes: ['BOOKING_CANCELLED'], channels: null, disabled: true },
      });
      expect((await app.api('PATCH', `/v1/webhooks/${hookId}`, { enabled: true })).body.webhook).toMatchObject({ active: true, disabledReason: null });
      expect(svix.calls.filter((c) => c.method === 'PATCH').at(-1)!.body).toMatchObject({ disabled: false });
      expect(svix.endpoints.get(`alice/${hookId}`)).toMatchObject({ url: receiver.url, disabled: false, secret });

      const calls = svix.calls.length;
      const test = await app.api('POST', `/v1/webhooks/${hookId}/test`);
      expect(test.status).toBe(202);
      expect(await app.services.webhookDispatcher.runOnce()).toEqual({ handedOn: 0, attempted: 1 });
      expect(svix.calls).toHaveLength(calls); // not through Svix
      expect(receiver.received.map((r) => r.type)).toEqual(['PING']);
      expect(verifyWithSvix(secret, receiver.received[0]!).data).toEqual({ webhook: { id: hookId, url: receiver.url } });
    } finally {
      await receiver.close();
    }
  });

  it('rotates the endpoint’s secret and deletes the endpoint with the subscription', async () => {
    const rotated = await app.api('POST', `/v1/webhooks/${hookId}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(svix.calls.at(-1)).toMatchObject({ method: 'POST', path: `/api/v1/app/alice/endpoint/${hookId}/secret/rotate`, body: { key: rotated.body.webhook.secret } });
    expect(svix.endpoints.get(`alice/${hookId}`)!.secret).toBe(rotated.body.webhook.secret);
    // A repeat of the sync (the job's confirming run) changes nothing more.
    const before = svix.calls.length;
    app.clock.advance(120_000);
    await app.services.worker.runOnce();
    expect(svix.calls.slice(before).map((c) => c.method)).not.toContain('POST');
    expect((await app.api('DELETE', `/v1/webhooks/${hookId}`)).status).toBe(204);
    expect(svix.calls.at(-1)).toMatchObject({ method: 'DELETE', path: `/api/v1/app/alice/endpoint/${hookId}` });
    expect(svix.endpoints.has(`alice/${hookId}`)).toBe(false);
  });

  it('calls Svix outside any transaction: a slow Svix holds up nothing else (on SQLite every request shares one writer)', async () => {
    const held = svix.hold();
    const creating = app.api('POST', '/v1/webhooks', { owner: 'alice', url: 'https://crm.example.com/slow', events: ['BOOKING_CREATED'] });
    await held.arrived;
    // Svix has the endpoint call and has not answered: a booking and a subscription change still go through.
    await book();
    expect((await app.api('GET', '/v1/webhooks?owner=alice')).status).toBe(200);
    held.release();
    const created = await creating;
    expect(created.status).toBe(201);
    expect(svix.endpoints.get(`alice/${created.body.webhook.id}`)).toMatchObject({ url: 'https://crm.example.com/slow', secret: created.body.webhook.secret });
    expect((await app.api('DELETE', `/v1/webhooks/${created.body.webhook.id}`)).status).toBe(204);
  });

  it('Svix down or its answer lost: the subscription is kept, and the worker makes the endpoint exactly once', async () => {
    svix.state.down = true;
    const res = await app.api('POST', '/v1/webhooks', { owner: 'alice', url: 'https://crm.example.com/other', events: ['BOOKING_CREATED'] });
    svix.state.down = false;
    expect(res.status).toBe(201);
    const id = res.body.webhook.id;
    expect(svix.endpoints.has(`alice/${id}`)).toBe(false);
    expect((await app.api('GET', `/v1/webhooks/${id}`)).body.webhook).toMatchObject({ active: true });

    // Svix stores the endpoint but the answer is lost (the client retries, Svix says it exists): the run is retried.
    svix.state.loseEndpointAnswers = 1;
    app.clock.advance(120_000);
    await app.services.worker.runOnce();
    expect(svix.endpoints.get(`alice/${id}`)).toMatchObject({ url: 'https://crm.example.com/other', secret: res.body.webhook.secret, disabled: false });
    const creates = () => svix.calls.filter((c) => c.method === 'POST' && c.path === '/api/v1/app/alice/endpoint' && c.body.uid === id);
    const made = creates().length;
    app.clock.advance(3_600_000);
    await app.services.worker.runOnce();
    expect(creates()).toHaveLength(made);
    expect(svix.endpoints.get(`alice/${id}`)).toMatchObject({ url: 'https://crm.example.com/other', secret: res.body.webhook.secret });

    // Deleted while Svix is down: the endpoint goes once Svix is back.
    svix.state.down = true;
    expect((await app.api('DELETE', `/v1/webhooks/${id}`)).status).toBe(204);
    svix.state.down = false;
    expect(svix.endpoints.has(`alice/${id}`)).toBe(true);
    app.clock.advance(120_000);
    await app.services.worker.runOnce();
    expect(svix.endpoints.has(`alice/${id}`)).toBe(false);
  });

  it('creates no subscription when Svix refuses the endpoint', async () => {
    svix.state.refuseUrl = 'https://crm.example.com/refused';
    const res = await app.api('POST', '/v1/webhooks', { owner: 'alice', url: 'https://crm.example.com/refused', events: ['BOOKING_CREATED'] });
    svix.state.refuseUrl = null;
    expect(res.status).toBe(400);
    expect((await app.api('GET', '/v1/webhooks?owner=alice')).body.webhooks.map((w: { url: string }) => w.url)).not.toContain('https://crm.example.com/refused');
  });

});
