/**
 * `npm run bench:bookings`: booking throughput and latency through the real HTTP API, on SQLite
 * (a temporary file) or, with DATABASE_URL=mysql://…, on a scratch MySQL/MariaDB database.
 *
 *   uncontended: every request asks for a different slot (CONCURRENCY requests in flight), every
 *                other one for an event type with a price, against a fake Stripe that takes
 *                STRIPE_LATENCY_MS (200) to answer: the Checkout Session is a job after commit,
 *                so a paid booking's latency should stay close to a free one's (p50 ratio printed);
 *   contended:   ROUNDS × CONTENDERS simultaneous requests for one slot (one wins, the rest 409).
 *
 * The server runs in child processes (BENCH_PROCESSES, default 1; as in production, one API
 * process per core), so the load generator does not share their CPU. The contended run checks
 * that exactly one request per round won, so with 2+ processes it also shows the host locks
 * working across processes, on SQLite as on MySQL.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, createServices } from '../app.js';
import { fixedClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { createDb } from '../db/knex.js';
import { migrateLatest } from '../db/migrate.js';
import { silentLogger } from '../logger.js';
import { startFakeStripe } from '../test-support/fake-stripe/index.js';
import { scratchDatabase } from './support.js';

const UNCONTENDED = Number(process.env.BENCH_BOOKINGS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const CONTENDERS = Number(process.env.BENCH_CONTENDERS ?? 20);
/** Server processes sharing the database; requests go round robin (2+: the locks work across processes). */
const PROCESSES = Number(process.env.BENCH_PROCESSES ?? 1);
const ADMIN_KEY = 'bench-admin-key-0123456789';
const STRIPE_LATENCY_MS = Number(process.env.STRIPE_LATENCY_MS ?? 200);
const NOW = Date.parse('2026-12-01T00:00:00Z');
const SLOT_MS = 15 * 60_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Result {
  requests: number;
  booked: number;
  seconds: number;
  latencies: number[];
  statuses: Map<number, number>;
}

function summary(name: string, result: Result) {
  const sorted = [...result.latencies].sort((a, b) => a - b);
  const row = {
    scenario: name,
    requests: result.requests,
    booked: result.booked,
    'bookings/s': +(result.booked / result.seconds).toFixed(1),
    'requests/s': +(result.requests / result.seconds).toFixed(1),
    'p50 ms': +percentile(sorted, 50).toFixed(1),
    'p95 ms': +percentile(sorted, 95).toFixed(1),
    statuses: [...result.statuses].map(([status, count]) => `${status}×${count}`).join(' '),
  };
  return row;
}

/** The child: the real app over `url` with its job worker (as `openslot serve`), on a free port it reports to the parent; stops on "stop". */
async function serve(url: string, stripeUrl: string): Promise<void> {
  const db = createDb(url);
  await migrateLatest(db);
  const config = loadConfig({ OPENSLOT_ADMIN_KEY: ADMIN_KEY, DATABASE_URL: url, LOG_LEVEL: 'silent', STRIPE_SECRET_KEY: 'sk_test_bench', STRIPE_API_URL: stripeUrl, RATE_LIMITS: 'off' });
  const services = await createServices({ config, db, clock: fixedClock(NOW), logger: silentLogger });
  services.worker.start();
  const server: Server = await new Promise((resolve) => {
    const listening = createApp(services).listen(0, '127.0.0.1', () => resolve(listening));
  });
  process.send!({ port: (server.address() as AddressInfo).port });
  process.once('message', async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await services.worker.stop();
    await services.mailer.close();
    await db.destroy();
    process.exit(0);
  });
}

