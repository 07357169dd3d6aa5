import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Clock } from '../clock.js';
import { describeError, type Logger } from '../logger.js';
import { createJobsRepo, type ClaimedJob, type JobOutcome, type NewJob } from './jobs.repo.js';

export type { NewJob } from './jobs.repo.js';

/** A failure no retry can fix (a mailbox that does not exist, a revoked credential): the job fails now. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

/** The handler knows when to try again (a provider's Retry-After, a hold that ends later). */
export class RetryLaterError extends Error {
  override name = 'RetryLaterError';
  constructor(
    readonly at: number,
    message = 'retry later',
  ) {
    super(message);
  }
}

export interface JobQueue {
  /** Records jobs inside the caller's transaction: they exist exactly when the change commits. */
  enqueue(trx: Knex, job: NewJob | NewJob[], now: number): Promise<void>;
}

export type JobHandler = (job: Pick<ClaimedJob, 'id' | 'kind' | 'payload' | 'attempt'>) => Promise<void>;

export interface HandlerOptions {
  /** Waits before the 2nd, 3rd … run; its length + 1 is the number of runs. */
  retryDelaysMs?: readonly number[];
  /** How long one run may hold the job before another worker may take it over. */
  leaseMs?: number;
}

export interface Worker {
  handle(kind: string, handler: JobHandler, options?: HandlerOptions): void;
  /** Periodic work (a sweeper, a reconciler, pruning), run by one process at a time, every `intervalMs`. */
  every(name: string, intervalMs: number, task: (now: number) => Promise<void>): void;
  /** Runs every due periodic task, then every due job (including ones those enqueue), and waits for them. */
  runOnce(): Promise<{ jobs: number; tasks: number }>;
  /** Polls every `pollMs` and right after each commit that enqueued a job in this process, until `stop`. */
  start(): void;
  /** Stops polling and waits (up to `graceMs`, 10 s) for the pass in flight; unfinished jobs go back when their lease ends. */
  stop(options?: { graceMs?: number }): Promise<void>;
  nudge(): void;
}

export const DEFAULT_RETRY_DELAYS_MS = [5_000, 60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000] as const;
const DEFAULT_LEASE_MS = 5 * 60_000;
const TASK_LEASE_MS = 10 * 60_000;
// A pass that keeps finding new due work stops here and lets the next poll go on.
const MAX_ROUNDS_PER_PASS = 50;

export interface JobsDeps {
  db: Knex;
  clock: Clock;
  logger: Logger;
  pollMs?: number;
  /** Jobs one process runs at the same time. */
  concurrency?: number;
}

/** The durable job queue and the worker that drains it: one pair per process, over the shared database. */
export function createJobs(deps: JobsDeps): { queue: JobQueue; worker: Worker } {
  const { clock, logger } = deps;
  const repo = createJobsRepo(deps.db);
  const pollMs = deps.pollMs ?? 1_000;
  const concurrency = deps.concurrency ?? 8;
  const handlers = new Map<string, { run: JobHandler; retryDelaysMs: readonly number[]; leaseMs: number }>();
  const tasks = new Map<string, { intervalMs: number; run: (now: number) => Promise<void> }>();
  const owner = randomUUID().replaceAll('-', '');

  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let pass: Promise<unknown> = Promise.resolve();
  let again = false;

  async function runJob(job: ClaimedJob): Promise<void> {
    const handler = handlers.get(job.kind)!;
    let outcome: JobOutcome;
    try {
      await handler.run(job);
      outcome = { status: 'done' };
    } catch (error) {
      const message = describeError(error);
      const delay = handler.retryDelaysMs[job.attempt - 1];
      if (error instanceof RetryLaterError) outcome = { status: 'retry', at: error.at, error: message };
      else if (error instanceof PermanentJobError || delay === undefined) outcome = { status: 'failed', error: message };
      else outcome = { status: 'retry', at: clock.now() + delay, error: message };
      const fields = { job: job.id, kind: job.kind, attempt: job.attempt, error: message };
      if (outcome.status === 'failed') logger.error('job failed for good', fields);
      else logger.warn('job failed, will retry', { ...fields, retryAt: new Date(outcome.at).toISOString() });
    }
    await repo.finish(job, outcome, clock.now());
  }

  async function runTasks(): Promise<number> {
    let ran = 0;
    for (const [name, task] of tasks) {
      const now = clock.now();
      if (!(await repo.claimTask(name, now, TASK_LEASE_MS, owner))) continue;
      try {
        await task.run(now);
      } catch (error) {
        logger.error('periodic task failed', { task: name, error: describeError(error) });
      } finally {
        await repo.finishTask(name, owner, now + task.intervalMs);
      }
      ran++;
    }
    return ran;
  }

  async function runJobs(): Promise<number> {
    let ran = 0;
    for (let round = 0; round < MAX_ROUNDS_PER_PASS; round++) {
      const byLease = new Map<number, string[]>();
      for (const [kind, handler] of handlers) byLease.set(handler.leaseMs, [...(byLease.get(handler.leaseMs) ?? []), kind]);
      const claimed: ClaimedJob[] = [];
      for (const [leaseMs, kinds] of byLease) claimed.push(...(await repo.claimDue(kinds, clock.now(), leaseMs, concurrency - claimed.length)));
      if (claimed.length === 0) break;
      await Promise.all(claimed.map(runJob));
      ran += claimed.length;
    }
    return ran;
  }

  async function runOnce(): Promise<{ jobs: number; tasks: number }> {
    const ranTasks = await runTasks();
    return { tasks: ranTasks, jobs: await runJobs() };
  }

  /** One pass at a time per process; a nudge during a pass asks for another right after it. */
  function schedulePass(): void {
    if (!running) return;
    if (timer) clearTimeout(timer);
    timer = null;
    pass = pass.then(async () => {
      do {
        again = false;
        try {
          await runOnce();
        } catch (error) {
          logger.error('worker pass failed', { error: describeError(error) });
        }
      } while (again && running);
      if (running) timer = setTimeout(schedulePass, pollMs);
    });
  }

  let passQueued = false;
  const worker: Worker = {
    handle(kind, run, options = {}) {
      handlers.set(kind, { run, retryDelaysMs: options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS, leaseMs: options.leaseMs ?? DEFAULT_LEASE_MS });
    },
    every(name, intervalMs, run) {
      tasks.set(name, { intervalMs, run });
    },
    runOnce,
    start() {
      if (running) return;
      running = true;
      schedulePass();
    },
    async stop({ graceMs = 10_000 } = {}) {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await Promise.race([pass, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
    },
    nudge() {
      if (!running) return;
      again = true;
      // Coalesce the nudges of one tick (a request that enqueued several jobs) into one pass.
      if (passQueued) return;
      passQueued = true;
      setImmediate(() => {
        passQueued = false;
        if (timer) schedulePass();
      });
    },
  };

  const queue: JobQueue = {
    async enqueue(trx, job, now) {
      const jobs = Array.isArray(job) ? job : [job];
      if (jobs.length === 0) return;
      await repo.insert(trx, jobs, now);
      // Wake this process's worker once the change is visible; other processes find it by polling.
      const committed = (trx as unknown as Partial<Knex.Transaction>).executionPromise;
      if (committed) committed.then(() => worker.nudge(), () => undefined);
      else worker.nudge();
    },
  };

  return { queue, worker };
}
