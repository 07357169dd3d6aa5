import type { Knex } from 'knex';
import type { User } from '@openslot/sdk/schemas';
import { keysetPage, mapPage, type Page, type PageRequest } from '../db/keyset.js';

export interface UserRow extends User {
  id: number;
  /** How many of the host's connected calendars count as busy (0: availability reads none). */
  busyCalendars: number;
}

export interface UserRecord {
  id: number;
  username: string;
  name: string;
  email: string;
  time_zone: string;
  allow_dynamic_group: number | boolean;
  default_schedule_id: number | null;
  busy_calendars: number;
}

const COLUMNS = ['id', 'username', 'name', 'email', 'time_zone', 'allow_dynamic_group', 'default_schedule_id', 'busy_calendars'];

/** Teams are accounts in the same table (migration 006); a person is never one of them. */
const people = (trx: Knex) => trx('users').select(COLUMNS).where({ kind: 'user' });

export function toUser(row: UserRecord): UserRow {
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    email: row.email,
    timeZone: row.time_zone,
    allowDynamicGroup: Boolean(row.allow_dynamic_group),
    defaultScheduleId: row.default_schedule_id,
    busyCalendars: Number(row.busy_calendars ?? 0),
  };
}

export function createUsersRepo(db: Knex) {
  return {
    async insert(user: Omit<User, 'defaultScheduleId'>, now: number, trx: Knex = db): Promise<number> {
      const [id] = await trx('users').insert({
        username: user.username,
        name: user.name,
        email: user.email,
        time_zone: user.timeZone,
        allow_dynamic_group: user.allowDynamicGroup,
        created_at: now,
        updated_at: now,
      });
      return Number(id);
    },

    async update(id: number, patch: Partial<Omit<User, 'username'>>, now: number, trx: Knex = db): Promise<void> {
      const row: Record<string, unknown> = { updated_at: now };
      if (patch.name !== undefined) row.name = patch.name;
      if (patch.email !== undefined) row.email = patch.email;
      if (patch.timeZone !== undefined) row.time_zone = patch.timeZone;
      if (patch.allowDynamicGroup !== undefined) row.allow_dynamic_group = patch.allowDynamicGroup;
      if (patch.defaultScheduleId !== undefined) row.default_schedule_id = patch.defaultScheduleId;
      await trx('users').where({ id }).update(row);
    },

    async findByUsername(username: string, trx: Knex = db): Promise<UserRow | null> {
      const row = await people(trx).where({ username }).first();
      return row ? toUser(row) : null;
    },

    async findByUsernames(usernames: string[], trx: Knex = db): Promise<UserRow[]> {
      if (usernames.length === 0) return [];
      const rows: UserRecord[] = await people(trx).whereIn('username', usernames);
      return rows.map(toUser);
    },

    async findByIds(ids: number[], trx: Knex = db): Promise<UserRow[]> {
      if (ids.length === 0) return [];
      const rows: UserRecord[] = await people(trx).whereIn('id', ids);
      return rows.map(toUser);
    },

    /** People (never teams), a page by username. */
    async list(page: PageRequest): Promise<Page<UserRow>> {
      return mapPage(keysetPage<UserRecord & Record<string, unknown>>(people(db), [{ column: 'username', field: 'username', type: 'string' }], page), (rows) => rows.map(toUser));
    },

    async insertApiKey(userId: number, keyHash: string, prefix: string, now: number): Promise<void> {
      await db('api_keys').insert({ user_id: userId, key_hash: keyHash, prefix, created_at: now });
    },

    async findUserByKeyHash(keyHash: string): Promise<{ id: number; username: string; keyId: number } | null> {
      const row = await db('api_keys')
        .join('users', 'users.id', 'api_keys.user_id')
        .select('users.id', 'users.username', 'api_keys.id as key_id')
        .where('api_keys.key_hash', keyHash)
        .first();
      return row ? { id: row.id, username: row.username, keyId: row.key_id } : null;
    },
  };
}

export type UsersRepo = ReturnType<typeof createUsersRepo>;
