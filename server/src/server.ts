import { createServer, type Server } from 'node:http';
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

/** Listens on `host`:`port`; a busy port rejects (EADDRINUSE) instead of crashing the process. */
function listen(app: ReturnType<typeof createApp>, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(app);
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

/** `openslot serve`: migrate, then listen. */
export async function startServer(config: Config, options: { clock?: Clock; logger?: Logger } = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const db = createDb(config.databaseUrl, { logger });
  let server: Server;
  let services: Services;
  try {
    const applied = await migrateLatest(db);
    if (applied.length > 0) logger.info('migrated', { applied });
    services = await createServices({ config, db, logger, ...(options.clock && { clock: options.clock }) });
    server = await listen(createApp(services), config.port, config.host);
  } catch (error) {
    // A busy port or an unreachable database: let go of the pool, so the caller can say why and exit.
    await db.destroy();
    throw error;
  }
  // Webhooks and jobs (mail …) run in every API process; `openslot worker` adds workers without an API.
  services.webhookDispatcher.start();
  services.worker.start();
  const { port } = server.address() as AddressInfo;
  // Bound to every interface, localhost reaches it; bound to one address, that address does.
  const everywhere = config.host === '0.0.0.0' || config.host === '::';
  const url = `http://${everywhere ? 'localhost' : config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info('listening', { url, host: config.host, publicUrl: config.publicUrl, database: config.databaseUrl.split(':')[0] });
  return {
    url,
    services,
    async close() {
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      await services.webhookDispatcher.stop();
      // Jobs in flight finish (or go back when their lease ends) before the pool closes.
      await services.worker.stop();
      await services.mailer.close();
      await services.rateLimiter?.close();
      await db.destroy();
    },
  };
}
