/**
 * `npm run bench:load`: a real `openslot serve` process (RATE_LIMITS=off, its job worker running)
 * driven by autocannon from this process, on SQLite (a temp file) or, with DATABASE_URL=mysql://…,
 * a scratch MySQL/MariaDB database. Every scenario prints throughput and p50/p95/p99, and its
 * ratio to `GET /health` at the same concurrency in the same run (the machine is shared, so only
 * ratios compare across runs):
 *
 *   health ×8, health ×200      the baseline: a `select 1` through the whole middleware stack
 *   bookings free ×8            POST /v1/bookings, every request a different slot (target ≥ 0.3× on
 *                               SQLite, ≥ 0.2× on MySQL of health ×8)
 *   bookings paid ×8            the same for an event type with a price, against a fake Stripe that
 *                               answers in STRIPE_LATENCY_MS (200): the Checkout Session is a job
 *   bookings calendar ×8        a host with a connected ICS calendar, read fresh by every booking
 *   slots ×200                  a month of slots (brotli) for a host with those bookings (target: p99
 *                               within 3× of health ×200's p99)
 *
 * BENCH_SECONDS (10) per scenario, BENCH_ROUNDS (1) times over, figures of each round printed;
 * BENCH_SERVER_NODE_OPTIONS goes to the server's node (`--cpu-prof --cpu-prof-dir=…` to profile it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startFakeStripe } from '../test-support/fake-stripe/index.js';
import { scratchDatabase } from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const STRIPE_LATENCY_MS = Number(process.env.STRIPE_LATENCY_MS ?? 200);
const ADMIN_KEY = 'bench-admin-key-0123456789';
const SLOT_MS = 15 * 60_000;
const DAY = 86_400_000;
/** BENCH_SCENARIOS=free,paid,calendar,slots (all unless given); health ×8 always runs. */
const wanted = (name: string) => !process.env.BENCH_SCENARIOS || process.env.BENCH_SCENARIOS.split(',').includes(name);

