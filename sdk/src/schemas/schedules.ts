import { z } from 'zod';
import { handle, isoDate, timeZone, wallTime } from './common.js';
import { LIMITS, singleLine } from './limits.js';

export const weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof weekday>;

/** A wall-clock range within one day; `end` after `start` (`24:00` allowed as the end). */
export const timeRange = z
  .strictObject({ start: wallTime, end: wallTime })
  .refine((range) => range.end > range.start, { message: 'end must be after start', path: ['end'] });

export const weeklyHoursEntry = z
  .strictObject({ day: weekday, start: wallTime, end: wallTime })
  .refine((range) => range.end > range.start, { message: 'end must be after start', path: ['end'] });
export type WeeklyHoursEntry = z.infer<typeof weeklyHoursEntry>;

/** Replaces a date's weekly hours; empty `ranges` makes it a day off. */
export const dateOverride = z.strictObject({ date: isoDate, ranges: z.array(timeRange).max(LIMITS.rangesPerDay) });
export type DateOverride = z.infer<typeof dateOverride>;

export const schedule = z.object({
  id: z.number().int(),
  owner: handle,
  name: z.string(),
  timeZone: timeZone,
  weeklyHours: z.array(weeklyHoursEntry),
  overrides: z.array(dateOverride),
});
export type Schedule = z.infer<typeof schedule>;

export const DEFAULT_WEEKLY_HOURS: WeeklyHoursEntry[] = (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map(
  (day) => ({ day, start: '09:00', end: '17:00' }),
);

/** `overrides`, like `weeklyHours`, is the whole list: a PATCH that gives it replaces every override. */
export const createScheduleInput = z.strictObject({
  owner: handle.optional(),
  name: singleLine(LIMITS.name),
  timeZone: timeZone.optional(),
  weeklyHours: z.array(weeklyHoursEntry).max(LIMITS.weeklyHours).default(DEFAULT_WEEKLY_HOURS),
  overrides: z.array(dateOverride).max(LIMITS.overrides).default([]),
});
export type CreateScheduleInput = z.input<typeof createScheduleInput>;

export const updateScheduleInput = z
  .strictObject({
    name: createScheduleInput.shape.name,
    timeZone: timeZone,
    weeklyHours: z.array(weeklyHoursEntry).max(LIMITS.weeklyHours),
    overrides: z.array(dateOverride).max(LIMITS.overrides),
  })
  .partial();
export type UpdateScheduleInput = z.input<typeof updateScheduleInput>;
