import type { Knex } from 'knex';
import type { ApiKeyScope } from '@openslot/sdk/schemas';
import { keysetPage, mapPage, type Page, type PageRequest } from '../db/keyset.js';

export interface ApiKeyRow {
  id: number;
  userId: number;
  prefix: string;
  name: string | null;
  /** As created; `full` for keys made before scopes existed. */
  scopes: ApiKeyScope[];
  createdAt: number;
  lastUsedAt: number | null;
  expiresAt: number | null;
}

const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));

function toApiKey(row: Record<string, any>): ApiKeyRow {
  return {
    id: Number(row.id),
    userId: Number(row.user_id),
    prefix: row.prefix,
    name: row.name ?? null,
    scopes: row.scopes ? (String(row.scopes).split(',') as ApiKeyScope[]) : ['full'],
    createdAt: Number(row.created_at),
    lastUsedAt: num(row.last_used_at),
    expiresAt: num(row.expires_at),
  };
}

/** At most one `last_used_at` write a minute per key, whichever process tries. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export function createApiKeysRepo(db: Knex) {
  return {
    async insert(key: { userId: number; keyHash: string; prefix: string; name: string | null; scopes: readonly ApiKeyScope[]; expiresAt: number | null }, now: number): Promise<number> {
      const [id] = await db('api_keys').insert({
        user_id: key.userId,
        key_hash: key.keyHash,
        prefix: key.prefix,
        name: key.name,
        scopes: key.scopes.includes('full') ? null : [...new Set(key.scopes)].sort().join(','),
        expires_at: key.expiresAt,
        created_at: now,
      });
      return Number(id);
    },

    async find(userId: number, id: number): Promise<ApiKeyRow | null> {
      const row = await db('api_keys').where({ user_id: userId, id }).first();
      return row ? toApiKey(row) : null;
    },

    /** The key with this hash and the username of its user (one indexed look-up per request). */
    async findByHash(keyHash: string): Promise<(ApiKeyRow & { username: string }) | null> {
      const row = await db('api_keys').join('users', 'users.id', 'api_keys.user_id').select('api_keys.*', 'users.username').where('api_keys.key_hash', keyHash).first();
      return row ? { ...toApiKey(row), username: row.username } : null;
    },

    /** A user's keys, oldest first. */
    async list(userId: number, page: PageRequest): Promise<Page<ApiKeyRow>> {
      return mapPage(keysetPage(db('api_keys').where({ user_id: userId }), [{ column: 'api_keys.id', field: 'id', type: 'number' }], page), (rows) => rows.map(toApiKey));
    },

    /** Revokes: the row goes, so the key stops authenticating with the next request. */
    async delete(userId: number, id: number): Promise<boolean> {
      return (await db('api_keys').where({ user_id: userId, id }).delete()) > 0;
    },

    /** Records a use unless one was recorded less than a minute before it. */
    async touch(id: number, at: number): Promise<void> {
      await db('api_keys')
        .where({ id })
        .where((q) => q.whereNull('last_used_at').orWhere('last_used_at', '<=', at - LAST_USED_RESOLUTION_MS))
        .update({ last_used_at: at });
    },
  };
}

export type ApiKeysRepo = ReturnType<typeof createApiKeysRepo>;
