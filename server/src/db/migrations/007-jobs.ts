import type { Knex } from 'knex';

/**
 * Durable work that follows a change (an email, a Stripe call, a calendar write): a row written in
 * the change's transaction, run later by any worker process. A worker claims a row with a
 * conditional UPDATE of its lease, so one process runs it at a time on SQLite and MySQL alike, and
 * a worker that dies lets its lease run out. `worker_tasks` does the same for periodic work
 * (sweepers, reconcilers, pruning): one row per task, leased by the process whose turn it is.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('jobs', (t) => {
    t.increments('id');
    t.string('kind', 64).notNullable();
    // Makes a job unique (a second enqueue with the same key adds nothing); ASCII ids we build.
    t.string('dedupe_key', 191).nullable().unique();
    t.text('payload', 'mediumtext').notNullable();
    t.string('status', 16).notNullable().defaultTo('pending');
    t.bigInteger('run_at').notNullable();
    t.integer('attempts').notNullable().defaultTo(0);
    t.bigInteger('lease_until').nullable();
    t.string('lease_owner', 40).nullable();
    t.string('last_error', 500).nullable();
    t.bigInteger('created_at').notNullable();
    t.bigInteger('finished_at').nullable();
    t.index(['status', 'run_at'], 'jobs_due');
    t.index(['finished_at'], 'jobs_finished');
  });

  await db.schema.createTable('worker_tasks', (t) => {
    t.string('name', 64).primary();
    t.bigInteger('next_run_at').notNullable();
    t.bigInteger('lease_until').nullable();
    t.string('lease_owner', 40).nullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists('worker_tasks');
  await db.schema.dropTableIfExists('jobs');
}
