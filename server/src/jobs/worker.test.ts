import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.js';
import { createDb } from '../db/knex.js';
import { createLogger, silentLogger } from '../logger.js';
import { createTestDb, testDialect, type TestDb } from '../test-support/test-db.js';
import { createJobs, PermanentJobError, RetryLaterError } from './index.js';

// The queue and worker on a real database: what a handler sees, when it runs again, and that two
// processes (two connection pools, two workers) run each job and each periodic turn once.
describe(`durable jobs (${testDialect()})`, () => {
  let testDb: TestDb;
  let dir: string;
  const clock = fixedClock('2026-12-01T08:00:00Z');
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'openslot-jobs-'));
    testDb = await createTestDb({ sqliteFile: join(dir, 'jobs.db') });
  });
  afterAll(async () => {
    await testDb.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await testDb.db('jobs').delete();
    await testDb.db('worker_tasks').delete();
  });

  const until = async (condition: () => Promise<boolean>) => {
    while (!(await condition())) await new Promise((resolve) => setImmediate(resolve));
  };
  const jobsOn = (db = testDb.db, logger = silentLogger) => createJobs({ db, clock, logger });

  it('a job exists exactly when its transaction commits, and runs once with its payload', async () => {
    const { queue, worker } = jobsOn();
    const seen: unknown[] = [];
    worker.handle('note', async (job) => void seen.push({ payload: job.payload, attempt: job.attempt }));
    await testDb.db.transaction(async (trx) => queue.enqueue(trx, { kind: 'note', payload: { text: 'kept' } }, clock.now())).catch(() => undefined);
    await testDb.db
      .transaction(async (trx) => {
        await queue.enqueue(trx, { kind: 'note', payload: { text: 'rolled back' } }, clock.now());
        throw new Error('the change failed');
      })
      .catch(() => undefined);
    expect(await worker.runOnce()).toEqual({ tasks: 0, jobs: 1 });
    expect(seen).toEqual([{ payload: { text: 'kept' }, attempt: 1 }]);
    expect(await worker.runOnce()).toEqual({ tasks: 0, jobs: 0 });
  });

  it('waits for runAt, and a key makes a second enqueue a no-op', async () => {
    const { queue, worker } = jobsOn();
    let runs = 0;
    worker.handle('reminder', async () => void runs++);
    for (let k = 0; k < 2; k++) {
      await testDb.db.transaction((trx) => queue.enqueue(trx, { kind: 'reminder', payload: {}, key: 'reminder:b1', runAt: clock.now() + 10 * 60_000 }, clock.now()));
    }
    await worker.runOnce();
    expect(runs).toBe(0);
    clock.advance(10 * 60_000);
    await worker.runOnce();
    expect(runs).toBe(1);
    expect(await testDb.db('jobs').count({ n: '*' }).first()).toMatchObject({ n: 1 });
  });

  it('retries a failing job after each delay, then gives up; a permanent error gives up at once', async () => {
    const lines: string[] = [];
    const { queue, worker } = jobsOn(testDb.db, createLogger('debug', (line) => lines.push(line)));
    const attempts: number[] = [];
    worker.handle(
      'flaky',
      async (job) => {
        attempts.push(job.attempt);
        throw new Error('550 no such mailbox <dana@example.net>');
      },
      { retryDelaysMs: [5_000, 60_000] },
    );
    worker.handle('doomed', async () => {
      throw new PermanentJobError('credential revoked');
    });
    await testDb.db.transaction(async (trx) => {
      await queue.enqueue(trx, { kind: 'flaky', payload: {} }, clock.now());
      await queue.enqueue(trx, { kind: 'doomed', payload: {} }, clock.now());
    });
    await worker.runOnce();
    clock.advance(4_000);
    await worker.runOnce();
    expect(attempts).toEqual([1]);
    clock.advance(1_000);
    await worker.runOnce();
    clock.advance(60_000);
    await worker.runOnce();
    clock.advance(3_600_000);
    await worker.runOnce();
    expect(attempts).toEqual([1, 2, 3]);
    const rows = await testDb.db('jobs').orderBy('id').select('kind', 'status', 'attempts', 'last_error');
    expect(rows).toEqual([
      { kind: 'flaky', status: 'failed', attempts: 3, last_error: 'Error: 550 no such mailbox <<address>>' },
      { kind: 'doomed', status: 'failed', attempts: 1, last_error: 'PermanentJobError: credential revoked' },
    ]);
    expect(lines.join('\n')).not.toContain('dana@example.net');
  });

  it('a handler may name the time of its next try', async () => {
    const { queue, worker } = jobsOn();
    const runs: number[] = [];
    worker.handle('polite', async (job) => {
      runs.push(clock.now());
      if (job.attempt === 1) throw new RetryLaterError(clock.now() + 30_000, 'provider said Retry-After: 30');
    });
    await testDb.db.transaction((trx) => queue.enqueue(trx, { kind: 'polite', payload: {} }, clock.now()));
    const start = clock.now();
    await worker.runOnce();
    clock.advance(29_000);
    await worker.runOnce();
    clock.advance(1_000);
    await worker.runOnce();
    expect(runs).toEqual([start, start + 30_000]);
  });

  it('two processes run each job once; a job whose worker died runs again when its lease ends', async () => {
    const otherDb = createDb(testDb.url);
    try {
      const a = jobsOn();
      const b = jobsOn(otherDb);
      const ranBy: string[] = [];
      a.worker.handle('once', async (job) => void ranBy.push(`a${job.payload.n}`));
      b.worker.handle('once', async (job) => void ranBy.push(`b${job.payload.n}`));
      await testDb.db.transaction(async (trx) => {
        for (let n = 0; n < 20; n++) await a.queue.enqueue(trx, { kind: 'once', payload: { n } }, clock.now());
      });
      await Promise.all([a.worker.runOnce(), b.worker.runOnce()]);
      expect(ranBy.map((name) => Number(name.slice(1))).sort((x, y) => x - y)).toEqual([...Array(20).keys()]);

      // A worker that claims a job and dies: nobody else takes it until its lease has run out.
      let release: (() => void) | undefined;
      const hung = jobsOn();
      hung.worker.handle('slow', () => new Promise<void>((resolve) => (release = resolve)), { leaseMs: 60_000 });
      await testDb.db.transaction((trx) => hung.queue.enqueue(trx, { kind: 'slow', payload: {} }, clock.now()));
      const dying = hung.worker.runOnce();
      await until(async () => release !== undefined);
      const rescuer = jobsOn(otherDb);
      const rescued: number[] = [];
      rescuer.worker.handle('slow', async (job) => void rescued.push(job.attempt));
      await rescuer.worker.runOnce();
      expect(rescued).toEqual([]);
      clock.advance(61_000);
      await rescuer.worker.runOnce();
      expect(rescued).toEqual([2]);
      release!();
      await dying;
      // The late finish of the dead worker's run changes nothing: the rescuer's lease won.
      expect(await testDb.db('jobs').where({ kind: 'slow' }).first('status', 'attempts')).toEqual({ status: 'done', attempts: 2 });
    } finally {
      await otherDb.destroy();
    }
  });

  it('a periodic task runs once per interval across processes, and after a failure still keeps its schedule', async () => {
    const otherDb = createDb(testDb.url);
    try {
      const a = jobsOn();
      const b = jobsOn(otherDb);
      const runs: string[] = [];
      let fail = true;
      a.worker.every('sweep', 60_000, async () => {
        runs.push('a');
        if (fail) throw new Error('stripe unreachable');
      });
      b.worker.every('sweep', 60_000, async () => void runs.push('b'));
      await Promise.all([a.worker.runOnce(), b.worker.runOnce()]);
      expect(runs).toHaveLength(1);
      fail = false;
      clock.advance(30_000);
      await Promise.all([a.worker.runOnce(), b.worker.runOnce()]);
      expect(runs).toHaveLength(1);
      clock.advance(30_000);
      await Promise.all([a.worker.runOnce(), b.worker.runOnce()]);
      expect(runs).toHaveLength(2);
    } finally {
      await otherDb.destroy();
    }
  });

  it('started, it runs a job right after the commit that enqueued it, without waiting for the poll', async () => {
    const { queue, worker } = createJobs({ db: testDb.db, clock, logger: silentLogger, pollMs: 60_000 });
    let done!: () => void;
    const ran = new Promise<void>((resolve) => (done = resolve));
    worker.handle('prompt', async () => done());
    worker.start();
    try {
      await testDb.db.transaction((trx) => queue.enqueue(trx, { kind: 'prompt', payload: {} }, clock.now()));
      await ran;
    } finally {
      await worker.stop();
    }
    expect(await testDb.db('jobs').first('status')).toEqual({ status: 'done' });
  });
});
