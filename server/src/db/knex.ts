import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import knex, { type Knex } from 'knex';
import type { Logger } from '../logger.js';

export type Db = Knex;
export type Dialect = 'sqlite' | 'mysql';

export function dialectOf(db: Knex): Dialect {
  return db.client.config.client === 'mysql2' ? 'mysql' : 'sqlite';
}

/**
 * One `DATABASE_URL`, two drivers: `sqlite:PATH` (better-sqlite3, `sqlite::memory:` too) or
 * `mysql://…` (mysql2). With a `logger`, knex's own messages go to it (at debug: a failed
 * connection also reaches the caller as an error, which says it better).
 */
export function createDb(databaseUrl: string, options: { logger?: Logger } = {}): Knex {
  const { logger } = options;
  const log = logger && {
    log: {
      debug: (message: unknown) => logger.debug('knex', { message: String(message) }),
      warn: (message: unknown) => logger.debug('knex warning', { message: String(message) }),
      error: (message: unknown) => logger.debug('knex error', { message: String(message) }),
      deprecate: (method: unknown, alternative: unknown) => logger.warn('knex deprecation', { method: String(method), alternative: String(alternative) }),
    },
  };
  if (databaseUrl.startsWith('mysql://')) {
    return withSafeErrors(knex({
      ...log,
      compileSqlOnError: false,
      client: 'mysql2',
      connection: { uri: databaseUrl, timezone: 'Z', dateStrings: true, charset: 'utf8mb4' } as Knex.MySql2ConnectionConfig,
      pool: { min: 0, max: 10 },
    }));
  }
  const path = databaseUrl.slice('sqlite:'.length);
  const filename = path === ':memory:' ? ':memory:' : resolve(path);
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  return withSafeErrors(knex({
    ...log,
    compileSqlOnError: false,
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: { pragma(statement: string): unknown }, done: (error: Error | null, conn: unknown) => void) {
        // WAL lets readers run beside a writer; busy_timeout makes a second process (openslot worker) wait, not fail.
        conn.pragma('journal_mode = WAL');
        conn.pragma('foreign_keys = ON');
        conn.pragma('busy_timeout = 5000');
        done(null, conn);
      },
    },
  }));
}

// A quoted literal in SQL or in the server's message ("Duplicate entry 'dana@example.com' for key …").
const QUOTED = /'(?:[^'\\]|\\.|'')*'/g;

/** A statement or driver message without the values it carried. */
export function withoutValues(text: string): string {
  return text.replace(QUOTED, "'?'");
}

/**
 * Knex errors carry the statement and its values (the attendee's name and email, answers,
 * tokens), and whoever logs them would log those. `compileSqlOnError: false` keeps the `?`
 * placeholders in the message; this strips what the driver adds (mysql2's `sql` with the values
 * put in, and quoted values in the server's own message), message, stack and all. The code
 * (`ER_DUP_ENTRY`, `SQLITE_CONSTRAINT_UNIQUE`) stays, so callers still tell errors apart.
 */
function withSafeErrors(db: Knex): Knex {
  db.on('query-error', (error: unknown) => {
    if (!(error instanceof Error)) return;
    const driver = error as Error & { sql?: unknown; sqlMessage?: unknown };
    error.message = withoutValues(error.message);
    if ('sql' in driver) delete driver.sql;
    if (typeof driver.sqlMessage === 'string') driver.sqlMessage = withoutValues(driver.sqlMessage);
    const frames = (error.stack ?? '').split('\n').filter((line) => line.startsWith('    at '));
    error.stack = [`${error.name}: ${error.message}`, ...frames].join('\n');
  });
  return db;
}

/** JSON columns are TEXT on SQLite and JSON on MySQL; mysql2 may hand them back already parsed. */
export function parseJson<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  if (typeof value === 'string') return JSON.parse(value) as T;
  return value as T;
}

/** A foreign key refused the change: the row it names is gone, or rows still name this one. */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === 'ER_NO_REFERENCED_ROW_2' || code === 'ER_ROW_IS_REFERENCED_2' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** A unique index refused the row: a race the caller turns into a 409, never a 500. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
