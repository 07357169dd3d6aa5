import { randomBytes } from 'node:crypto';
import knex, { type Knex } from 'knex';
import { createDb } from '../db/knex.js';
import { migrateLatest } from '../db/migrate.js';

export interface TestDb {
  db: Knex;
  url: string;
  destroy(): Promise<void>;
}

/** The database the suite runs on: MySQL/MariaDB when DATABASE_URL names one, else SQLite. */
export function testDialect(): 'mysql' | 'sqlite' {
  return process.env.DATABASE_URL?.startsWith('mysql://') ? 'mysql' : 'sqlite';
}

/**
 * A fresh, migrated database for one test file: a scratch schema on the MySQL server of
 * DATABASE_URL (dropped afterwards), or a new SQLite file/in-memory database.
 */
export async function createTestDb(options: { sqliteFile?: string } = {}): Promise<TestDb> {
  if (testDialect() === 'mysql') {
    const server = new URL(process.env.DATABASE_URL!);
    const name = `openslot_test_${randomBytes(6).toString('hex')}`;
    const admin = knex({ client: 'mysql2', connection: { uri: `${server.protocol}//${server.username}${server.password ? `:${server.password}` : ''}@${server.host}/` } as Knex.MySql2ConnectionConfig });
    await admin.raw(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
    server.pathname = `/${name}`;
    const url = server.toString();
    const db = createDb(url);
    await migrateLatest(db);
    return {
      db,
      url,
      async destroy() {
        await db.destroy();
        await admin.raw(`DROP DATABASE IF EXISTS \`${name}\``);
        await admin.destroy();
      },
    };
  }
  const url = `sqlite:${options.sqliteFile ?? ':memory:'}`;
  const db = createDb(url);
  await migrateLatest(db);
  return { db, url, destroy: () => db.destroy() };
}
