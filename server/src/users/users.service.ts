import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { DEFAULT_WEEKLY_HOURS, type CreateUserInput, type UpdateUserInput, type User } from '@openslot/sdk/schemas';
import type { Clock } from '../clock.js';
import type { Page, PageRequest } from '../db/keyset.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { isUniqueViolation } from '../db/knex.js';
import { sha256 } from '../security/digest.js';
import type { SchedulesRepo } from '../schedules/schedules.repo.js';
import type { UserRow, UsersRepo } from './users.repo.js';

export function createUsersService(deps: { db: Knex; users: UsersRepo; schedules: SchedulesRepo; clock: Clock }) {
  const { db, users, schedules, clock } = deps;

  async function require(username: string): Promise<UserRow> {
    const user = await users.findByUsername(username);
    if (!user) throw new NotFoundError(`User "${username}"`);
    return user;
  }

  return {
    require,

    /** The people a caller may see, a page at a time: everyone for the platform key, else the key's own user. */
    async list(caller: { kind: 'admin' } | { kind: 'user'; username: string }, page: PageRequest): Promise<Page<UserRow>> {
      if (caller.kind === 'admin') return users.list(page);
      return { items: [await require(caller.username)], nextCursor: null };
    },

    /** Creates the user with their default schedule (Mon–Fri 09:00–17:00 in their zone). */
    async create(input: Required<Omit<CreateUserInput, 'allowDynamicGroup' | 'timeZone'>> & { timeZone: string; allowDynamicGroup: boolean }): Promise<UserRow> {
      const now = clock.now();
      const taken = () => new ConflictError(`The handle "${input.username}" is taken`, { field: 'username' }, 'handle_taken');
      await db.transaction(async (trx) => {
        const userId = await users.insert(input, now, trx);
        const scheduleId = await schedules.insert(
          { userId, name: 'Working hours', timeZone: input.timeZone, weeklyHours: DEFAULT_WEEKLY_HOURS, overrides: [] },
          now,
          trx,
        );
        await users.update(userId, { defaultScheduleId: scheduleId }, now, trx);
      }).catch((error: unknown) => {
        throw isUniqueViolation(error) ? taken() : error;
      });
      return require(input.username);
    },

    async update(username: string, patch: UpdateUserInput): Promise<UserRow> {
      const user = await require(username);
      if (patch.defaultScheduleId !== undefined) {
        const schedule = await schedules.findById(patch.defaultScheduleId);
        if (!schedule || schedule.userId !== user.id) {
          throw new ValidationError('defaultScheduleId must name one of this user\'s schedules', { fields: [{ field: 'defaultScheduleId', message: 'not a schedule of this user' }] });
        }
      }
      await users.update(user.id, patch, clock.now());
      return require(username);
    },

    /** A new API key for the user; only its hash is stored, so this is the one time it is seen. */
    async createApiKey(username: string): Promise<string> {
      const user = await require(username);
      const key = `osk_${randomBytes(24).toString('base64url')}`;
      await users.insertApiKey(user.id, sha256(key), key.slice(0, 8), clock.now());
      return key;
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;

export function publicUser(user: UserRow): User {
  const { id: _id, busyCalendars: _busyCalendars, ...rest } = user;
  return rest;
}