async function main(): Promise<void> {
  const database = await scratchDatabase();
  // Stripe's clock is the servers' (NOW), so the sessions' expiry falls within its bounds.
  const stripe = await startFakeStripe({ latencyMs: STRIPE_LATENCY_MS, now: () => NOW });
  const children: ChildProcess[] = [];
  const bases: string[] = [];
  // One after the other: the first migrates, the others find the schema up to date.
  for (let i = 0; i < PROCESSES; i++) {
    const child = fork(new URL(import.meta.url), ['--serve', database.url, stripe.url], { stdio: 'inherit' });
    children.push(child);
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (message) => resolve((message as { port: number }).port));
      child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    bases.push(`http://127.0.0.1:${port}`);
  }
  let turn = 0;

  async function call(method: string, path: string, body: unknown, token: string | null = ADMIN_KEY) {
    const response = await fetch(bases[turn++ % bases.length] + path, {
      method,
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as any;
    if (response.status >= 500) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return { status: response.status, body: json };
  }

  // A host free around the clock, a 15-minute event on a 15-minute grid, no window limit.
  await call('POST', '/v1/users', { username: 'bench', name: 'Bench Host', email: 'bench@example.com', timeZone: 'UTC' });
  const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  const schedule = await call('POST', '/v1/schedules', { owner: 'bench', name: 'Always', timeZone: 'UTC', weeklyHours: days.map((day) => ({ day, start: '00:00', end: '24:00' })) });
  const eventType = await call('POST', '/v1/event-types', {
    owner: 'bench', slug: 'quick', title: 'Quick', durationMinutes: 15, slotIntervalMinutes: 15,
    bookingWindow: { type: 'unlimited' }, scheduleId: schedule.body.schedule.id,
  });
  if (eventType.status !== 201) throw new Error(`event type: ${JSON.stringify(eventType.body)}`);
  const paidType = await call('POST', '/v1/event-types', {
    owner: 'bench', slug: 'paid', title: 'Paid', durationMinutes: 15, slotIntervalMinutes: 15,
    bookingWindow: { type: 'unlimited' }, scheduleId: schedule.body.schedule.id, price: { amount: 2500, currency: 'eur' },
  });
  if (paidType.status !== 201) throw new Error(`paid event type: ${JSON.stringify(paidType.body)}`);

  let attendee = 0;
  const book = async (start: number, event = 'bench/quick') => {
    const began = performance.now();
    const res = await call('POST', '/v1/bookings', { event, start: new Date(start).toISOString(), timeZone: 'UTC', attendee: { name: 'Booker', email: `b${attendee++}@example.net` } }, null);
    if (event === 'bench/paid' && res.status === 201 && res.body.booking.status !== 'awaiting_payment') throw new Error(`a paid booking came back ${res.body.booking.status}`);
    return { status: res.status, ms: performance.now() - began };
  };
  const record = (result: Result, outcome: { status: number; ms: number }) => {
    result.requests++;
    result.latencies.push(outcome.ms);
    result.statuses.set(outcome.status, (result.statuses.get(outcome.status) ?? 0) + 1);
    if (outcome.status === 201) result.booked++;
  };

  // Warm up (JIT, connection pool, prepared statements) on slots far from the measured ones.
  for (let i = 0; i < 20; i++) await book(NOW + 400 * 24 * 3_600_000 + i * SLOT_MS);

  // Free and paid bookings interleaved (even requests free, odd ones paid), so both see the same
  // load, the same warm-up and the same background work (mail jobs, Checkout Sessions) beside them.
  const uncontended: Result = { requests: 0, booked: 0, seconds: 0, latencies: [], statuses: new Map() };
  const paid: Result = { requests: 0, booked: 0, seconds: 0, latencies: [], statuses: new Map() };
  let next = 0;
  const firstSlot = NOW + 24 * 3_600_000;
  let began = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < 2 * UNCONTENDED) {
        const k = next++;
        if (k % 2 === 0) record(uncontended, await book(firstSlot + k * SLOT_MS));
        else record(paid, await book(firstSlot + k * SLOT_MS, 'bench/paid'));
      }
    }),
  );
  uncontended.seconds = paid.seconds = (performance.now() - began) / 1000;
  // Every paid booking gets its Checkout Session from the worker, after its answer.
  const sessionsDeadline = performance.now() + 120_000;
  while (stripe.sessions.size < paid.booked && performance.now() < sessionsDeadline) await new Promise((resolve) => setTimeout(resolve, 100));

  const contended: Result = { requests: 0, booked: 0, seconds: 0, latencies: [], statuses: new Map() };
  const contendedFrom = firstSlot + (2 * UNCONTENDED + 10) * SLOT_MS;
  began = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    const outcomes = await Promise.all(Array.from({ length: CONTENDERS }, () => book(contendedFrom + round * SLOT_MS)));
    outcomes.forEach((outcome) => record(contended, outcome));
  }
  contended.seconds = (performance.now() - began) / 1000;
  if (contended.booked !== ROUNDS) throw new Error(`expected one winner per round, got ${contended.booked} in ${ROUNDS} rounds`);

  const rows = [
    summary(`uncontended free (${CONCURRENCY} in flight with paid, distinct slots)`, uncontended),
    summary(`uncontended paid (Stripe answering in ${STRIPE_LATENCY_MS} ms)`, paid),
    summary(`contended (${CONTENDERS} at once for one slot, ${ROUNDS} rounds)`, contended),
  ];
  console.log(`\nOpenSlot booking benchmark on ${database.label}, ${PROCESSES} server process(es), Node ${process.version}\n`);
  console.table(rows);
  const [u, p, c] = rows as [ReturnType<typeof summary>, ReturnType<typeof summary>, ReturnType<typeof summary>];
  console.log(`paid / free: p50 ×${(p['p50 ms'] / u['p50 ms']).toFixed(2)}, p95 ×${(p['p95 ms'] / u['p95 ms']).toFixed(2)}; checkout sessions made after the answers: ${stripe.sessions.size} of ${paid.booked}`);
  console.log(`contended / uncontended: requests/s ×${(c['requests/s'] / u['requests/s']).toFixed(2)}, p50 ×${(c['p50 ms'] / u['p50 ms']).toFixed(2)}, p95 ×${(c['p95 ms'] / u['p95 ms']).toFixed(2)}`);

  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          child.once('exit', resolve);
          child.send('stop');
        }),
    ),
  );
  await stripe.close();
  await database.drop();
}

(process.argv[2] === '--serve' ? serve(process.argv[3]!, process.argv[4]!) : main()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
