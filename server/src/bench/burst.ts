// `npm run bench:burst`: one client fires 300 bookings at a real `openslot serve` process while a
// well-behaved client (another address) keeps reading a month of slots; measured against that
// client's idle slot p95 in the same run. Twice: with the default rate limits, and with
// RATE_LIMITS=off for comparison. With limits at most 5 of the 300 go through in each 10 s (30 a
// minute) and the slot p95 during the burst should stay within 2× of idle. Server, attacker and
// measuring client are three processes; SQLite in a temp file.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../config.js';
import { startServer } from '../server.js';
import { requestFrom } from '../test-support/loopback/client-from.js';

const ADMIN_KEY = 'bench-admin-key-0123456789';
const BURST = 300;
const ATTACK_CONCURRENCY = 20;
const IDLE_QUERIES = 60;
const PACE_MS = 150;
// Different loopback addresses: the server counts them as two clients.
const GOOD = '127.0.0.2';
const ATTACKER = '127.0.0.3';

const p95 = (times: number[]) => [...times].sort((a, b) => a - b)[Math.ceil(times.length * 0.95) - 1]!;
const ms = (value: number) => `${value.toFixed(1).padStart(7)} ms`;

interface Figures {
  idleP95: number;
  burstP95: number;
  burstQueries: number;
  created: number;
  limited: number;
  other: number;
  burstSeconds: number;
  /** 10 s windows the burst touched: each gives a fresh allowance of 5 (30 a minute). */
  windows: number;
  holding: number;
}

async function measure(rateLimits: 'on' | 'off'): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'openslot-burst-'));
  const server = fork(new URL(import.meta.url), ['--serve', `sqlite:${join(dir, 'burst.db')}`, rateLimits], { stdio: 'inherit' });
  const exited = new Promise((resolve) => server.once('exit', resolve));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      server.once('message', (message) => resolve((message as { url: string }).url));
      server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    const admin = async (path: string, body: unknown) => {
      const answer = await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` }, body: JSON.stringify(body) });
      if (!answer.ok) throw new Error(`${path}: ${answer.status} ${await answer.text()}`);
      return answer.json();
    };
    await admin('/v1/users', { username: 'host', name: 'Host', email: 'host@example.com', timeZone: 'UTC' });
    await admin('/v1/event-types', { owner: 'host', slug: 'meet', title: 'Meet', durationMinutes: 30, bookingWindow: { type: 'unlimited' } });

    // The slots the attacker aims at: the first 300 free ones from next week on.
    const from = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const until = new Date(Date.now() + 70 * 86_400_000).toISOString().slice(0, 10);
    const open = (await (await fetch(`${url}/v1/slots?event=host/meet&start=${from}&end=${until}&timeZone=UTC`)).json()) as { slots: Record<string, Array<{ start: string }>> };
    const targets = Object.values(open.slots).flat().map((slot) => slot.start).slice(0, BURST);
    if (targets.length < BURST) throw new Error(`only ${targets.length} free slots`);

    // The well-behaved client's query: next month, as the widget asks for it.
    const month = new Date(Date.now() + 32 * 86_400_000);
    const monthStart = `${month.toISOString().slice(0, 7)}-01`;
    const monthEnd = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
    // Well-behaved: at most one query every PACE_MS (a person paging through months), well inside
    // its address's 600 a minute (100 in each 10 s).
    let lastStart = 0;
    const slotsQuery = async () => {
      const wait = lastStart + PACE_MS - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const started = (lastStart = performance.now());
      const answer = await requestFrom(GOOD, `${url}/v1/slots?event=host/meet&start=${monthStart}&end=${monthEnd}&timeZone=Europe/Berlin`);
      if (answer.status !== 200) throw new Error(`the well-behaved client got ${answer.status}`);
      return performance.now() - started;
    };

    for (let i = 0; i < 10; i++) await slotsQuery(); // warm-up
    const idle: number[] = [];
    for (let i = 0; i < IDLE_QUERIES; i++) idle.push(await slotsQuery());

    // The attacker is its own process, as it would be its own machine: its client work does not
    // delay the well-behaved client's measurements. Measuring starts once it has started.
    const child = fork(new URL(import.meta.url), ['--attack'], { stdio: 'inherit' });
    await new Promise((resolve) => child.once('message', resolve));
    let attacking = true;
    const burstStarted = performance.now();
    const firstWindow = Math.floor(Date.now() / 10_000);
    const attack = new Promise<number[]>((resolve) => {
      child.once('message', (message) => {
        attacking = false;
        child.kill();
        resolve((message as { statuses: number[] }).statuses);
      });
      child.send({ url, targets });
    });
    const during: number[] = [];
    while (attacking) during.push(await slotsQuery());
    const statuses = await attack;
    const burstSeconds = (performance.now() - burstStarted) / 1000;
    const windows = Math.floor(Date.now() / 10_000) - firstWindow + 1;

    let holding = 0;
    for (let cursor: string | null = ''; cursor !== null; ) {
      const page = (await (await fetch(`${url}/v1/bookings?event=host/meet&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } })).json()) as { bookings: unknown[]; nextCursor: string | null };
      holding += page.bookings.length;
      cursor = page.nextCursor;
    }
    return {
      idleP95: p95(idle),
      burstP95: p95(during),
      burstQueries: during.length,
      created: statuses.filter((status) => status === 201).length,
      limited: statuses.filter((status) => status === 429).length,
      other: statuses.filter((status) => status !== 201 && status !== 429).length,
      burstSeconds,
      windows,
      holding,
    };
  } finally {
    server.send('stop');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const results: Record<string, Figures> = {};
  for (const mode of ['on', 'off'] as const) results[mode] = await measure(mode);
  console.log(`bench:burst: ${BURST} bookings from one address (${ATTACK_CONCURRENCY} at a time) while another address reads a month of slots`);
  for (const [mode, f] of Object.entries(results)) {
    console.log(`\nRATE_LIMITS=${mode}`);
    console.log(`  burst: ${f.created} booked (201), ${f.limited} limited (429), ${f.other} other, in ${f.burstSeconds.toFixed(1)} s (${f.windows} 10-second window${f.windows > 1 ? 's' : ''}); the host holds ${f.holding} bookings`);
    console.log(`  slots p95 idle   ${ms(f.idleP95)}  (${IDLE_QUERIES} queries)`);
    console.log(`  slots p95 burst  ${ms(f.burstP95)}  (${f.burstQueries} queries)   ratio ${(f.burstP95 / f.idleP95).toFixed(2)}× (target ≤ 2×)`);
  }
  const on = results.on!;
  const allowance = 5 * on.windows;
  const ok = on.created <= allowance && on.limited >= BURST - allowance && on.burstP95 / on.idleP95 <= 2;
  console.log(`\n${ok ? 'OK' : 'OVER TARGET'}: with limits ${on.created}/${BURST} booked, slot p95 ratio ${(on.burstP95 / on.idleP95).toFixed(2)}×`);
}

