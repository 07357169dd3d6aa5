import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, createServices, type Services } from './app.js';
import type { Config } from './config.js';
import { createDb } from './db/knex.js';
import { migrateLatest } from './db/migrate.js';
import type { Logger } from './logger.js';
import { createLogger } from './logger.js';
import type { Clock } from './clock.js';

export interface RunningServer {
  url: string;
  services: Services;
  close(): Promise<void>;
}

/** `openslot serve`: migrate, then listen. */
export async function startServer(config: Config, options: { clock?: Clock; logger?: Logger } = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const db = createDb(config.databaseUrl);
  const applied = await migrateLatest(db);
  if (applied.length > 0) logger.info('migrated', { applied });
  const services = await createServices({ config, db, logger, ...(options.clock && { clock: options.clock }) });
  const app = createApp(services);
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(config.port, () => resolve(listening));
  });
  // Webhooks and jobs (mail …) run in every API process; `openslot worker` adds workers without an API.
  services.webhookDispatcher.start();
  services.worker.start();
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}`;
  logger.info('listening', { url, publicUrl: config.publicUrl, database: config.databaseUrl.split(':')[0] });
  return {
    url,
    services,
    async close() {
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      await services.webhookDispatcher.stop();
      // Jobs in flight finish (or go back when their lease ends) before the pool closes.
      await services.worker.stop();
      await services.mailer.close();
      await db.destroy();
    },
  };
}
