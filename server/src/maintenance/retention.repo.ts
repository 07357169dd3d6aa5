import type { Knex } from 'knex';

/** The deletes that keep the work tables from growing for ever; each takes at most `limit` rows. */
export function createRetentionRepo(db: Knex) {
  const deleteIds = async (table: string, ids: Array<string | number>) => (ids.length === 0 ? 0 : db(table).whereIn('id', ids).delete());

  return {
    /**
     * Events handed on to webhooks before `before` with no delivery still being retried; their
     * deliveries and attempts go with them (foreign keys cascade).
     */
    async pruneOutbox(before: number, limit: number): Promise<number> {
      const ids = await db('outbox_events')
        .select('id')
        .whereNotNull('webhook_fanned_out_at')
        .where('created_at', '<', before)
        .whereNotExists(db('webhook_deliveries').select(db.raw('1')).whereRaw('webhook_deliveries.event_id = outbox_events.id').where('webhook_deliveries.status', 'pending'))
        .orderBy('created_at')
        .limit(limit);
      return deleteIds('outbox_events', ids.map((row) => row.id));
    },

    /** Jobs that ended (sent, or given up on) before `before`. */
    async pruneJobs(before: number, limit: number): Promise<number> {
      const ids = await db('jobs').select('id').whereNotNull('finished_at').where('finished_at', '<', before).orderBy('finished_at').limit(limit);
      return deleteIds('jobs', ids.map((row) => row.id));
    },

    /** Idempotency keys stored before `before`: a retry after that is a new request. */
    async pruneIdempotencyKeys(before: number, limit: number): Promise<number> {
      const ids = await db('idempotency_keys').select('id').where('created_at', '<', before).orderBy('created_at').limit(limit);
      return deleteIds('idempotency_keys', ids.map((row) => row.id));
    },
  };
}

export type RetentionRepo = ReturnType<typeof createRetentionRepo>;
