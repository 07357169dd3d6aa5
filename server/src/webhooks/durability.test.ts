import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../db/knex.js';
import { silentLogger } from '../logger.js';
import { createOutbox } from '../outbox/outbox.js';
import { buildBin, startBin } from '../test-support/openslot-bin.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../test-support/test-app.js';
import { testDialect } from '../test-support/test-db.js';
import { startReceiver, verifyWithSvix, type ReceivedWebhook, type TestReceiver } from '../test-support/webhook-receiver.js';
import { createWebhooks, type Dispatcher } from './index.js';

// Each suite runs on the database the whole run uses: one SQLite file shared by two connections,
// or one MariaDB/MySQL schema shared by two connection pools (DATABASE_URL=mysql://…).
describe(`webhooks survive crashes and concurrent dispatchers (${testDialect()})`, () => {
  let dir: string;
  let app: TestApp;
  let receiver: TestReceiver;
  let secret = '';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'openslot-webhooks-'));
    app = await startTestApp({ now: '2026-12-01T08:00:00Z', sqliteFile: join(dir, 'openslot.db') });
    receiver = await startReceiver();
    await app.api('POST', '/v1/users', { username: 'alice', name: 'Alice', email: 'alice@example.com', timeZone: 'UTC' });
    await app.api('POST', '/v1/event-types', { owner: 'alice', slug: 'intro', title: 'Intro', durationMinutes: 15, bookingWindow: { type: 'unlimited' } });
    const hook = await app.api('POST', '/v1/webhooks', { owner: 'alice', url: receiver.url, events: ['BOOKING_CREATED', 'BOOKING_CONFIRMED'] });
    secret = hook.body.webhook.secret;
  });
  afterAll(async () => {
    await receiver?.close();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    receiver.reply = () => 200;
  });

  const book = async (start: string, baseUrl = app.url) => {
    const res = await fetch(`${baseUrl}/v1/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'alice/intro', start, timeZone: 'UTC', attendee: { name: 'Dana', email: 'dana@example.com' } }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { booking: { uid: string } }).booking;
  };

  /** A second, independent dispatcher: its own connection pool, as in another process. */
  const secondDispatcher = async (): Promise<{ dispatcher: Dispatcher; close(): Promise<void> }> => {
    const db = createDb(app.testDb.url);
    const { dispatcher } = await createWebhooks({ db, config: app.services.config, clock: app.clock, logger: silentLogger, outbox: createOutbox(db), jobs: app.services.jobs, worker: app.services.worker });
    return { dispatcher, close: () => db.destroy() };
  };

  it('two dispatchers racing over one database deliver each event exactly once', async () => {
    const other = await secondDispatcher();
    try {
      const from = receiver.received.length;
      const uids: string[] = [];
      for (let i = 0; i < 12; i++) uids.push((await book(`2026-12-02T${String(9 + Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}:00Z`)).uid);
      const handedOn: number[] = [0, 0];
      for (let round = 0; round < 4; round++) {
        const [a, b] = await Promise.all([app.services.webhookDispatcher.runOnce(), other.dispatcher.runOnce()]);
        handedOn[0]! += a.handedOn;
        handedOn[1]! += b.handedOn;
      }
      const got = receiver.received.slice(from);
      expect(handedOn[0]! + handedOn[1]!).toBe(24);
      expect(got).toHaveLength(24);
      expect(new Set(got.map((r) => r.id)).size).toBe(24);
      expect(new Set(got.map((r) => verifyWithSvix(secret, r).data.booking.uid))).toEqual(new Set(uids));
      const attempts = await app.testDb.db('webhook_deliveries').whereIn('event_id', got.map((r) => r.id)).pluck('attempts');
      expect(attempts).toEqual(Array(24).fill(1));
    } finally {
      await other.close();
    }
  });

  it('two running dispatcher loops deliver each event exactly once', async () => {
    const other = await secondDispatcher();
    const mine = app.services.webhookDispatcher;
    mine.start();
    other.dispatcher.start();
    try {
      const from = receiver.received.length;
      for (let i = 0; i < 8; i++) await book(`2026-12-03T${String(9 + Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}:00Z`);
      await receiver.waitFor(from + 16);
    } finally {
      await Promise.all([mine.stop(), other.dispatcher.stop()]);
      await other.close();
    }
    const ids = receiver.received.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  describe('the openslot bin: serve killed with SIGKILL mid-delivery, worker alone', () => {
    let child: ChildProcess | null = null;
    /** Starts `openslot <command>` on the test database; resolves with its first log entry whose message is `ready`. */
    const startOn = (command: string, ready: string) => {
      const bin = startBin(command, { DATABASE_URL: app.testDb.url, PORT: '0', OPENSLOT_ADMIN_KEY: ADMIN_KEY, WEBHOOK_ALLOW_PRIVATE_URLS: 'true' }, ready);
      child = bin.child;
      return bin.ready;
    };
    /** A weekday 10:00 UTC slot a few days after the real date (the children run on the real clock). */
    const realSlot = (daysAhead: number, hour: number) => {
      const day = new Date(Date.now() + daysAhead * 86_400_000);
      while ([0, 6].includes(day.getUTCDay())) day.setUTCDate(day.getUTCDate() + 1);
      return `${day.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00:00Z`;
    };
    let crashSecret = '';
    // Only the crash subscription's deliveries: the first subscription, made on the fake clock, also
    // gets the children's events whenever the real date is past the fake one.
    const onCrash = (request: ReceivedWebhook) => request.path === '/crash';
    const crashed = () => receiver.received.filter(onCrash);
    // The child runs the built bin, as in production.
    beforeAll(buildBin, 60_000);
    afterAll(() => {
      child?.kill('SIGKILL');
    });

    it('loses nothing: the event in flight goes out again after the restart, with the same webhook-id', async () => {
      // The child runs on the real clock; a subscription only gets events recorded after it was made.
      app.clock.set(Date.now() - 60_000);
      const hook = await app.api('POST', '/v1/webhooks', { owner: 'alice', url: receiver.url.replace('/hooks', '/crash'), events: ['BOOKING_CREATED', 'BOOKING_CONFIRMED'] });
      crashSecret = hook.body.webhook.secret as string;
      const childUrl = (await startOn('serve', 'listening')).url as string;

      // The receiver takes the first request and never answers: the child dies holding it.
      const from = crashed().length;
      let first = true;
      receiver.reply = (request) => (request.path === '/crash' && first ? ((first = false), 'hang') : 200);
      const booking = await book(realSlot(3, 10), childUrl);
      await receiver.waitFor(from + 1, onCrash);
      const inFlight = crashed()[from]!;
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child!.kill('SIGKILL');
      await exited;
      child = null;

      // After the dead process's lease runs out, any dispatcher finishes its work.
      const beforeRestart = crashed().length;
      app.clock.set(Date.now() + 3 * 60_000); // past both leases (deliveries 60 s, hand-offs 120 s)
      await app.services.webhookDispatcher.runOnce();
      const afterRestart = crashed().slice(beforeRestart);
      expect(afterRestart.map((r) => r.id)).toContain(inFlight.id);
      const delivered = crashed().slice(from).map((r) => verifyWithSvix(crashSecret, r));
      expect(new Set(delivered.map((event) => `${event.type} ${event.data.booking.uid}`))).toEqual(
        new Set([`BOOKING_CREATED ${booking.uid}`, `BOOKING_CONFIRMED ${booking.uid}`]),
      );
      expect(await app.testDb.db('webhook_deliveries').where({ event_id: inFlight.id }).first('status', 'attempts')).toEqual({ status: 'succeeded', attempts: 1 });
    }, 60_000);

    it('openslot worker delivers what an API process committed, and stops cleanly on SIGTERM', async () => {
      await startOn('worker', 'webhook dispatcher running');
      const worker = child!;
      app.clock.set(Date.now());
      const from = crashed().length;
      const booking = await book(realSlot(3, 11)); // committed by this process, which dispatches nothing itself
      await receiver.waitFor(from + 2, onCrash);
      const events = crashed().slice(from).map((r) => verifyWithSvix(crashSecret, r));
      expect(events.map((e) => `${e.type} ${e.data.booking.uid}`).sort()).toEqual([`BOOKING_CONFIRMED ${booking.uid}`, `BOOKING_CREATED ${booking.uid}`]);
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.kill('SIGTERM');
      expect(await exited).toBe(0);
      child = null;
    }, 60_000);
  });
});
