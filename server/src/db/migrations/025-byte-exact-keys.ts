import type { Knex } from 'knex';
import { dialectOf } from '../knex.js';

/**
 * Keys compare byte for byte on both databases. MySQL/MariaDB's default collation folds case (and
 * accents), so `abc` and `ABC` were one idempotency key, one booking uid and one Stripe id there;
 * SQLite compares bytes already. The columns below get `utf8mb4_bin`; none is the target of a
 * foreign key, so each is one `MODIFY` that keeps its type, nullability and indexes.
 *
 * Idempotency keys also become their caller's (`scope`: `event-type:42` on the public booking
 * endpoint, `user:7` or `admin` for owner calls): two callers with the same key are two keys.
 */
const BINARY: Array<[table: string, column: string]> = [
  ['bookings', 'uid'],
  ['bookings', 'manage_key'],
  ['bookings', 'recurring_series_uid'],
  ['bookings', 'rescheduled_from_uid'],
  ['bookings', 'rescheduled_to_uid'],
  ['bookings', 'ical_uid'],
  ['outbox_events', 'booking_uid'],
  ['api_keys', 'key_hash'],
  ['jobs', 'dedupe_key'],
  ['payments', 'uid'],
  ['payments', 'checkout_session_id'],
  ['payments', 'payment_intent_id'],
  ['payment_refunds', 'uid'],
  ['payment_refunds', 'stripe_refund_id'],
  ['stripe_events', 'id'],
  ['stripe_accounts', 'connect_key'],
  ['stripe_accounts', 'account_id'],
  ['calendar_oauth_states', 'state'],
];

async function setCollation(db: Knex, table: string, column: string, collation: string): Promise<void> {
  const [rows] = await db.raw('SELECT COLUMN_TYPE AS type, IS_NULLABLE AS nullable FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND COLUMN_NAME = ?', [table, column]);
  const { type, nullable } = rows[0] as { type: string; nullable: string };
  await db.raw(`ALTER TABLE ?? MODIFY ?? ${type} CHARACTER SET utf8mb4 COLLATE ${collation} ${nullable === 'YES' ? 'NULL' : 'NOT NULL'}`, [table, column]);
}

async function tableCollation(db: Knex, table: string): Promise<string> {
  const [rows] = await db.raw('SELECT TABLE_COLLATION AS collation FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?', [table]);
  return (rows[0] as { collation: string }).collation;
}

function idempotencyTable(db: Knex, name: string) {
  const mysql = dialectOf(db) === 'mysql';
  return db.schema.createTable(name, (t) => {
    t.increments('id');
    const scope = t.string('scope', 64).notNullable();
    const key = t.string('key', 200).notNullable();
    if (mysql) {
      scope.collate('utf8mb4_bin');
      key.collate('utf8mb4_bin');
    }
    t.string('request_hash', 64).notNullable();
    t.integer('status_code').nullable();
    if (mysql) t.specificType('response_body', 'MEDIUMTEXT NULL');
    else t.text('response_body').nullable();
    t.bigInteger('created_at').notNullable();
    t.unique(['scope', 'key']);
    t.index(['created_at']);
  });
}

export async function up(db: Knex): Promise<void> {
  if (dialectOf(db) === 'mysql') {
    for (const [table, column] of BINARY) await setCollation(db, table, column, 'utf8mb4_bin');
  }
  // Answered keys keep answering: each stored booking names its event type, the key's new scope.
  await idempotencyTable(db, 'idempotency_keys_scoped');
  const old: Array<Record<string, any>> = await db('idempotency_keys').whereNotNull('status_code').select();
  for (const row of old) {
    const uid = (JSON.parse(row.response_body) as { booking?: { uid?: string } }).booking?.uid;
    const booking = uid && (await db('bookings').where({ uid }).first('event_type_id'));
    if (!booking) continue;
    await db('idempotency_keys_scoped').insert({ scope: `event-type:${booking.event_type_id}`, key: row.key, request_hash: row.request_hash, status_code: row.status_code, response_body: row.response_body, created_at: row.created_at });
  }
  await db.schema.dropTable('idempotency_keys');
  await db.schema.renameTable('idempotency_keys_scoped', 'idempotency_keys');
}

export async function down(db: Knex): Promise<void> {
  const rows: Array<Record<string, any>> = await db('idempotency_keys').select();
  await db.schema.dropTable('idempotency_keys');
  await db.schema.createTable('idempotency_keys', (t) => {
    t.string('key', 200).notNullable().primary();
    t.string('request_hash', 64).notNullable();
    t.integer('status_code').nullable();
    if (dialectOf(db) === 'mysql') t.specificType('response_body', 'MEDIUMTEXT NULL');
    else t.text('response_body').nullable();
    t.bigInteger('created_at').notNullable();
  });
  // One global key again: the first caller's answer wins.
  const seen = new Set<string>();
  for (const row of rows) {
    if (seen.has(row.key.toLowerCase())) continue;
    seen.add(row.key.toLowerCase());
    await db('idempotency_keys').insert({ key: row.key, request_hash: row.request_hash, status_code: row.status_code, response_body: row.response_body, created_at: row.created_at });
  }
  if (dialectOf(db) === 'mysql') {
    for (const [table, column] of BINARY) await setCollation(db, table, column, await tableCollation(db, table));
  }
}