interface Outcome {
  scenario: string;
  connections: number;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  statuses: string;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** An ICS feed with a few events a year away, answered at once: the calendar read costs its HTTP round trip and parse. */
function feedServer(): Promise<{ url: string; close(): Promise<void> }> {
  const body = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//bench//EN'];
  for (let k = 0; k < 20; k++) body.push('BEGIN:VEVENT', `UID:e${k}@bench`, 'DTSTAMP:20260101T000000Z', `DTSTART:2030010${k % 9 + 1}T09${String(k).padStart(2, '0')}00Z`, `DTEND:2030010${k % 9 + 1}T10${String(k).padStart(2, '0')}00Z`, 'END:VEVENT');
  body.push('END:VCALENDAR', '');
  const text = body.join('\r\n');
  const server: Server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/calendar' }).end(text));
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.ics`, close: () => new Promise((done) => server.close(() => done())) })),
  );
}

async function startServe(env: Record<string, string>): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  const bin = fileURLToPath(new URL('../../bin/openslot.js', import.meta.url));
  const child = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_OPTIONS?.split(' ').filter(Boolean) ?? []), bin, 'serve'], {
    env: { ...process.env, ...env, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null) throw new Error(`openslot serve exited with ${child.exitCode}`);
    const ok = await fetch(`${base}/health`).then((res) => res.ok, () => false);
    if (ok) return { base, child };
    if (tries > 300) throw new Error('openslot serve did not answer /health');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function main(): Promise<void> {
  const database = await scratchDatabase();
  const stripe = await startFakeStripe({ latencyMs: STRIPE_LATENCY_MS });
  const feed = await feedServer();
  const { base, child } = await startServe({
    DATABASE_URL: database.url,
    OPENSLOT_ADMIN_KEY: ADMIN_KEY,
    LOG_LEVEL: 'silent',
    RATE_LIMITS: 'off',
    STRIPE_SECRET_KEY: 'sk_test_bench',
    STRIPE_API_URL: stripe.url,
    WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
  });

  const call = async (method: string, path: string, body: unknown) => {
    const res = await fetch(base + path, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` }, body: JSON.stringify(body) });
    const json = (await res.json()) as any;
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  // Two hosts free around the clock (one with a connected calendar), 15-minute events on a
  // 15-minute grid; the slots view asks a month of a 30-minute office-hours event of the first.
  const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  for (const username of ['bench', 'synced']) {
    await call('POST', '/v1/users', { username, name: username, email: `${username}@example.com`, timeZone: 'UTC' });
    const always = await call('POST', '/v1/schedules', { owner: username, name: 'Always', timeZone: 'UTC', weeklyHours: days.map((day) => ({ day, start: '00:00', end: '24:00' })) });
    await call('POST', '/v1/event-types', { owner: username, slug: 'quick', title: 'Quick', durationMinutes: 15, slotIntervalMinutes: 15, bookingWindow: { type: 'unlimited' }, scheduleId: always.schedule.id });
  }
  await call('POST', '/v1/event-types', { owner: 'bench', slug: 'paid', title: 'Paid', durationMinutes: 15, slotIntervalMinutes: 15, bookingWindow: { type: 'unlimited' }, price: { amount: 2500, currency: 'eur' }, scheduleId: (await call('POST', '/v1/schedules', { owner: 'bench', name: 'Always too', timeZone: 'UTC', weeklyHours: days.map((day) => ({ day, start: '00:00', end: '24:00' })) })).schedule.id });
  await call('POST', '/v1/event-types', { owner: 'bench', slug: 'office', title: 'Office hours', durationMinutes: 30, bookingWindow: { type: 'unlimited' } });
  await call('POST', '/v1/users/synced/calendars', { type: 'ics', url: feed.url, onError: 'block' });

  // Bookings go at distinct quarter hours from tomorrow on; each scenario takes the next ones.
  let nextSlot = Math.ceil((Date.now() + DAY) / SLOT_MS) * SLOT_MS;
  let attendee = 0;
  const month = new Date(Date.now() + DAY).toISOString().slice(0, 7);

  async function run(scenario: string, connections: number, request: autocannon.Request, expect: number): Promise<Outcome> {
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon({ url: base, connections, duration: SECONDS, requests: [request] }, (error, done) => (error ? reject(error) : resolve(done)));
      instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
        latencies.push(ms);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      });
    });
    latencies.sort((a, b) => a - b);
    const good = statuses.get(expect) ?? 0;
    if (result.errors > 0 || good !== latencies.length) throw new Error(`${scenario}: ${result.errors} errors, statuses ${JSON.stringify([...statuses])}`);
    return {
      scenario,
      connections,
      requests: latencies.length,
      perSecond: latencies.length / (result.duration || SECONDS),
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      statuses: [...statuses].map(([status, count]) => `${status}×${count}`).join(' '),
    };
  }
  const health: autocannon.Request = { method: 'GET', path: '/health' };
  const booking = (event: string): autocannon.Request => ({
    method: 'POST',
    path: '/v1/bookings',
    headers: { 'content-type': 'application/json' },
    setupRequest: (req) => ({ ...req, body: JSON.stringify({ event, start: new Date((nextSlot += SLOT_MS)).toISOString(), timeZone: 'UTC', attendee: { name: 'Booker', email: `b${attendee++}@example.net` } }) }),
  });
  const slots: autocannon.Request = { method: 'GET', path: `/v1/slots?event=bench/office&start=${month}-01&end=${month}-28&timeZone=UTC`, headers: { 'accept-encoding': 'gzip, deflate, br' } };

  // Warm-up: JIT, pools, prepared statements.
  await run('warm-up', 8, booking('bench/quick'), 201);
  await run('warm-up', 8, health, 200);

  const label = `${database.label}, Node ${process.version}, ${SECONDS} s per scenario`;
  console.log(`\nbench:load — openslot serve driven by autocannon from another process; ${label}`);
  const all: Outcome[][] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const rows: Outcome[] = [await run('health', 8, health, 200)];
    if (wanted('free')) rows.push(await run('bookings free', 8, booking('bench/quick'), 201));
    if (wanted('paid')) rows.push(await run('bookings paid', 8, booking('bench/paid'), 201));
    if (wanted('calendar')) rows.push(await run('bookings calendar', 8, booking('synced/quick'), 201));
    if (wanted('slots')) rows.push(await run('health', 200, health, 200), await run('slots (a month)', 200, slots, 200));
    all.push(rows);
    const baseline = (connections: number) => rows.find((row) => row.scenario === 'health' && row.connections === connections)!;
    console.log(`\nround ${round} of ${ROUNDS} (load average ${(await import('node:os')).loadavg().map((n) => n.toFixed(2)).join(' ')})`);
    console.table(
      rows.map((row) => ({
        scenario: `${row.scenario} ×${row.connections}`,
        requests: row.requests,
        'per s': +row.perSecond.toFixed(1),
        'p50 ms': row.p50,
        'p95 ms': row.p95,
        'p99 ms': row.p99,
        '÷ health per s': +(row.perSecond / baseline(row.connections).perSecond).toFixed(3),
        '÷ health p99': +(row.p99 / baseline(row.connections).p99).toFixed(2),
        statuses: row.statuses,
      })),
    );
  }
  if (ROUNDS > 1) {
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const ratio = (scenario: string, connections: number, of: (o: Outcome) => number) =>
      median(all.map((rows) => of(rows.find((r) => r.scenario === scenario && r.connections === connections) ?? ({ perSecond: NaN, p99: NaN } as Outcome)) / of(rows.find((r) => r.scenario === 'health' && r.connections === connections) ?? ({ perSecond: NaN, p99: NaN } as Outcome))));
    console.log(`\nmedians of ${ROUNDS} rounds: bookings free ${ratio('bookings free', 8, (o) => o.perSecond).toFixed(3)}× health per s, paid ${ratio('bookings paid', 8, (o) => o.perSecond).toFixed(3)}×, calendar ${ratio('bookings calendar', 8, (o) => o.perSecond).toFixed(3)}×; slots ×200 p99 ${ratio('slots (a month)', 200, (o) => o.p99).toFixed(2)}× health p99`);
  }
  console.log(`checkout sessions made by the worker: ${stripe.sessions.size}`);

  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  await feed.close();
  await stripe.close();
  await database.drop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
