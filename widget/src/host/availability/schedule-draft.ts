import type { DateOverride, Schedule, UpdateScheduleInput, Weekday } from '@openslot/sdk';

export const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export interface Range {
  start: string;
  end: string;
}

/** What the form edits: the weekly hours by day (several ranges each), the overrides as a list. */
export interface ScheduleDraft {
  id: number | null;
  name: string;
  timeZone: string;
  weekly: Record<Weekday, Range[]>;
  overrides: DateOverride[];
}

const emptyWeek = () => Object.fromEntries(WEEKDAYS.map((day) => [day, [] as Range[]])) as Record<Weekday, Range[]>;

export function draftOf(schedule: Schedule): ScheduleDraft {
  const weekly = emptyWeek();
  for (const entry of schedule.weeklyHours) weekly[entry.day].push({ start: entry.start, end: entry.end });
  for (const ranges of Object.values(weekly)) ranges.sort((a, b) => a.start.localeCompare(b.start));
  return { id: schedule.id, name: schedule.name, timeZone: schedule.timeZone, weekly, overrides: structuredClone(schedule.overrides) };
}

/** A new schedule starts as the server's default would: Mon–Fri 09:00–17:00. */
export function newDraft(timeZone: string): ScheduleDraft {
  const weekly = emptyWeek();
  for (const day of ['mon', 'tue', 'wed', 'thu', 'fri'] as const) weekly[day] = [{ start: '09:00', end: '17:00' }];
  return { id: null, name: '', timeZone, weekly, overrides: [] };
}

/** The wire shape, Monday first, each day's ranges by start, overrides by date. */
export function inputOf(draft: ScheduleDraft): Required<UpdateScheduleInput> {
  const order: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  return {
    name: draft.name.trim(),
    timeZone: draft.timeZone,
    weeklyHours: order.flatMap((day) => draft.weekly[day].map((range) => ({ day, ...range }))),
    overrides: [...draft.overrides].sort((a, b) => a.date.localeCompare(b.date)),
  };
}

/** The time zones to choose from: the runtime's list (Chromium's leaves out `UTC`) and the current one. */
export function timeZoneChoices(current: string): string[] {
  const zones = new Set<string>(['UTC', current]);
  try {
    for (const zone of (Intl as unknown as { supportedValuesOf(key: string): string[] }).supportedValuesOf('timeZone')) zones.add(zone);
  } catch {
    // An older runtime: the current zone and UTC still work.
  }
  return [...zones].filter(Boolean).sort();
}

/*
 * `<input type="time">` has no 24:00, which the API uses to close a range at midnight: an end of
 * 00:00 in the form is midnight at the end of the day.
 */
export const endToInput = (end: string) => (end === '24:00' ? '00:00' : end);
export const endFromInput = (value: string) => (value === '00:00' ? '24:00' : value);
