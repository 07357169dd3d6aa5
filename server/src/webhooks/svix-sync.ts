import type { Knex } from 'knex';
import type { Clock } from '../clock.js';
import { UnavailableError, ValidationError } from '../errors.js';
import { PermanentJobError, type JobQueue, type Worker } from '../jobs/index.js';
import { describeError, type Logger } from '../logger.js';
import type { SecretBox } from './secrets.js';
import type { SvixRelay } from './svix-relay.js';
import type { WebhooksRepo } from './webhooks.repo.js';

export const SVIX_ENDPOINT_JOB = 'webhooks.svix-endpoint';
/** The job re-checks a while after the change: by then the call made right after commit has usually done it. */
const CONFIRM_AFTER_MS = 60_000;

export type SyncOutcome = 'synced' | 'later' | { refused: string };

/**
 * Keeps Svix's endpoints like the committed subscriptions. A change commits its row and a job in
 * one transaction, and calls Svix only after the commit (right away, then from the job until Svix
 * has it), so no transaction waits on Svix, and "Svix took it, the commit failed" cannot happen:
 * Svix hears only of committed state, by uid, and a repeat converges.
 */
export function createSvixSync(deps: { svix: SvixRelay; webhooks: WebhooksRepo; secrets: SecretBox; jobs: JobQueue; worker: Worker; clock: Clock; logger: Logger }) {
  const { svix, webhooks, secrets, jobs, worker, clock, logger } = deps;

  async function sync(subscriptionId: string, owner: string): Promise<void> {
    const row = await webhooks.findSubscription(subscriptionId);
    if (!row) return svix.deleteEndpoint(owner, subscriptionId);
    await svix.syncEndpoint(row, secrets.open(row.sealedSecret));
  }

  /** Svix refused the endpoint as it now is: the subscription is switched off, saying why. */
  async function refused(subscriptionId: string, error: ValidationError): Promise<void> {
    await webhooks.disableSubscription(subscriptionId, error.message.slice(0, 200), clock.now());
  }

  worker.handle(SVIX_ENDPOINT_JOB, async (job) => {
    const { subscription, owner } = job.payload as { subscription: string; owner: string };
    try {
      await sync(subscription, owner);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      await refused(subscription, error);
      throw new PermanentJobError(error.message);
    }
  });

  return {
    /** In the change's transaction: Svix is brought up to date after it commits. */
    async enqueue(trx: Knex, subscription: { id: string; owner: string }, now: number): Promise<void> {
      await jobs.enqueue(trx, { kind: SVIX_ENDPOINT_JOB, payload: { subscription: subscription.id, owner: subscription.owner }, runAt: now + CONFIRM_AFTER_MS }, now);
    },

    /** After the commit: Svix now, or (Svix unreachable) `later`, from the job. */
    async afterCommit(subscription: { id: string; owner: string }): Promise<SyncOutcome> {
      try {
        await sync(subscription.id, subscription.owner);
        return 'synced';
      } catch (error) {
        if (error instanceof UnavailableError) {
          logger.warn('svix endpoint change left to the worker', { subscriptionId: subscription.id, error: describeError(error) });
          return 'later';
        }
        if (!(error instanceof ValidationError)) throw error;
        await refused(subscription.id, error);
        return { refused: error.message };
      }
    },
  };
}

export type SvixSync = ReturnType<typeof createSvixSync>;
