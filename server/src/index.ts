export { createApp, createServices, type AppDeps, type Services } from './app.js';
export { loadConfig, ConfigError, type Config } from './config.js';
export { createDb, type Db } from './db/knex.js';
export { migrateLatest } from './db/migrate.js';
export { seedDemo } from './seed/demo.js';
export { startServer } from './server.js';
