import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { isUniqueViolation } from '../db/knex.js';
import { DomainError } from '../errors.js';

export interface StoredResponse {
  statusCode: number;
  body: unknown;
}

const conflict = (message: string) => new DomainError('idempotency_conflict', message);

function hashOf(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

/**
 * `Idempotency-Key` on POST /v1/bookings: the key is claimed and answered in the booking's own
 * transaction, so a retry finds either nothing (the first failed) or the committed answer.
 */
export function createIdempotencyStore(db: Knex) {
  return {
    async replay(key: string, body: unknown): Promise<StoredResponse | null> {
      const row = await db('idempotency_keys').where({ key }).first();
      if (!row) return null;
      if (row.request_hash !== hashOf(body)) throw conflict('This Idempotency-Key was used with a different request body');
      return { statusCode: row.status_code, body: JSON.parse(row.response_body) };
    },

    /** Claims the key inside `trx`; losing a race to the same key is the 409 above, never a 500. */
    async claim(key: string, body: unknown, now: number, trx: Knex): Promise<void> {
      try {
        await trx('idempotency_keys').insert({ key, request_hash: hashOf(body), created_at: now });
      } catch (error) {
        if (isUniqueViolation(error)) throw conflict('A request with this Idempotency-Key is already being processed');
        throw error;
      }
    },

    async complete(key: string, response: StoredResponse, trx: Knex): Promise<void> {
      await trx('idempotency_keys').where({ key }).update({ status_code: response.statusCode, response_body: JSON.stringify(response.body) });
    },
  };
}

export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>;
