import { z } from 'zod';
import { handle, isoDate, timeZone, wallTime } from './common.js';

export const weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof weekday>;

/** A wall-clock range within one day; `end` after `start` (`24:00` allowed as the end). */
export const timeRange = z
  .object({ start: wallTime, end: wallTime })
  .refine((range) => range.end > range.start, { message: 'end must be after start', path: ['end'] });

export const weeklyHoursEntry = z
  .object({ day: weekday, start: wallTime, end: wallTime })
  .refine((range) => range.end > range.start, { message: 'end must be after start', path: ['end'] });
export type WeeklyHoursEntry = z.infer<typeof weeklyHoursEntry>;

/** Replaces a date's weekly hours; empty `ranges` makes it a day off. */
export const dateOverride = z.object({ date: isoDate, ranges: z.array(timeRange).max(24) });
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

export const createScheduleInput = z.object({
  owner: handle.optional(),
  name: z.string().trim().min(1).max(200),
  timeZone: timeZone.optional(),
  weeklyHours: z.array(weeklyHoursEntry).max(7 * 24).default(DEFAULT_WEEKLY_HOURS),
  overrides: z.array(dateOverride).max(1000).default([]),
});
export type CreateScheduleInput = z.input<typeof createScheduleInput>;

export const updateScheduleInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    timeZone: timeZone,
    weeklyHours: z.array(weeklyHoursEntry).max(7 * 24),
    overrides: z.array(dateOverride).max(1000),
  })
  .partial();
export type UpdateScheduleInput = z.input<typeof updateScheduleInput>;
