import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, createServices, type Services } from '../app.js';
import { createDb } from '../db/knex.js';
import { silentLogger } from '../logger.js';
import { bookingBody, createHost, expectNoOverlap, insertCopy, outboxTypes } from '../test-support/bookings.js';
import { testDialect } from '../test-support/test-db.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../test-support/test-app.js';

/**
 * On MySQL a second app instance with its own connection pool serves half of the requests, so
 * the guarantee is shown between processes that share nothing but the database (row locks). On
 * SQLite there is one writer per database file and one connection per process; the same requests
 * all go to the one instance.
 */
async function startSecondInstance(app: TestApp): Promise<{ url: string; services: Services; close(): Promise<void> }> {
  const db = createDb(app.testDb.url);
  const services = await createServices({ config: app.services.config, db, clock: app.clock, logger: silentLogger });
  const server: Server = await new Promise((resolve) => {
    const listening = createApp(services).listen(0, () => resolve(listening));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    services,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.mailer.close();
      await db.destroy();
    },
  };
}

async function call(base: string, method: string, path: string, body: unknown, token: string | null = null) {
  const response = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

// 20 weekdays from 2026-12-02 (the clock says 2026-12-01), all inside the 60-day booking window.
const WEEKDAYS = Array.from({ length: 28 }, (_, i) => new Date(Date.UTC(2026, 11, 2 + i)))
  .filter((day) => day.getUTCDay() !== 0 && day.getUTCDay() !== 6)
  .slice(0, 20)
  .map((day) => day.toISOString().slice(0, 10));

describe(`no double booking under concurrency (${testDialect()})`, () => {
  let app: TestApp;
  let second: Awaited<ReturnType<typeof startSecondInstance>> | null = null;
  let instances: string[];
  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-01T08:00:00Z' });
    if (testDialect() === 'mysql') second = await startSecondInstance(app);
    instances = [app.url, ...(second ? [second.url] : [])];
  });
  afterAll(async () => {
    await second?.close();
    await app.close();
  });

  it('20 rounds of 9 simultaneous requests at 10:00, 10:15 and 10:30 for 30-minute meetings: no overlap, every loser a 409', async () => {
    const olga = await createHost(app, 'olga', { slotIntervalMinutes: 15 });
    let won = 0;
    for (const [round, day] of WEEKDAYS.entries()) {
      const starts = ['10:00', '10:15', '10:30'].flatMap((time) => [time, time, time]);
      const results = await Promise.all(
        starts.map((time, i) =>
          call(instances[i % instances.length]!, 'POST', '/v1/bookings', bookingBody(olga.event, `${day}T${time}:00Z`, { attendee: { name: `Booker ${round}.${i}`, email: `b${round}.${i}@example.net` } })),
        ),
      );
      const winners = results.filter((result) => result.status === 201);
      for (const loser of results.filter((result) => result.status !== 201)) {
        expect(loser.status).toBe(409);
        expect(loser.body.error).toMatchObject({ code: 'slot_unavailable', message: expect.any(String) });
      }
      // Either 10:15 alone, or 10:00 and 10:30 (which touch but do not overlap).
      const wonStarts = winners.map((winner) => winner.body.booking.start.slice(11, 16)).sort();
      expect([['10:15'], ['10:00'], ['10:30'], ['10:00', '10:30']]).toContainEqual(wonStarts);
      won += winners.length;
    }
    expect(await expectNoOverlap(app.testDb.db, 'olga')).toBe(won);
    const rows = await app.testDb.db('bookings').count({ n: '*' }).first();
    expect(Number(rows!.n)).toBe(won);
  });

  describe('confirming pending requests', () => {
    let petra: Awaited<ReturnType<typeof createHost>>;
    beforeAll(async () => {
      petra = await createHost(app, 'petra', { requiresConfirmation: true, slotIntervalMinutes: 15 });
    });

    const request = async (start: string) => {
      const res = await call(app.url, 'POST', '/v1/bookings', bookingBody(petra.event, start));
      expect(res.status).toBe(201);
      return res.body.booking.uid as string;
    };

    it('two overlapping pending requests confirmed at once: one is accepted, the other gets 409 and stays pending (10 rounds)', async () => {
      for (const day of WEEKDAYS.slice(0, 10)) {
        const a = await request(`${day}T10:00:00Z`);
        const b = await insertCopy(app, a, 15);
        const results = await Promise.all(
          [a, b].map((uid, i) => call(instances[i % instances.length]!, 'POST', `/v1/bookings/${uid}/confirm`, {}, petra.apiKey)),
        );
        expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
        expect(results.find((r) => r.status === 409)!.body.error.code).toBe('slot_unavailable');
        const statuses = await app.testDb.db('bookings').whereIn('uid', [a, b]).pluck('status');
        expect(statuses.sort()).toEqual(['accepted', 'pending']);
        const loser = [a, b][results.findIndex((r) => r.status === 409)]!;
        expect((await call(app.url, 'POST', `/v1/bookings/${loser}/reject`, {}, petra.apiKey)).status).toBe(200);
      }
      await expectNoOverlap(app.testDb.db, 'petra');
    });

    it('one request confirmed six times at once is confirmed once, with one event', async () => {
      const uid = await request(`${WEEKDAYS[12]}T09:00:00Z`);
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => call(instances[i % instances.length]!, 'POST', `/v1/bookings/${uid}/confirm`, {}, ADMIN_KEY)));
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
      for (const r of results.filter((r) => r.status !== 200)) expect(r.body.error.code).toBe('invalid_transition');
      expect((await outboxTypes(app.testDb.db, uid)).filter((e) => e.type === 'BOOKING_CONFIRMED')).toHaveLength(1);
    });

    it('a confirm racing a cancel ends in one consistent state', async () => {
      const res = await call(app.url, 'POST', '/v1/bookings', bookingBody(petra.event, `${WEEKDAYS[13]}T09:00:00Z`));
      const { uid } = res.body.booking;
      const [confirm, cancel] = await Promise.all([
        call(instances[0]!, 'POST', `/v1/bookings/${uid}/confirm`, {}, petra.apiKey),
        call(instances.at(-1)!, 'POST', `/v1/bookings/${uid}/cancel`, {}, res.body.manageToken),
      ]);
      expect(cancel.status).toBe(200);
      expect([200, 409]).toContain(confirm.status);
      const types = (await outboxTypes(app.testDb.db, uid)).map((e) => e.type);
      expect(types).toEqual(confirm.status === 200 ? ['BOOKING_CREATED', 'BOOKING_REQUESTED', 'BOOKING_CONFIRMED', 'BOOKING_CANCELLED'] : ['BOOKING_CREATED', 'BOOKING_REQUESTED', 'BOOKING_CANCELLED']);
      expect((await app.testDb.db('bookings').where({ uid }).first('status')).status).toBe('cancelled');
    });
  });

  it('two reschedules of one booking at once: one moves it, the other gets 409 invalid_transition', async () => {
    const quinn = await createHost(app, 'quinn', { slotIntervalMinutes: 15 });
    const made = await call(app.url, 'POST', '/v1/bookings', bookingBody(quinn.event, `${WEEKDAYS[0]}T09:00:00Z`));
    const { uid } = made.body.booking;
    const results = await Promise.all(
      ['11:00', '13:00'].map((time, i) => call(instances[i % instances.length]!, 'POST', `/v1/bookings/${uid}/reschedule`, { start: `${WEEKDAYS[0]}T${time}:00Z` }, made.body.manageToken)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.code).toBe('invalid_transition');
    expect(await expectNoOverlap(app.testDb.db, 'quinn')).toBe(1);
  });
});
