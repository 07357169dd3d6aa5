import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, startTestApp, type TestApp } from '../test-support/test-app.js';
import { eventValidator, startReceiver, verifyWithSvix, type TestReceiver } from '../test-support/webhook-receiver.js';
import { verifyWebhook } from '../../../sdk/src/verify-webhook.js';
import { silentLogger } from '../logger.js';
import { RETRY_DELAYS_MS } from './dispatcher.js';
import { createWebhooks } from './index.js';

// Direct delivery (no SVIX_AUTH_TOKEN), through the HTTP API and a real receiving server. The
// dispatcher is driven with runOnce() and the test clock: retries are scheduled, never slept for.
describe('webhooks delivered directly', () => {
  let app: TestApp;
  let receiver: TestReceiver;
  let aliceKey = '';
  let nextStart = 0;

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-01T08:00:00Z' });
    receiver = await startReceiver();
    for (const username of ['alice', 'bob']) {
      expect((await app.api('POST', '/v1/users', { username, name: username, email: `${username}@example.com`, timeZone: 'UTC' })).status).toBe(201);
    }
    aliceKey = (await app.api('POST', '/v1/users/alice/api-keys')).body.key;
    for (const [slug, requiresConfirmation] of [['intro', false], ['vetted', true]] as const) {
      const created = await app.api('POST', '/v1/event-types', { owner: 'alice', slug, title: slug, durationMinutes: 30, requiresConfirmation });
      expect(created.status).toBe(201);
    }
    const weekly = await app.api('POST', '/v1/event-types', { owner: 'alice', slug: 'weekly', title: 'Weekly', durationMinutes: 30, recurring: { freq: 'weekly', interval: 1, maxCount: 4 } });
    expect(weekly.status).toBe(201);
  });
  afterAll(async () => {
    await receiver?.close();
    await app?.close();
  });

  const dispatcher = () => app.services.webhookDispatcher;
  /** Books the next free half hour of alice's working week (Mon–Fri 09:00–17:00 UTC) after the test clock's day. */
  const book = async (event = 'alice/intro'): Promise<{ uid: string; manageToken: string }> => {
    const HOUR = 3_600_000;
    const dayStart = (ms: number) => ms - (ms % (24 * HOUR));
    if (nextStart <= app.clock.now()) nextStart = dayStart(app.clock.now()) + 33 * HOUR; // tomorrow 09:00
    while ([0, 6].includes(new Date(nextStart).getUTCDay()) || nextStart - dayStart(nextStart) >= 17 * HOUR) nextStart = dayStart(nextStart) + 33 * HOUR;
    const start = new Date(nextStart).toISOString();
    nextStart += HOUR / 2;
    const res = await app.api('POST', '/v1/bookings', { event, start, timeZone: 'Europe/Berlin', attendee: { name: 'Dana', email: 'dana@example.com' } }, { token: null });
    expect(res.status).toBe(201);
    return { uid: res.body.booking.uid, manageToken: res.body.manageToken };
  };
  const subscribe = async (body: Record<string, unknown>, token: string | null = aliceKey) => {
    const res = await app.api('POST', '/v1/webhooks', { url: receiver.url, ...body }, { token });
    expect(res.status).toBe(201);
    return res.body.webhook as { id: string; secret: string; active: boolean };
  };
  const since = (from: number) => receiver.received.slice(from);

  describe('subscriptions', () => {
    it('creates one for the key owner and shows the whsec_ secret once', async () => {
      const created = await app.api('POST', '/v1/webhooks', { url: receiver.url, events: ['BOOKING_CREATED'] }, { token: aliceKey });
      expect(created.status).toBe(201);
      expect(created.body.webhook).toMatchObject({ owner: 'alice', url: receiver.url, events: ['BOOKING_CREATED'], eventType: null, active: true });
      expect(created.body.webhook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
      const id = created.body.webhook.id;

      const shown = await app.api('GET', `/v1/webhooks/${id}`, undefined, { token: aliceKey });
      expect(shown.status).toBe(200);
      expect(shown.body.webhook).not.toHaveProperty('secret');
      const listed = await app.api('GET', '/v1/webhooks', undefined, { token: aliceKey });
      expect(listed.body.webhooks.map((w: { id: string }) => w.id)).toContain(id);
      expect(JSON.stringify(listed.body)).not.toContain('whsec_');

      expect((await app.api('DELETE', `/v1/webhooks/${id}`, undefined, { token: aliceKey })).status).toBe(204);
      expect((await app.api('GET', `/v1/webhooks/${id}`, undefined, { token: aliceKey })).status).toBe(404);
    });

    it('lets the admin key name the owner, and hides one owner’s webhooks from another', async () => {
      const res = await app.api('POST', '/v1/webhooks', { owner: 'bob', url: receiver.url, events: ['BOOKING_CREATED'] });
      expect(res.status).toBe(201);
      expect(res.body.webhook.owner).toBe('bob');
      expect((await app.api('GET', `/v1/webhooks/${res.body.webhook.id}`, undefined, { token: aliceKey })).status).toBe(404);
      expect((await app.api('DELETE', `/v1/webhooks/${res.body.webhook.id}`, undefined, { token: aliceKey })).status).toBe(404);
      expect((await app.api('POST', '/v1/webhooks', { owner: 'bob', url: receiver.url, events: ['BOOKING_CREATED'] }, { token: aliceKey })).status).toBe(403);
      expect((await app.api('POST', '/v1/webhooks', { url: receiver.url, events: ['BOOKING_CREATED'] })).status).toBe(400);
      expect((await app.api('GET', '/v1/webhooks', undefined, { token: null })).status).toBe(401);
      await app.api('DELETE', `/v1/webhooks/${res.body.webhook.id}`);
    });

    it('lets a team’s owners and admins manage its webhooks, not its other members', async () => {
      const bobKey = (await app.api('POST', '/v1/users/bob/api-keys')).body.key;
      const team = await app.api('POST', '/v1/teams', { slug: 'acme', name: 'Acme', members: [{ username: 'alice', role: 'owner' }, { username: 'bob', role: 'member' }] });
      expect(team.status).toBe(201);
      const created = await app.api('POST', '/v1/webhooks', { owner: 'acme', url: receiver.url, events: ['BOOKING_CREATED'] }, { token: aliceKey });
      expect(created.status).toBe(201);
      expect(created.body.webhook.owner).toBe('acme');
      const listed = await app.api('GET', '/v1/webhooks?owner=acme', undefined, { token: aliceKey });
      expect(listed.body.webhooks.map((w: { id: string }) => w.id)).toEqual([created.body.webhook.id]);
      expect((await app.api('GET', '/v1/webhooks?owner=acme', undefined, { token: bobKey })).status).toBe(403);
      expect((await app.api('POST', '/v1/webhooks', { owner: 'acme', url: receiver.url, events: ['BOOKING_CREATED'] }, { token: bobKey })).status).toBe(403);
      expect((await app.api('DELETE', `/v1/webhooks/${created.body.webhook.id}`, undefined, { token: bobKey })).status).toBe(404);
      expect((await app.api('DELETE', `/v1/webhooks/${created.body.webhook.id}`, undefined, { token: aliceKey })).status).toBe(204);
    });

    it('refuses bad input with 400 naming the field', async () => {
      for (const body of [
        { url: 'ftp://example.com/hook', events: ['BOOKING_CREATED'] },
        { url: 'not a url', events: ['BOOKING_CREATED'] },
        { url: receiver.url, events: [] },
        { url: receiver.url, events: ['BOOKING_EXPLODED'] },
      ]) {
        const res = await app.api('POST', '/v1/webhooks', body, { token: aliceKey });
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('validation_failed');
      }
      expect((await app.api('POST', '/v1/webhooks', { url: receiver.url, events: ['BOOKING_CREATED'], eventType: 'alice/nope' }, { token: aliceKey })).status).toBe(404);
      expect((await app.api('POST', '/v1/webhooks', { url: receiver.url, events: ['BOOKING_CREATED'], eventType: 'bob/intro' }, { token: aliceKey })).status).toBe(403);
    });
  });

  describe('delivery', () => {
    let hook: { id: string; secret: string };
    beforeAll(async () => {
      hook = await subscribe({ events: ['BOOKING_CREATED', 'BOOKING_REQUESTED', 'BOOKING_CONFIRMED', 'BOOKING_REJECTED', 'BOOKING_CANCELLED', 'BOOKING_RESCHEDULED'] });
    });

    it('delivers BOOKING_CREATED + BOOKING_CONFIRMED and BOOKING_CREATED + BOOKING_REQUESTED, signed, each valid against its JSON Schema', async () => {
      const from = receiver.received.length;
      const accepted = await book('alice/intro');
      const pending = await book('alice/vetted');
      expect(await dispatcher().runOnce()).toEqual({ handedOn: 4, attempted: 4 });

      const events = since(from).map((request) => ({ request, event: verifyWithSvix(hook.secret, request) }));
      expect(events.map(({ event }) => [event.type, event.data.booking.uid]).sort()).toEqual(
        [['BOOKING_CONFIRMED', accepted.uid], ['BOOKING_CREATED', accepted.uid], ['BOOKING_CREATED', pending.uid], ['BOOKING_REQUESTED', pending.uid]].sort(),
      );
      for (const { request, event } of events) {
        expect(eventValidator(event.type)(event)).toEqual({ success: true });
        expect(request.headers['content-type']).toBe('application/json');
        expect(request.id).toMatch(/^evt_/);
        expect(request.body).not.toMatch(/manageToken|whsec_|osk_/);
      }
      expect(events.find(({ event }) => event.type === 'BOOKING_CONFIRMED')!.event.data.confirmedBy).toBe('auto');
      expect(events.find(({ event }) => event.type === 'BOOKING_REQUESTED')!.event.data.booking.status).toBe('pending');
      // Nothing is delivered twice.
      expect(await dispatcher().runOnce()).toEqual({ handedOn: 0, attempted: 0 });
    });

    it('delivers every lifecycle event: confirmed and rejected by the host, cancelled, rescheduled — each valid against its JSON Schema', async () => {
      const from = receiver.received.length;
      const toConfirm = await book('alice/vetted');
      const toReject = await book('alice/vetted');
      const toCancel = await book('alice/intro');
      const toMove = await book('alice/intro');
      expect((await app.api('POST', `/v1/bookings/${toConfirm.uid}/confirm`, {}, { token: aliceKey })).status).toBe(200);
      expect((await app.api('POST', `/v1/bookings/${toReject.uid}/reject`, { reason: 'Fully booked' }, { token: aliceKey })).status).toBe(200);
      expect((await app.api('POST', `/v1/bookings/${toCancel.uid}/cancel`, { reason: 'Ill' }, { token: toCancel.manageToken })).status).toBe(200);
      const moved = await app.api('POST', `/v1/bookings/${toMove.uid}/reschedule`, { start: new Date(Date.parse('2026-12-02T16:30:00Z')).toISOString() }, { token: toMove.manageToken });
      expect(moved.status).toBe(201);
      while ((await dispatcher().runOnce()).attempted > 0);

      const events = since(from).map((request) => verifyWithSvix(hook.secret, request));
      for (const event of events) expect(eventValidator(event.type)(event)).toEqual({ success: true });
      const of = (type: string, uid: string) => events.filter((e) => e.type === type && e.data.booking.uid === uid);
      expect(of('BOOKING_CONFIRMED', toConfirm.uid)).toMatchObject([{ data: { confirmedBy: 'host', booking: { status: 'accepted' } } }]);
      expect(of('BOOKING_REJECTED', toReject.uid)).toMatchObject([{ data: { booking: { status: 'rejected', rejectionReason: 'Fully booked' } } }]);
      expect(of('BOOKING_CANCELLED', toCancel.uid)).toMatchObject([{ data: { cancelledBy: 'booker', booking: { status: 'cancelled', cancellationReason: 'Ill' } } }]);
      expect(of('BOOKING_RESCHEDULED', moved.body.booking.uid)).toMatchObject([
        { data: { rescheduledBy: 'booker', booking: { rescheduledFromUid: toMove.uid }, previousBooking: { uid: toMove.uid, status: 'cancelled', rescheduledToUid: moved.body.booking.uid } } },
      ]);
      expect(new Set(events.map((e) => e.type))).toEqual(new Set(['BOOKING_CREATED', 'BOOKING_REQUESTED', 'BOOKING_CONFIRMED', 'BOOKING_REJECTED', 'BOOKING_CANCELLED', 'BOOKING_RESCHEDULED']));
      for (const request of since(from)) expect(request.body).not.toMatch(/manageToken|whsec_|osk_|manage_key|manageKey/);
    });

    it('announces a recurring series once, with every occurrence in data.bookings, valid against the JSON Schemas', async () => {
      const from = receiver.received.length;
      const res = await app.api('POST', '/v1/bookings', { event: 'alice/weekly', start: '2027-01-04T09:00:00Z', timeZone: 'UTC', attendee: { name: 'Dana', email: 'dana@example.com' }, recurrence: { count: 3 } }, { token: null });
      expect(res.status).toBe(201);
      const uids = res.body.bookings.map((b: { uid: string }) => b.uid);
      expect(uids).toHaveLength(3);
      const cancelled = await app.api('POST', `/v1/bookings/${uids[1]}/cancel`, { allRemaining: true }, { token: res.body.manageToken });
      expect(cancelled.status).toBe(200);
      while ((await dispatcher().runOnce()).attempted > 0);

      const events = since(from).map((request) => verifyWithSvix(hook.secret, request));
      for (const event of events) expect(eventValidator(event.type)(event)).toEqual({ success: true });
      const announced = events.map((e) => [e.type, e.data.bookings?.map((b: { uid: string }) => b.uid)]);
      expect(announced.sort()).toEqual([
        ['BOOKING_CANCELLED', uids.slice(1)],
        ['BOOKING_CONFIRMED', uids],
        ['BOOKING_CREATED', uids],
      ]);
    });

    it('retries a 500 with the same message id after 5 s, and records every attempt', async () => {
      const from = receiver.received.length;
      let calls = 0;
      receiver.reply = () => (++calls === 1 ? 500 : 200);
      await book();
      await dispatcher().runOnce();
      expect(since(from)).toHaveLength(2);
      const failed = since(from)[0]!; // the first request in got the 500

      let deliveries = (await app.api('GET', `/v1/webhooks/${hook.id}/deliveries`, undefined, { token: aliceKey })).body.deliveries;
      const retrying = deliveries.find((d: { eventId: string }) => d.eventId === failed.id);
      expect(retrying).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500, nextAttemptAt: new Date(app.clock.now() + 5_000).toISOString() });
      expect(retrying.history).toEqual([{ at: new Date(app.clock.now()).toISOString(), statusCode: 500, durationMs: expect.any(Number), error: null, responseSnippet: 'answered 500' }]);

      app.clock.advance(4_999);
      expect(await dispatcher().runOnce()).toEqual({ handedOn: 0, attempted: 0 });
      app.clock.advance(1);
      expect(await dispatcher().runOnce()).toEqual({ handedOn: 0, attempted: 1 });
      const retried = since(from)[2]!;
      expect(retried.id).toBe(failed.id);
      expect(retried.body).toBe(failed.body);
      expect(verifyWithSvix(hook.secret, retried).type).toBe(failed.type);

      deliveries = (await app.api('GET', `/v1/webhooks/${hook.id}/deliveries`, undefined, { token: aliceKey })).body.deliveries;
      expect(deliveries.find((d: { eventId: string }) => d.eventId === failed.id)).toMatchObject({ status: 'succeeded', attempts: 2, lastStatusCode: 200, nextAttemptAt: null });
      receiver.reply = () => 200;
    });

    it('retries a failing receiver after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, then gives up', async () => {
      // Connection refused: a port nobody listens on.
      const down = await subscribe({ url: 'http://127.0.0.1:9/refused', events: ['BOOKING_CREATED'], eventType: 'alice/intro' });
      await book();
      await dispatcher().runOnce();
      const deliveryOf = async () => (await app.api('GET', `/v1/webhooks/${down.id}/deliveries`, undefined, { token: aliceKey })).body.deliveries[0];
      expect(await deliveryOf()).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
      expect((await deliveryOf()).history[0].error).toBeTruthy();
      for (const [index, delay] of RETRY_DELAYS_MS.entries()) {
        app.clock.advance(delay - 1);
        expect((await dispatcher().runOnce()).attempted).toBe(0);
        app.clock.advance(1);
        expect((await dispatcher().runOnce()).attempted).toBe(1);
        expect((await deliveryOf()).attempts).toBe(index + 2);
      }
      expect(await deliveryOf()).toMatchObject({ status: 'failed', attempts: 8, nextAttemptAt: null });
      app.clock.advance(24 * 3_600_000);
      expect((await dispatcher().runOnce()).attempted).toBe(0);
      await app.api('DELETE', `/v1/webhooks/${down.id}`, undefined, { token: aliceKey });
    });

    it('replays one delivery on request, with the same message id', async () => {
      const deliveries = (await app.api('GET', `/v1/webhooks/${hook.id}/deliveries`, undefined, { token: aliceKey })).body.deliveries;
      const done = deliveries.find((d: { status: string }) => d.status === 'succeeded');
      const from = receiver.received.length;
      const res = await app.api('POST', `/v1/webhooks/${hook.id}/deliveries/${done.id}/retry`, undefined, { token: aliceKey });
      expect(res.status).toBe(200);
      expect(res.body.delivery).toMatchObject({ id: done.id, status: 'pending' });
      expect((await dispatcher().runOnce()).attempted).toBe(1);
      expect(since(from).map((r) => r.id)).toEqual([done.eventId]);
      expect((await app.api('POST', `/v1/webhooks/${hook.id}/deliveries/whd_nope/retry`, undefined, { token: aliceKey })).status).toBe(404);
    });

    it('signs with the old and the new secret for 24 hours after a rotation', async () => {
      const rotated = await app.api('POST', `/v1/webhooks/${hook.id}/rotate-secret`, undefined, { token: aliceKey });
      expect(rotated.status).toBe(200);
      const secret = rotated.body.webhook.secret;
      expect(secret).toMatch(/^whsec_/);
      expect(secret).not.toBe(hook.secret);
      expect(rotated.body.webhook.previousSecretExpiresAt).toBe(new Date(app.clock.now() + 24 * 3_600_000).toISOString());

      let from = receiver.received.length;
      await book();
      await dispatcher().runOnce();
      const during = since(from)[0]!;
      expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
      expect(verifyWithSvix(secret, during).type).toBe(during.type);
      expect(verifyWithSvix(hook.secret, during).type).toBe(during.type);
      // The SDK's verifyWebhook accepts it too, with either secret.
      for (const key of [secret, hook.secret]) expect(await verifyWebhook(during.body, during.headers as Record<string, string>, key)).toMatchObject({ type: during.type });

      app.clock.advance(24 * 3_600_000 + 1);
      from = receiver.received.length;
      await book();
      await dispatcher().runOnce();
      const after = since(from)[0]!;
      expect(verifyWithSvix(secret, after).type).toBe(after.type);
      expect(() => verifyWithSvix(hook.secret, after)).toThrow();
      hook = { ...hook, secret };
    });

    it('sends only the filtered event type’s events to a filtered subscription', async () => {
      const filtered = await subscribe({ url: receiver.url.replace('/hooks', '/vetted-only'), events: ['BOOKING_CREATED'], eventType: 'alice/vetted' });
      const from = receiver.received.length;
      await book('alice/intro');
      const vetted = await book('alice/vetted');
      await dispatcher().runOnce();
      const toFiltered = since(from).filter((r) => verifyOk(filtered.secret, r));
      expect(toFiltered.map((r) => JSON.parse(r.body).data.booking.uid)).toEqual([vetted.uid]);
      await app.api('DELETE', `/v1/webhooks/${filtered.id}`, undefined, { token: aliceKey });
    });

    it('disables a subscription whose receiver answers 410 Gone', async () => {
      const gone = await subscribe({ url: receiver.url.replace('/hooks', '/gone'), events: ['BOOKING_CREATED'] });
      receiver.reply = (request) => (verifyOk(gone.secret, request) ? 410 : 200);
      const from = receiver.received.length;
      await book();
      await dispatcher().runOnce();
      expect(since(from).filter((r) => verifyOk(gone.secret, r))).toHaveLength(1);
      expect((await app.api('GET', `/v1/webhooks/${gone.id}`, undefined, { token: aliceKey })).body.webhook.active).toBe(false);
      expect((await app.api('GET', `/v1/webhooks/${gone.id}/deliveries`, undefined, { token: aliceKey })).body.deliveries[0]).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: 410 });

      const later = receiver.received.length;
      await book();
      app.clock.advance(RETRY_DELAYS_MS[0]);
      await dispatcher().runOnce();
      expect(since(later).filter((r) => verifyOk(gone.secret, r))).toHaveLength(0);
      expect(since(later).length).toBeGreaterThan(0); // the other subscription still gets its events
      receiver.reply = () => 200;
    });

    it('hands on the events of a dispatcher that died after claiming them, once its lease runs out', async () => {
      const from = receiver.received.length;
      const booked = await book();
      // A dispatcher claims both events, then dies before handing them on.
      const { events } = await app.services.outbox.claimForWebhooks(app.clock.now(), 120_000, 10);
      expect(events.map((e) => e.type)).toEqual(['BOOKING_CREATED', 'BOOKING_CONFIRMED']);
      expect(await dispatcher().runOnce()).toEqual({ handedOn: 0, attempted: 0 });
      app.clock.advance(120_000);
      expect(await dispatcher().runOnce()).toEqual({ handedOn: 0, attempted: 0 });
      app.clock.advance(1);
      expect(await dispatcher().runOnce()).toEqual({ handedOn: 2, attempted: 2 });
      expect(since(from).map((r) => `${r.type} ${JSON.parse(r.body).data.booking.uid}`)).toEqual(
        expect.arrayContaining([`BOOKING_CREATED ${booked.uid}`, `BOOKING_CONFIRMED ${booked.uid}`]),
      );
    });

    it('lets a subscription be deleted while one of its POSTs is out', async () => {
      const doomed = await subscribe({ url: receiver.url.replace('/hooks', '/doomed'), events: ['BOOKING_CREATED'] });
      let release: (status: number) => void = () => undefined;
      receiver.reply = (request) => (request.path === '/doomed' ? new Promise<number>((resolve) => (release = resolve)) : 200);
      const from = receiver.received.length;
      await book();
      const pass = dispatcher().runOnce();
      await receiver.waitFor(from + 3);
      expect(since(from).filter((r) => r.path === '/doomed')).toHaveLength(1);
      expect((await app.api('DELETE', `/v1/webhooks/${doomed.id}`, undefined, { token: aliceKey })).status).toBe(204);
      release(200);
      expect(await pass).toEqual({ handedOn: 2, attempted: 3 });
      expect(await app.testDb.db('webhook_deliveries').where({ subscription_id: doomed.id }).count({ n: '*' }).first()).toMatchObject({ n: 0 });
      receiver.reply = () => 200;
    });

    it('lets a receiver that never answers hold only 4 delivery slots: other subscriptions’ webhooks still go out', async () => {
      expect((await app.api('POST', '/v1/event-types', { owner: 'bob', slug: 'chat', title: 'Chat', durationMinutes: 30 })).status).toBe(201);
      const stuck = await subscribe({ owner: 'bob', url: receiver.url.replace('/hooks', '/stuck'), events: ['BOOKING_CREATED', 'BOOKING_CONFIRMED'] }, ADMIN_KEY);
      const toStuck = (r: { path: string }) => r.path === '/stuck';
      // 24 of bob's deliveries fail once, so they are due (5 s later) before anything alice books next.
      receiver.reply = (r) => (toStuck(r) ? 500 : 200);
      for (let i = 0; i < 12; i++) await book('bob/chat');
      let attempted = 0;
      for (let pass = await dispatcher().runOnce(); pass.handedOn + pass.attempted > 0; pass = await dispatcher().runOnce()) attempted += pass.attempted;
      expect(attempted).toBe(24);
      app.clock.advance(10_000);

      const answers: Array<(status: number) => void> = [];
      receiver.reply = (r) => (toStuck(r) ? new Promise<number>((resolve) => answers.push(resolve)) : 200);
      const from = receiver.received.length;
      dispatcher().start();
      try {
        const booked = await book('alice/intro');
        await receiver.waitFor(2, (r) => !toStuck(r) && receiver.received.indexOf(r) >= from);
        expect(since(from).filter((r) => !toStuck(r)).map((r) => JSON.parse(r.body).data.booking.uid)).toEqual([booked.uid, booked.uid]);
        expect(since(from).filter(toStuck)).toHaveLength(4);
      } finally {
        // A graceful stop waits for what is in flight: the stuck receiver finally answers.
        const stopping = dispatcher().stop();
        answers.forEach((answer) => answer(200));
        await stopping;
      }
      await app.api('DELETE', `/v1/webhooks/${stuck.id}`);
      receiver.reply = () => 200;
    });

    it('delivers right after each commit while running, without waiting for the next poll', async () => {
      const { services } = app;
      // A dispatcher that would poll only every 10 minutes: what arrives sooner was woken by the commit.
      const { dispatcher: sleepy } = await createWebhooks({ db: services.db, config: services.config, clock: app.clock, logger: silentLogger, outbox: services.outbox, jobs: services.jobs, worker: services.worker, pollMs: 600_000 });
      sleepy.start();
      try {
        for (let round = 0; round < 2; round++) {
          const from = receiver.received.length;
          const booked = await book();
          await receiver.waitFor(from + 2);
          expect(since(from).map((r) => JSON.parse(r.body).data.booking.uid)).toEqual([booked.uid, booked.uid]);
        }
      } finally {
        await sleepy.stop();
      }
    });
  });
});

function verifyOk(secret: string, request: Parameters<typeof verifyWithSvix>[1]): boolean {
  try {
    verifyWithSvix(secret, request);
    return true;
  } catch {
    return false;
  }
}
