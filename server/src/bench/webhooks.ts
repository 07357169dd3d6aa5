/**
 * `npm run bench:webhooks`: does a slow webhook receiver slow bookings down? POST /v1/bookings
 * latency for a host with no webhook subscription, then for a host whose subscription points at
 * a receiver that takes 10 s to answer, with the dispatcher running in the same process (as in
 * `openslot serve`). SQLite in a temp file, or DATABASE_URL=mysql://… on a scratch database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import knex, { type Knex } from 'knex';
import { createApp, createServices } from '../app.js';
import { fixedClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { createDb } from '../db/knex.js';
import { migrateLatest } from '../db/migrate.js';
import { silentLogger } from '../logger.js';

const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 150);
const RECEIVER_DELAY_MS = Number(process.env.BENCH_RECEIVER_DELAY_MS ?? 10_000);
const ADMIN_KEY = 'bench-admin-key-0123456789';
const NOW = Date.parse('2026-12-01T00:00:00Z');
const SLOT_MS = 15 * 60_000;

async function scratchDatabase(): Promise<{ url: string; label: string; drop(): Promise<void> }> {
  const given = process.env.DATABASE_URL;
  if (given?.startsWith('mysql://')) {
    const name = `openslot_bench_webhooks_${Date.now()}`;
    const adminUrl = new URL(given);
    adminUrl.pathname = '/';
    const admin: Knex = knex({ client: 'mysql2', connection: { uri: adminUrl.toString() } as Knex.MySql2ConnectionConfig });
    await admin.raw(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
    const version = (await admin.raw('select version() as v'))[0][0].v as string;
    const url = new URL(given);
    url.pathname = `/${name}`;
    return { url: url.toString(), label: `MySQL ${version}`, drop: async () => void (await admin.raw(`DROP DATABASE IF EXISTS \`${name}\``), await admin.destroy()) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'openslot-bench-webhooks-'));
  return { url: `sqlite:${join(dir, 'bench.db')}`, label: 'SQLite (file, WAL)', drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main(): Promise<void> {
  // A receiver that holds every webhook for RECEIVER_DELAY_MS before answering 200.
  let received = 0;
  let answered = 0;
  const receiver: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      setTimeout(() => void (answered++, res.end('ok')), RECEIVER_DELAY_MS);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/slow`;

  const database = await scratchDatabase();
  const db = createDb(database.url);
  await migrateLatest(db);
  const config = loadConfig({ OPENSLOT_ADMIN_KEY: ADMIN_KEY, DATABASE_URL: database.url, LOG_LEVEL: 'silent', WEBHOOK_ALLOW_PRIVATE_URLS: 'true', RATE_LIMITS: 'off' });
  const services = await createServices({ config, db, clock: fixedClock(NOW), logger: silentLogger });
  const server: Server = await new Promise((resolve) => {
    const listening = createApp(services).listen(0, '127.0.0.1', () => resolve(listening));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  services.webhookDispatcher.start();

  async function call(method: string, path: string, body: unknown, token: string | null = ADMIN_KEY) {
    const response = await fetch(base + path, { method, headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) }, body: JSON.stringify(body) });
    const json = (await response.json()) as any;
    if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  }

  const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  for (const host of ['quiet', 'hooked']) {
    await call('POST', '/v1/users', { username: host, name: host, email: `${host}@example.com`, timeZone: 'UTC' });
    const schedule = await call('POST', '/v1/schedules', { owner: host, name: 'Always', timeZone: 'UTC', weeklyHours: days.map((day) => ({ day, start: '00:00', end: '24:00' })) });
    await call('POST', '/v1/event-types', { owner: host, slug: 'quick', title: 'Quick', durationMinutes: 15, slotIntervalMinutes: 15, bookingWindow: { type: 'unlimited' }, scheduleId: schedule.schedule.id });
  }
  let slot = 0;
  const book = async (host: string) => {
    const began = performance.now();
    await call('POST', '/v1/bookings', { event: `${host}/quick`, start: new Date(NOW + 86_400_000 + slot++ * SLOT_MS).toISOString(), timeZone: 'UTC', attendee: { name: 'Booker', email: 'b@example.net' } }, null);
    return performance.now() - began;
  };
  const stats = (times: number[]) => {
    const sorted = [...times].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), mean: times.reduce((a, b) => a + b, 0) / times.length };
  };

  for (let i = 0; i < 50; i++) await book(i % 2 ? 'quiet' : 'hooked'); // warm-up: JIT, pools, statements
  // 1. No subscription anywhere: the baseline.
  const baseline: number[] = [];
  for (let i = 0; i < BOOKINGS; i++) baseline.push(await book(i % 2 ? 'quiet' : 'hooked'));
  // 2. `hooked` subscribes to the slow receiver: each of its bookings sends two webhooks there.
  //    Alternating with `quiet` bookings shows both under the same machine load.
  await call('POST', '/v1/webhooks', { owner: 'hooked', url: receiverUrl, events: ['BOOKING_CREATED', 'BOOKING_CONFIRMED'] });
  const hooked: number[] = [];
  const neighbour: number[] = [];
  for (let i = 0; i < BOOKINGS; i++) {
    hooked.push(await book('hooked'));
    neighbour.push(await book('quiet'));
  }
  const inFlight = received - answered;

  const [a, b, c] = [stats(baseline), stats(hooked), stats(neighbour)];
  const row = (name: string, r: typeof a) => ({ scenario: name, bookings: BOOKINGS, 'p50 ms': +r.p50.toFixed(2), 'p95 ms': +r.p95.toFixed(2), 'mean ms': +r.mean.toFixed(2) });
  console.log(`\nPOST /v1/bookings latency vs. a slow webhook receiver, on ${database.label}, Node ${process.version}\n`);
  console.table([
    row('no subscription (baseline)', a),
    row(`subscribed, receiver answers after ${RECEIVER_DELAY_MS / 1000} s`, b),
    row('meanwhile, a host without subscription', c),
  ]);
  console.log(`subscribed / baseline: p50 ×${(b.p50 / a.p50).toFixed(2)}, p95 ×${(b.p95 / a.p95).toFixed(2)}, mean ×${(b.mean / a.mean).toFixed(2)}`);
  console.log(`subscribed / host without subscription at the same time: p50 ×${(b.p50 / c.p50).toFixed(2)}, mean ×${(b.mean / c.mean).toFixed(2)}`);
  console.log(`webhooks the receiver had taken by the end: ${received} (${inFlight} still waiting for its answer; the rest queue in the outbox)`);

  await services.webhookDispatcher.stop();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  await services.mailer.close();
  await db.destroy();
  await database.drop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
