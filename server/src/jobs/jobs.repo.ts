import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { isUniqueViolation, parseJson } from '../db/knex.js';

export interface NewJob {
  /** What runs it: the handler registered for this kind (`mail.booking`, `calendar.sync` …). */
  kind: string;
  /** Plain JSON data for the handler. */
  payload: Record<string, unknown>;
  /** Not before this instant (ms); now when omitted. */
  runAt?: number;
  /** Makes the job unique: enqueueing a second job with the same key adds nothing. */
  key?: string;
}

export interface ClaimedJob {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  /** 1 on the first run, 2 on the first retry … */
  attempt: number;
  /** The lease token this run holds; finishing needs it. */
  claim: string;
}

export type JobOutcome = { status: 'done' } | { status: 'failed'; error: string } | { status: 'retry'; at: number; error: string };

export function createJobsRepo(db: Knex) {
  return {
    /** Unkeyed jobs go in one statement; a keyed one is skipped when its key was seen (the unique index settles a race). */
    async insert(trx: Knex, jobs: NewJob[], now: number): Promise<void> {
      const row = (job: NewJob) => ({ kind: job.kind, dedupe_key: job.key ?? null, payload: JSON.stringify(job.payload), run_at: job.runAt ?? now, created_at: now });
      const plain = jobs.filter((job) => !job.key);
      if (plain.length > 0) await trx('jobs').insert(plain.map(row));
      for (const job of jobs.filter((j) => j.key)) {
        if (await trx('jobs').where({ dedupe_key: job.key }).first('id')) continue;
        try {
          await trx('jobs').insert(row(job));
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
        }
      }
    },

    /**
     * Leases up to `limit` due jobs of the kinds in `leases` (lease length → kinds). The conditional
     * UPDATE is the claim: of several workers racing for a row only the one whose UPDATE matched
     * owns it. One look for candidates whatever the kinds, one UPDATE per lease length found.
     */
    async claimDue(leases: ReadonlyMap<number, readonly string[]>, now: number, limit: number): Promise<ClaimedJob[]> {
      const kinds = [...leases.values()].flat();
      if (kinds.length === 0 || limit <= 0) return [];
      const claim = randomUUID().replaceAll('-', '');
      const free = (q: Knex.QueryBuilder, only: readonly string[]) =>
        q.where('status', 'pending').whereIn('kind', only).where('run_at', '<=', now).where((w) => w.whereNull('lease_until').orWhere('lease_until', '<', now));
      const candidates: Array<{ id: number; kind: string }> = await free(db('jobs').select('id', 'kind'), kinds).orderBy('run_at').orderBy('id').limit(limit);
      if (candidates.length === 0) return [];
      for (const [leaseMs, leased] of leases) {
        const ids = candidates.filter((c) => leased.includes(c.kind)).map((c) => c.id);
        if (ids.length > 0) await free(db('jobs').whereIn('id', ids), leased).update({ lease_until: now + leaseMs, lease_owner: claim, attempts: db.raw('attempts + 1') });
      }
      const rows: Array<Record<string, any>> = await db('jobs').whereIn('id', candidates.map((c) => c.id)).where({ lease_owner: claim }).orderBy('run_at').orderBy('id');
      return rows.map((row) => ({ id: row.id, kind: row.kind, payload: parseJson(row.payload, {}), attempt: row.attempts, claim }));
    },

    /** Marks jobs that ran through as done, in one statement; jobs whose lease was lost are left alone. */
    async finishDone(jobs: readonly ClaimedJob[], now: number): Promise<void> {
      for (const claim of new Set(jobs.map((job) => job.claim))) {
        const ids = jobs.filter((job) => job.claim === claim).map((job) => job.id);
        await db('jobs').whereIn('id', ids).where({ lease_owner: claim }).update({ status: 'done', finished_at: now, lease_until: null, lease_owner: null, last_error: null });
      }
    },

    /** Records how a run ended; a no-op when the lease was lost (another worker took the job over). */
    async finish(job: ClaimedJob, outcome: JobOutcome, now: number): Promise<void> {
      const error = outcome.status === 'done' ? null : outcome.error.slice(0, 500);
      await db('jobs')
        .where({ id: job.id, lease_owner: job.claim })
        .update(
          outcome.status === 'retry'
            ? { run_at: outcome.at, lease_until: null, lease_owner: null, last_error: error }
            : { status: outcome.status, finished_at: now, lease_until: null, lease_owner: null, last_error: error },
        );
    },

    /** Gives a leased job back untouched (the worker is stopping): it runs again at once elsewhere, this try uncounted. */
    async release(job: ClaimedJob): Promise<void> {
      await db('jobs').where({ id: job.id, lease_owner: job.claim }).update({ lease_until: null, lease_owner: null, attempts: db.raw('attempts - 1') });
    },

    /** Claims a periodic task whose turn has come; false when it is not due or another process has it. */
    async claimTask(name: string, now: number, leaseMs: number, claim: string): Promise<boolean> {
      const existing = await db('worker_tasks').where({ name }).first('name');
      if (!existing) {
        try {
          await db('worker_tasks').insert({ name, next_run_at: now });
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
        }
      }
      const claimed = await db('worker_tasks')
        .where({ name })
        .where('next_run_at', '<=', now)
        .where((w) => w.whereNull('lease_until').orWhere('lease_until', '<', now))
        .update({ lease_until: now + leaseMs, lease_owner: claim });
      return claimed === 1;
    },

    async finishTask(name: string, claim: string, nextRunAt: number): Promise<void> {
      await db('worker_tasks').where({ name, lease_owner: claim }).update({ next_run_at: nextRunAt, lease_until: null, lease_owner: null });
    },
  };
}

export type JobsRepo = ReturnType<typeof createJobsRepo>;