/** The child: `openslot serve` as the bin runs it (startServer), on a free loopback port it reports to the parent. */
async function serve(databaseUrl: string, rateLimits: string): Promise<void> {
  const running = await startServer(loadConfig({ DATABASE_URL: databaseUrl, OPENSLOT_ADMIN_KEY: ADMIN_KEY, PORT: '0', RATE_LIMITS: rateLimits, LOG_LEVEL: 'warn' }));
  process.send!({ url: running.url });
  process.once('message', async () => {
    await running.close();
    process.exit(0);
  });
}

/** The attacker's process: the bookings, ATTACK_CONCURRENCY at a time, from its own address. */
function attack(): void {
  process.send!({ ready: true });
  process.once('message', async (message) => {
    const { url, targets } = message as { url: string; targets: string[] };
    const statuses: number[] = [];
    let next = 0;
    const worker = async () => {
      while (next < BURST) {
        const k = next++;
        const answer = await requestFrom(ATTACKER, `${url}/v1/bookings`, {
          method: 'POST',
          body: { event: 'host/meet', start: targets[k], timeZone: 'UTC', attendee: { name: 'Flood', email: `flood${k}@example.net` } },
        });
        statuses.push(answer.status);
      }
    };
    await Promise.all(Array.from({ length: ATTACK_CONCURRENCY }, worker));
    process.send!({ statuses });
  });
}

if (process.argv[2] === '--serve') await serve(process.argv[3]!, process.argv[4]!);
else if (process.argv[2] === '--attack') attack();
else await main();
