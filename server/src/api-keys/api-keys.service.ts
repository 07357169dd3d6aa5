import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { ApiKey, ApiKeyCreated, createApiKeyInput } from '@openslot/sdk/schemas';
import { expandScopes, requireActingAs, type Caller, type Principal } from '../authorization/index.js';
import type { Clock } from '../clock.js';
import { mapPage, type Page, type PageRequest } from '../db/keyset.js';
import { NotFoundError, UnauthorizedError, ValidationError } from '../errors.js';
import { sha256 } from '../security/digest.js';
import type { UsersService } from '../users/users.service.js';
import type { ApiKeyRow, ApiKeysRepo } from './api-keys.repo.js';
import type { KeyUsage } from './usage.js';

export type ParsedCreateApiKey = z.output<typeof createApiKeyInput>;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function publicApiKey(row: ApiKeyRow): ApiKey {
  return { id: row.id, prefix: row.prefix, name: row.name, scopes: row.scopes, createdAt: new Date(row.createdAt).toISOString(), lastUsedAt: iso(row.lastUsedAt), expiresAt: iso(row.expiresAt) };
}

/** A user's API keys: made (shown once, stored hashed), listed, revoked; and a bearer key turned into its principal. */
export function createApiKeysService(deps: { repo: ApiKeysRepo; users: Pick<UsersService, 'require'>; usage: KeyUsage; clock: Clock }) {
  const { repo, users, usage, clock } = deps;

  async function owner(principal: Principal, username: string) {
    const user = await users.require(username);
    requireActingAs(principal, user.id);
    return user;
  }

  return {
    async create(principal: Principal, username: string, input: ParsedCreateApiKey): Promise<ApiKeyCreated> {
      const user = await owner(principal, username);
      const now = clock.now();
      const expiresAt = input.expiresAt === undefined ? null : Date.parse(input.expiresAt);
      if (expiresAt !== null && expiresAt <= now) throw new ValidationError('Invalid body: expiresAt: must be in the future', { fields: [{ field: 'expiresAt', message: 'must be in the future' }] });
      const key = `osk_${randomBytes(24).toString('base64url')}`;
      const id = await repo.insert({ userId: user.id, keyHash: sha256(key), prefix: key.slice(0, 12), name: input.name ?? null, scopes: input.scopes, expiresAt }, now);
      return { key, apiKey: publicApiKey((await repo.find(user.id, id))!) };
    },

    async list(principal: Principal, username: string, page: PageRequest): Promise<Page<ApiKey>> {
      const user = await owner(principal, username);
      return mapPage(repo.list(user.id, page), (rows) => rows.map(publicApiKey));
    },

    /** Another user's key id is simply not found here: ids cannot be probed. */
    async revoke(principal: Principal, username: string, id: number): Promise<void> {
      const user = await owner(principal, username);
      if (!(await repo.delete(user.id, id))) throw new NotFoundError(`API key ${id}`);
    },

    /** The principal behind an `osk_` bearer key; unknown, revoked and expired keys are a 401. */
    async authenticate(token: string): Promise<Caller> {
      const key = await repo.findByHash(sha256(token));
      if (!key) throw new UnauthorizedError('Unknown or revoked API key');
      const now = clock.now();
      if (key.expiresAt !== null && key.expiresAt <= now) throw new UnauthorizedError('This API key has expired');
      usage.record(key.id, now);
      return { kind: 'user', userId: key.userId, username: key.username, scopes: expandScopes(key.scopes), credential: { type: 'api_key', id: key.id } };
    },
  };
}

export type ApiKeysService = ReturnType<typeof createApiKeysService>;
