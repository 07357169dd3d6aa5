import type { Knex } from 'knex';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { JobQueue, Worker } from '../jobs/index.js';
import type { Logger } from '../logger.js';
import type { Outbox } from '../outbox/outbox.js';
import { createDispatcher } from './dispatcher.js';
import { loadSecretBox } from './secrets.js';
import { createSvixRelay } from './svix-relay.js';
import { createSvixSync } from './svix-sync.js';
import { createWebhooksRepo } from './webhooks.repo.js';
import { createWebhooksService, type TeamManagers } from './webhooks.service.js';

export { createWebhooksRouter } from './webhooks.router.js';
export type { Dispatcher } from './dispatcher.js';

/** Webhooks wired: the API service and the dispatcher (started by `openslot serve` / `openslot worker`, not here). */
export async function createWebhooks(deps: { db: Knex; config: Config; clock: Clock; logger: Logger; outbox: Outbox; jobs: JobQueue; worker: Worker; teams?: TeamManagers; pollMs?: number }) {
  const { db, config, clock, logger, outbox } = deps;
  const repo = createWebhooksRepo(db);
  const secrets = await loadSecretBox(db);
  const svix = config.svix ? createSvixRelay(config.svix) : null;
  const allowPrivateUrls = config.webhookAllowPrivateUrls;
  const dispatcher = createDispatcher({ db, outbox, webhooks: repo, secrets, svix, clock, logger, allowPrivateUrls, ...(deps.pollMs && { pollMs: deps.pollMs }) });
  const svixSync = svix && createSvixSync({ svix, webhooks: repo, secrets, jobs: deps.jobs, worker: deps.worker, clock, logger });
  const service = createWebhooksService({ db, webhooks: repo, secrets, svix: svixSync, dispatcher, outbox, clock, allowPrivateUrls, teams: deps.teams ?? null });
  return { service, dispatcher };
}
