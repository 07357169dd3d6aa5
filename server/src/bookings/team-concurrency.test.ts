import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, createServices } from '../app.js';
import { createDb } from '../db/knex.js';
import { silentLogger } from '../logger.js';
import { bookingBody, expectNoOverlap } from '../test-support/bookings.js';
import { testDialect } from '../test-support/test-db.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

/** On MySQL half of the requests go to a second app instance with its own pool: only row locks keep them apart. */
async function secondInstance(app: TestApp) {
  const db = createDb(app.testDb.url);
  const services = await createServices({ config: app.services.config, db, clock: app.clock, logger: silentLogger });
  const server: Server = await new Promise((resolve) => {
    const listening = createApp(services).listen(0, () => resolve(listening));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.mailer.close();
      await db.destroy();
    },
  };
}

describe(`team bookings under concurrency (${testDialect()})`, () => {
  let app: TestApp;
  let second: Awaited<ReturnType<typeof secondInstance>> | null = null;
  let urls: string[];
  const HOSTS = ['al', 'bo', 'cy'];
  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-01T00:00:00Z' });
    if (testDialect() === 'mysql') second = await secondInstance(app);
    urls = [app.url, ...(second ? [second.url] : [])];
    for (const username of HOSTS) {
      await app.api('POST', '/v1/users', { username, name: username, email: `${username}@example.com`, timeZone: 'UTC' });
      await app.api('POST', '/v1/event-types', { owner: username, slug: 'own', title: 'Own', durationMinutes: 30 });
    }
    await app.api('POST', '/v1/teams', { slug: 'acme', name: 'Acme', members: HOSTS.map((username) => ({ username })) });
    for (const schedulingType of ['round_robin', 'collective']) {
      const res = await app.api('POST', '/v1/event-types', { owner: 'acme', slug: schedulingType.replace('_', '-'), title: 'T', durationMinutes: 30, slotIntervalMinutes: 15, schedulingType, hosts: HOSTS.map((username) => ({ username })) });
      expect(res.status).toBe(201);
    }
  });
  afterAll(async () => {
    await second?.close();
    await app.close();
  });

  const post = (k: number, event: string, start: string) =>
    fetch(`${urls[k % urls.length]}/v1/bookings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(bookingBody(event, start, { attendee: { name: `B${k}`, email: `b${k}@example.net` } })) }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

  it('nine simultaneous round-robin requests for one time: exactly one booking per host, the rest 409', async () => {
    for (const day of ['2026-12-09', '2026-12-10', '2026-12-11']) {
      const results = await Promise.all(Array.from({ length: 9 }, (_, k) => post(k, 'acme/round-robin', `${day}T14:00:00Z`)));
      const winners = results.filter((result) => result.status === 201);
      expect(results.filter((result) => result.status === 409)).toHaveLength(6);
      expect(winners.flatMap((w) => w.body.booking.hosts.map((h: { username: string }) => h.username)).sort()).toEqual(HOSTS);
    }
  });

  it('simultaneous round-robin, collective and personal requests never double-book a host', async () => {
    const days = ['2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07', '2026-12-08'];
    let won = 0;
    for (const day of days) {
      // 10:00 and 10:15 overlap: round robin at both, collective at 10:00, and each host's own event at 10:15.
      const requests = [
        ...Array.from({ length: 6 }, (_, i) => ['acme/round-robin', `${day}T10:${i % 2 ? '15' : '00'}:00Z`] as const),
        ...Array.from({ length: 2 }, () => ['acme/collective', `${day}T10:00:00Z`] as const),
        ...HOSTS.map((host) => [`${host}/own`, `${day}T10:15:00Z`] as const),
      ];
      const results = await Promise.all(requests.map(([event, start], k) => post(k, event, start)));
      for (const result of results) expect([201, 409]).toContain(result.status);
      const winners = results.filter((result) => result.status === 201);
      // Three hosts, and any two of these requests overlap: at most three can win, and every round some do.
      expect(winners.length).toBeGreaterThanOrEqual(1);
      expect(winners.length).toBeLessThanOrEqual(3);
      for (const winner of winners.filter((w) => w.body.booking.eventType === 'acme/round-robin')) expect(winner.body.booking.hosts).toHaveLength(1);
      won += winners.length;
    }
    let held = 0;
    for (const host of HOSTS) held += await expectNoOverlap(app.services.db, host);
    expect(held).toBeGreaterThanOrEqual(won);
  });
});
