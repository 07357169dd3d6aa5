import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost } from '../test-support/bookings.js';
import { requestFrom, type FromResponse } from '../test-support/loopback/client-from.js';
import { freePort } from '../test-support/loopback/free-port.js';
import { buildBin, startBin, type RunningBin } from '../test-support/openslot-bin.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../test-support/test-app.js';
import { testDialect } from '../test-support/test-db.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
// RATE_LIMIT_SLOTS_PER_MINUTE is 6 × this: LIMIT in each 10 s window.
const LIMIT = 4;
const WINDOW_MS = 10_000;

let nextClient = 1;
/** A loopback address no earlier request came from: a client with a fresh allowance. */
const freshClient = () => `127.0.1.${nextClient++}`;

/**
 * Runs `scenario` with a fresh client address; if a window boundary passed while it ran, runs it
 * again with another, so the answers never depend on when the test started.
 */
async function inOneWindow<T>(scenario: (client: string) => Promise<T>): Promise<T> {
  for (;;) {
    const window = Math.floor(Date.now() / WINDOW_MS);
    const result = await scenario(freshClient());
    if (Math.floor(Date.now() / WINDOW_MS) === window) return result;
  }
}

// Two real `openslot serve` processes over one database, as behind a load balancer.
describe(`rate limits across processes (${testDialect()})`, () => {
  let dir: string;
  let app: TestApp;
  let event: string;
  const running: RunningBin[] = [];
  const redis = new Redis(REDIS_URL);
  const prefixes: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'openslot-limits-'));
    app = await startTestApp({ sqliteFile: join(dir, 'openslot.db') });
    event = (await createHost(app, 'omar')).event;
    await buildBin();
  }, 60_000);
  afterAll(async () => {
    for (const bin of running) bin.child.kill('SIGKILL');
    for (const prefix of prefixes) for (const key of await redis.keys(`${prefix}*`)) await redis.del(key);
    redis.disconnect();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function serve(env: Record<string, string> = {}): Promise<{ url: string; bin: RunningBin; log: () => string }> {
    const bin = startBin('serve', { DATABASE_URL: app.testDb.url, OPENSLOT_ADMIN_KEY: ADMIN_KEY, PORT: '0', RATE_LIMIT_SLOTS_PER_MINUTE: String(6 * LIMIT), ...env }, 'listening');
    running.push(bin);
    let log = '';
    bin.child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    return { url: (await bin.ready).url as string, bin, log: () => log };
  }
  const slots = (client: string, url: string): Promise<FromResponse> => requestFrom(client, `${url}/v1/slots?event=${event}&start=2027-01-04&end=2027-01-04&timeZone=UTC`);

  it('sharing Redis, two processes hold one limit between them; a limited client gets 429 with Retry-After, others are unaffected', async () => {
    const prefix = `openslot-test:${randomUUID()}:`;
    prefixes.push(prefix);
    const [a, b] = [await serve({ REDIS_URL, REDIS_KEY_PREFIX: prefix }), await serve({ REDIS_URL, REDIS_KEY_PREFIX: prefix })];

    const { statuses, refused, other } = await inOneWindow(async (client) => {
      const answers: FromResponse[] = [];
      // Alternating, as a load balancer would spread them.
      for (let i = 0; i < LIMIT + 2; i++) answers.push(await slots(client, (i % 2 ? b : a).url));
      const bystander = freshClient();
      return { statuses: answers.map((answer) => answer.status), refused: answers.at(-1)!, other: [await slots(bystander, a.url), await slots(bystander, b.url)] };
    });
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    expect(refused.body.error.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(10);
    expect(other.map((answer) => answer.status)).toEqual([200, 200]);
    expect(other[1]!.headers['ratelimit-remaining']).toBe(String(LIMIT - 2));
    // The counters are in Redis, under the prefix, and name no address.
    const keys = await redis.keys(`${prefix}*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join(' ')).not.toContain('127.0.1');
    for (const bin of [a.bin, b.bin]) bin.child.kill('SIGTERM');
    expect(await Promise.all([a.bin.exited, b.bin.exited])).toEqual([0, 0]);
  }, 60_000);

  it('without Redis each process holds its own count', async () => {
    const [a, b] = [await serve(), await serve()];
    const statuses = await inOneWindow(async (client) => {
      const onA = [];
      const onB = [];
      for (let i = 0; i < LIMIT + 1; i++) onA.push((await slots(client, a.url)).status);
      for (let i = 0; i < LIMIT + 1; i++) onB.push((await slots(client, b.url)).status);
      return { onA, onB };
    });
    expect(statuses).toEqual({ onA: [200, 200, 200, 200, 429], onB: [200, 200, 200, 200, 429] });
    for (const bin of [a.bin, b.bin]) bin.child.kill('SIGTERM');
  }, 60_000);

  it('Redis unreachable: the process still answers and limits on its own, with a warning that names no address or password', async () => {
    const { url, bin, log } = await serve({ REDIS_URL: `redis://:hunter2-secret@127.0.0.1:${await freePort()}` });
    const statuses = await inOneWindow(async (client) => {
      const answers = [];
      for (let i = 0; i < LIMIT + 1; i++) answers.push((await slots(client, url)).status);
      return answers;
    });
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    bin.child.kill('SIGTERM');
    await bin.exited;
    expect(log()).toContain('Redis unreachable');
    expect(log()).not.toContain('hunter2');
  }, 60_000);
});
