import type { Knex } from 'knex';
import type { Worker } from '../jobs/index.js';
import { IDEMPOTENCY_TTL_MS } from '../bookings/idempotency.js';
import { createRetentionRepo, type RetentionRepo } from './retention.repo.js';

const DAY_MS = 86_400_000;
// Bounded work per run: a backlog is worked off over a few runs instead of one long delete.
const BATCH = 500;
const MAX_BATCHES_PER_RUN = 20;

/** One pass: deletes what has outlived its use, at most BATCH × MAX_BATCHES_PER_RUN rows of each kind. */
export async function pruneOnce(repo: RetentionRepo, now: number, retentionDays: number): Promise<Record<string, number>> {
  const keepFrom = now - retentionDays * DAY_MS;
  const prunes: Record<string, () => Promise<number>> = {
    outboxEvents: () => repo.pruneOutbox(keepFrom, BATCH),
    jobs: () => repo.pruneJobs(keepFrom, BATCH),
    idempotencyKeys: () => repo.pruneIdempotencyKeys(now - IDEMPOTENCY_TTL_MS, BATCH),
  };
  const deleted: Record<string, number> = {};
  for (const [name, prune] of Object.entries(prunes)) {
    deleted[name] = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
      const n = await prune();
      deleted[name] += n;
      if (n < BATCH) break;
    }
  }
  return deleted;
}

/**
 * Hourly, in whichever worker's turn it is: webhook events with their deliveries and attempts,
 * and finished jobs, after `RETENTION_DAYS`; idempotency keys after 24 hours.
 */
export function registerRetention(worker: Worker, deps: { db: Knex; retentionDays: number }): void {
  const repo = createRetentionRepo(deps.db);
  worker.every('retention', 3_600_000, async (now) => void (await pruneOnce(repo, now, deps.retentionDays)));
}
