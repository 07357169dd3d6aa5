#!/usr/bin/env node
import { createServices } from '../app.js';
import { ConfigError, loadConfig } from '../config.js';
import { createDb } from '../db/knex.js';
import { migrateLatest } from '../db/migrate.js';
import { createLogger } from '../logger.js';
import { seedDemo } from '../seed/demo.js';
import { startServer } from '../server.js';
import { startupProblem } from '../startup-problem.js';

const USAGE = `Usage: openslot <command>

Commands:
  serve         migrate the database, then serve the API and the widget
  worker        migrate, then run the webhook dispatcher and the job worker (mail, payments …) alone (no API)
  migrate       apply pending migrations and exit
  seed --demo   add the demo data: the host alice (alice/intro) and the team harbor (harbor/discovery)

Configuration comes from the environment (PORT, DATABASE_URL, OPENSLOT_ADMIN_KEY, …); see the README.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...flags] = argv;
  if (!command || command === '--help' || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel);

  switch (command) {
    case 'serve': {
      const server = await startServer(config, { logger });
      const stop = async () => {
        logger.info('shutting down');
        await server.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return -1;
    }
    case 'worker': {
      const db = createDb(config.databaseUrl, { logger });
      await migrateLatest(db).catch(async (error: unknown) => {
        await db.destroy();
        throw error;
      });
      const { webhookDispatcher, worker, mailer, payments } = await createServices({ config, db, logger });
      webhookDispatcher.start();
      worker.start();
      logger.info('webhook dispatcher running', { database: config.databaseUrl.split(':')[0], svix: Boolean(config.svix), payments: payments.configured });
      const stop = async () => {
        logger.info('shutting down');
        await webhookDispatcher.stop();
        await worker.stop();
        await mailer.close();
        await db.destroy();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return -1;
    }
    case 'migrate':
    case 'seed': {
      if (command === 'seed' && !flags.includes('--demo')) {
        console.error('openslot seed: only --demo is supported');
        return 1;
      }
      const db = createDb(config.databaseUrl, { logger });
      try {
        const applied = await migrateLatest(db);
        logger.info('migrated', { applied });
        if (command === 'seed') await seedDemo(await createServices({ config, db, logger }), logger);
      } finally {
        await db.destroy();
      }
      return 0;
    }
    default:
      console.error(`openslot: unknown command "${command}"\n\n${USAGE}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    // What a person can fix is one line; anything else is a bug, shown whole.
    const problem = error instanceof ConfigError ? error.message : startupProblem(error);
    console.error(problem ? `openslot: ${problem}` : error);
    process.exit(1);
  },
);
