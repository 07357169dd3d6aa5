import type { CreateScheduleInput, UpdateScheduleInput } from '@openslot/sdk/schemas';
import type { Clock } from '../clock.js';
import type { Page, PageRequest } from '../db/keyset.js';
import { NotFoundError } from '../errors.js';
import { requireActingAs, type Principal } from '../authorization/index.js';
import type { UsersService } from '../users/users.service.js';
import type { ScheduleRow, SchedulesRepo } from './schedules.repo.js';

type ParsedCreate = Required<Omit<CreateScheduleInput, 'owner' | 'timeZone'>> & { timeZone?: string | undefined };

export function createSchedulesService(deps: { schedules: SchedulesRepo; users: UsersService; clock: Clock }) {
  const { schedules, users, clock } = deps;

  async function requireOwned(principal: Principal, id: number): Promise<ScheduleRow> {
    const schedule = await schedules.findById(id);
    if (!schedule) throw new NotFoundError(`Schedule ${id}`);
    requireActingAs(principal, schedule.userId);
    return schedule;
  }

  return {
    requireOwned,

    async create(principal: Principal, owner: string, input: ParsedCreate): Promise<ScheduleRow> {
      const user = await users.require(owner);
      requireActingAs(principal, user.id);
      const id = await schedules.insert(
        { userId: user.id, name: input.name, timeZone: input.timeZone ?? user.timeZone, weeklyHours: input.weeklyHours, overrides: input.overrides },
        clock.now(),
      );
      return (await schedules.findById(id))!;
    },

    async update(principal: Principal, id: number, patch: UpdateScheduleInput): Promise<ScheduleRow> {
      await requireOwned(principal, id);
      await schedules.update(id, patch, clock.now());
      return (await schedules.findById(id))!;
    },

    list(principal: Principal, page: PageRequest): Promise<Page<ScheduleRow>> {
      return schedules.list(principal?.kind === 'user' ? principal.userId : null, page);
    },
  };
}

export type SchedulesService = ReturnType<typeof createSchedulesService>;

export function publicSchedule(schedule: ScheduleRow) {
  const { userId: _userId, ...rest } = schedule;
  return rest;
}
