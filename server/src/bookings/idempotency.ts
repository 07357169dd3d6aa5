import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { isUniqueViolation } from '../db/knex.js';
import { DomainError } from '../errors.js';
import type { Caller } from '../authorization/index.js';

export interface StoredResponse {
  statusCode: number;
  body: unknown;
}

/** A key as its caller sent it, in the caller's own namespace. */
export interface IdempotencyClaim {
  /** `event-type:42` on the public booking endpoint; `user:7` or `admin` for owner calls. */
  scope: string;
  key: string;
}

/** Keys answer retries for a day (SPEC); after that the same key is a new request. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

export const eventTypeScope = (eventTypeId: number) => `event-type:${eventTypeId}`;

/** The owner API caller a key belongs to: the admin key, or the user behind an API key. */
export function callerScope(principal: Caller): string {
  return principal.kind === 'admin' ? 'admin' : `user:${principal.userId}`;
}

const conflict = (message: string) => new DomainError('idempotency_conflict', message);

function hashOf(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

/**
 * `Idempotency-Key` storage. A key is claimed inside the transaction of the change it guards, so a
 * retry finds nothing (the first attempt rolled back), a claim still being answered, or the answer.
 * Keys belong to their caller (`scope`) and compare byte for byte (binary collation on MySQL).
 */
export function createIdempotencyStore(db: Knex) {
  const live = (claim: IdempotencyClaim, now: number) => db('idempotency_keys').where({ scope: claim.scope, key: claim.key }).where('created_at', '>', now - IDEMPOTENCY_TTL_MS);

  return {
    /**
     * The stored answer to this key, `'claimed'` when its change committed but the answer is not
     * stored yet, or null for a new (or expired) key. The same key with another request is a 409.
     */
    async replay(claim: IdempotencyClaim, request: unknown, now: number): Promise<StoredResponse | 'claimed' | null> {
      const row = await live(claim, now).first();
      if (!row) return null;
      if (row.request_hash !== hashOf(request)) throw conflict('This Idempotency-Key was used with a different request body');
      if (row.status_code === null || row.response_body === null) return 'claimed';
      return { statusCode: row.status_code, body: JSON.parse(row.response_body) };
    },

    /** Claims the key inside `trx` (an expired row of it is a new key); losing a race to the same key is the 409 above, never a 500. */
    async claim(claim: IdempotencyClaim, request: unknown, now: number, trx: Knex): Promise<void> {
      await trx('idempotency_keys').where({ scope: claim.scope, key: claim.key }).where('created_at', '<=', now - IDEMPOTENCY_TTL_MS).delete();
      try {
        await trx('idempotency_keys').insert({ scope: claim.scope, key: claim.key, request_hash: hashOf(request), created_at: now });
      } catch (error) {
        if (isUniqueViolation(error)) throw conflict('A request with this Idempotency-Key is already being processed');
        throw error;
      }
    },

    async complete(claim: IdempotencyClaim, response: StoredResponse, trx: Knex = db): Promise<void> {
      await trx('idempotency_keys').where({ scope: claim.scope, key: claim.key }).update({ status_code: response.statusCode, response_body: JSON.stringify(response.body) });
    },
  };
}

export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>;
