import type { Knex } from 'knex';
import type { DateOverride, Schedule, WeeklyHoursEntry } from '@openslot/sdk/schemas';
import { keysetPage, mapPage, type Page, type PageRequest } from '../db/keyset.js';
import { parseJson } from '../db/knex.js';

export interface ScheduleRow extends Schedule {
  userId: number;
}

interface ScheduleRecord {
  id: number;
  user_id: number;
  username: string;
  name: string;
  time_zone: string;
  weekly_hours: string;
  overrides: string;
}

function toSchedule(row: ScheduleRecord): ScheduleRow {
  return {
    id: row.id,
    userId: row.user_id,
    owner: row.username,
    name: row.name,
    timeZone: row.time_zone,
    weeklyHours: parseJson<WeeklyHoursEntry[]>(row.weekly_hours, []),
    overrides: parseJson<DateOverride[]>(row.overrides, []),
  };
}

const SELECT = ['schedules.id', 'schedules.user_id', 'users.username', 'schedules.name', 'schedules.time_zone', 'schedules.weekly_hours', 'schedules.overrides'];

export function createSchedulesRepo(db: Knex) {
  const base = (trx: Knex) => trx('schedules').join('users', 'users.id', 'schedules.user_id').select(SELECT);
  return {
    async insert(
      schedule: { userId: number; name: string; timeZone: string; weeklyHours: WeeklyHoursEntry[]; overrides: DateOverride[] },
      now: number,
      trx: Knex = db,
    ): Promise<number> {
      const [id] = await trx('schedules').insert({
        user_id: schedule.userId,
        name: schedule.name,
        time_zone: schedule.timeZone,
        weekly_hours: JSON.stringify(schedule.weeklyHours),
        overrides: JSON.stringify(schedule.overrides),
        created_at: now,
        updated_at: now,
      });
      return Number(id);
    },

    async update(id: number, patch: Partial<Pick<Schedule, 'name' | 'timeZone' | 'weeklyHours' | 'overrides'>>, now: number): Promise<void> {
      const row: Record<string, unknown> = { updated_at: now };
      if (patch.name !== undefined) row.name = patch.name;
      if (patch.timeZone !== undefined) row.time_zone = patch.timeZone;
      if (patch.weeklyHours !== undefined) row.weekly_hours = JSON.stringify(patch.weeklyHours);
      if (patch.overrides !== undefined) row.overrides = JSON.stringify(patch.overrides);
      await db('schedules').where({ id }).update(row);
    },

    async findById(id: number, trx: Knex = db): Promise<ScheduleRow | null> {
      const row = await base(trx).where('schedules.id', id).first();
      return row ? toSchedule(row) : null;
    },

    async findByIds(ids: number[], trx: Knex = db): Promise<ScheduleRow[]> {
      if (ids.length === 0) return [];
      const rows: ScheduleRecord[] = await base(trx).whereIn('schedules.id', ids);
      return rows.map(toSchedule);
    },

    /** Every schedule, or one user's: a page by id. */
    async list(userId: number | null, page: PageRequest): Promise<Page<ScheduleRow>> {
      const query = base(db);
      if (userId !== null) query.where('schedules.user_id', userId);
      return mapPage(keysetPage<ScheduleRecord & Record<string, unknown>>(query, [{ column: 'schedules.id', field: 'id', type: 'number' }], page), (rows) => rows.map(toSchedule));
    },
  };
}

export type SchedulesRepo = ReturnType<typeof createSchedulesRepo>;
