/**
 * A schedule's weekly hours and date overrides, read in its IANA zone, as free intervals of instants.
 */
import type { DateOverride, WeeklyHoursEntry } from '@openslot/sdk/schemas';
import { type Interval, normalizeIntervals } from './intervals.js';
import {
  DAY,
  MINUTE,
  type ZonedDay,
  dayNumberOfDate,
  minutesOfWallTime,
  wallToInstant,
  weekdayIndex,
  zonedDays,
} from './zoned-time.js';

/** The parts of a schedule that say when its owner works. */
export interface ScheduleRules {
  readonly timeZone: string;
  readonly weeklyHours: readonly WeeklyHoursEntry[];
  readonly overrides: readonly DateOverride[];
}

/** Minutes after midnight, `[start, end)`; `end` may be 1440 (`24:00`). */
type WallRange = readonly [start: number, end: number];

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Weekly hours by ISO weekday index, overrides by day number: what a day's lookup needs. */
function indexRules(rules: ScheduleRules): (day: number) => readonly WallRange[] {
  const weekly: WallRange[][] = WEEKDAYS.map(() => []);
  for (const entry of rules.weeklyHours) {
    weekly[WEEKDAYS.indexOf(entry.day)]!.push([minutesOfWallTime(entry.start), minutesOfWallTime(entry.end)]);
  }
  const overrides = new Map<number, WallRange[]>();
  for (const override of rules.overrides) {
    // Several overrides for one date add up (the schema does not forbid duplicates).
    const ranges = overrides.get(dayNumberOfDate(override.date)) ?? [];
    for (const r of override.ranges) ranges.push([minutesOfWallTime(r.start), minutesOfWallTime(r.end)]);
    overrides.set(dayNumberOfDate(override.date), ranges);
  }
  // Sorted ranges keep the output sorted on ordinary days, so normalizing it needs no sort.
  const byStart = (a: WallRange, b: WallRange) => a[0] - b[0];
  for (const ranges of [...weekly, ...overrides.values()]) ranges.sort(byStart);
  return (day) => overrides.get(day) ?? weekly[weekdayIndex(day)]!;
}

/**
 * Free time on the given days of the schedule's zone (from `zonedDays`), normalized.
 *
 * An override replaces the weekly hours of its date (empty ranges: a day off). Wall times go
 * through `wallToInstant` (RFC 5545), `24:00` is the next midnight, and every range is clipped to
 * its day, so a range whose ends a DST gap turns around (02:30–03:00 on Berlin's spring day)
 * is empty. Adjacent ranges, also across midnight, merge.
 */
export function freeIntervalsOnDays(rules: ScheduleRules, days: readonly ZonedDay[]): Interval[] {
  const rangesOf = indexRules(rules);
  const out: Interval[] = [];
  for (const { day, start: dayStart, end: dayEnd } of days) {
    const ranges = rangesOf(day);
    if (ranges.length === 0 || dayEnd === dayStart) continue;
    // A day without a transition is exactly 24 h long: wall time is then plain arithmetic.
    if (dayEnd - dayStart === DAY) {
      for (const [from, to] of ranges) out.push({ start: dayStart + from * MINUTE, end: dayStart + to * MINUTE });
      continue;
    }
    const toInstant = (minutes: number): number =>
      minutes >= 1440 ? dayEnd : wallToInstant(rules.timeZone, day * DAY + minutes * MINUTE);
    for (const [from, to] of ranges) {
      const start = Math.max(dayStart, toInstant(from));
      const end = Math.min(dayEnd, toInstant(to));
      if (end > start) out.push({ start, end });
    }
  }
  return normalizeIntervals(out);
}

/** The schedule's free time within `range` of instants, normalized and clipped to `range`. */
export function freeIntervals(rules: ScheduleRules, range: Interval): Interval[] {
  const free = freeIntervalsOnDays(rules, zonedDays(rules.timeZone, range.start, range.end));
  const out: Interval[] = [];
  for (const i of free) {
    const start = Math.max(i.start, range.start);
    const end = Math.min(i.end, range.end);
    if (end > start) out.push({ start, end });
  }
  return out;
}
