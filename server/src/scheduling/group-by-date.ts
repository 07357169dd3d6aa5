/**
 * The viewer's side of the slots endpoint: the query's dates or instants as an instant range, and
 * slots grouped by the viewer's calendar date.
 */
import type { Slot } from '@openslot/sdk/schemas';
import type { Interval } from './intervals.js';
import { dateOfDayNumber, dayNumberAt, dayNumberOfDate, startOfDay } from './zoned-time.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The instants `[start, end)` a slots query means. A date is read in `timeZone`: `start` from its
 * first midnight, `end` inclusive (through the end of that date). An ISO instant (with offset) is
 * taken as is, `end` exclusive. `end <= start` means an empty range; the caller rejects it.
 * Expects input the `slotsQuery` schema has validated.
 */
export function resolveQueryRange(start: string, end: string, timeZone: string): Interval {
  return {
    start: ISO_DATE.test(start) ? startOfDay(timeZone, dayNumberOfDate(start)) : Date.parse(start),
    end: ISO_DATE.test(end) ? startOfDay(timeZone, dayNumberOfDate(end) + 1) : Date.parse(end),
  };
}

/**
 * Slots keyed by the calendar date their start falls on in `timeZone` (`2026-12-01`), keys and
 * slots ascending, instants as UTC ISO strings. `seatsLeft` appears only where the slot has it.
 * Expects `slots` ascending by start (as `computeSlots` returns them); linear.
 */
export function groupSlotsByDate(
  slots: readonly { start: number; end: number; seatsLeft?: number }[],
  timeZone: string,
): Record<string, Slot[]> {
  const byDate: Record<string, Slot[]> = {};
  let dayEnd = -Infinity;
  let bucket: Slot[] = [];
  for (const slot of slots) {
    // One zone look-up per day, not per slot: a slot belongs to the current day until its next midnight.
    if (slot.start >= dayEnd) {
      const day = dayNumberAt(timeZone, slot.start);
      dayEnd = startOfDay(timeZone, day + 1);
      bucket = byDate[dateOfDayNumber(day)] ??= [];
    }
    const out: Slot = { start: isoString(slot.start), end: isoString(slot.end) };
    if (slot.seatsLeft !== undefined) out.seatsLeft = slot.seatsLeft;
    bucket.push(out);
  }
  return byDate;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const utcDayPrefix = new Map<number, string>();
const clockTimes = Array.from({ length: 1440 }, (_, m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00.000Z`);

/**
 * `new Date(t).toISOString()`, faster for whole minutes (every slot boundary is one): a month of
 * slots formats thousands of instants, and toISOString was most of the endpoint's CPU time.
 */
export function isoString(t: number): string {
  if (t % MINUTE_MS !== 0 || t < 0) return new Date(t).toISOString();
  const day = Math.floor(t / DAY_MS);
  let prefix = utcDayPrefix.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    utcDayPrefix.set(day, prefix);
  }
  return prefix + clockTimes[(t - day * DAY_MS) / MINUTE_MS];
}
