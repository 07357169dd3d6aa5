/**
 * Wall clock ↔ instant in an IANA zone, with RFC 5545 semantics, on top of luxon's tz data.
 *
 * Dates are handled as "day numbers" (days since 1970-01-01 of the civil calendar), wall times as
 * "local milliseconds" (`dayNumber * DAY + minutes * MINUTE`, the instant the wall clock would show
 * in UTC). Only the zone's offset comes from luxon; we do not use `DateTime.fromObject` because
 * its disambiguation is inconsistent (Europe/Berlin 02:30 on the autumn day gives the second
 * occurrence, Australia/Lord_Howe the first; see zoned-time.test.ts).
 */
import { IANAZone } from 'luxon';

export const MINUTE = 60_000;
export const DAY = 86_400_000;

/** One calendar day of a zone: `[start, end)` are the instants of its first and next midnight. */
export interface ZonedDay {
  readonly day: number;
  readonly start: number;
  readonly end: number;
}

interface ZoneOffsets {
  readonly zone: IANAZone;
  /** Offset (minutes) at `k * DAY`, by k. */
  readonly atDayStart: Map<number, number>;
  /** Per UTC day k: the one instant in it where the offset changes (Infinity if none), and the offset after. */
  readonly transitions: Map<number, { at: number; after: number }>;
}

// Asking Intl for an offset costs ~13 µs, so offsets are memoized per zone and UTC day. The memo is
// invisible to callers: it only ever stores what the tz data says.
const zones = new Map<string, ZoneOffsets>();
const MAX_MEMO_DAYS = 50_000;

function offsetsOf(timeZone: string): ZoneOffsets {
  let entry = zones.get(timeZone);
  if (!entry) {
    const zone = IANAZone.create(timeZone);
    if (!zone.isValid) throw new RangeError(`Unknown time zone: ${timeZone}`);
    entry = { zone, atDayStart: new Map(), transitions: new Map() };
    zones.set(timeZone, entry);
  }
  if (entry.transitions.size > MAX_MEMO_DAYS) {
    entry.transitions.clear();
    entry.atDayStart.clear();
  }
  return entry;
}

function offsetAtDayStart(z: ZoneOffsets, k: number): number {
  let offset = z.atDayStart.get(k);
  if (offset === undefined) {
    offset = z.zone.offset(k * DAY);
    z.atDayStart.set(k, offset);
  }
  return offset;
}

/** Offset of `timeZone` at instant `t`, in minutes east of UTC. Assumes at most one change per UTC day (true of the tz database). */
export function offsetAt(timeZone: string, t: number): number {
  const z = offsetsOf(timeZone);
  const k = Math.floor(t / DAY);
  const before = offsetAtDayStart(z, k);
  let transition = z.transitions.get(k);
  if (!transition) {
    const after = offsetAtDayStart(z, k + 1);
    if (after === before) transition = { at: Infinity, after };
    else {
      // Binary search, in whole seconds (luxon's resolution), for the first instant with the new offset.
      let lo = k * DAY;
      let hi = (k + 1) * DAY;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (z.zone.offset(mid) === before) lo = mid;
        else hi = mid;
      }
      transition = { at: hi, after: z.zone.offset(hi) };
    }
    z.transitions.set(k, transition);
  }
  return t < transition.at ? before : transition.after;
}

/**
 * The instant at which `timeZone`'s clocks show local time `localMs`, per RFC 5545: a wall time a
 * DST change repeats means its first occurrence; one a change skips is read with the offset in force
 * before the gap (Berlin 02:30 on the spring day = 01:30Z, i.e. 03:30 CEST).
 */
export function wallToInstant(timeZone: string, localMs: number): number {
  const before = offsetAt(timeZone, localMs - DAY);
  const after = offsetAt(timeZone, localMs + DAY);
  const withBefore = localMs - before * MINUTE;
  if (before === after) return withBefore;
  const withAfter = localMs - after * MINUTE;
  const beforeValid = offsetAt(timeZone, withBefore) === before;
  const afterValid = offsetAt(timeZone, withAfter) === after;
  if (beforeValid && afterValid) return Math.min(withBefore, withAfter); // repeated: first occurrence
  if (afterValid) return withAfter;
  return withBefore; // valid only with the earlier offset, or skipped (gap): the offset before the gap
}

/** Local milliseconds (wall clock read as if UTC) of instant `t` in `timeZone`. */
export function instantToLocal(timeZone: string, t: number): number {
  return t + offsetAt(timeZone, t) * MINUTE;
}

/** The day number of the calendar date that instant `t` falls on in `timeZone`. */
export function dayNumberAt(timeZone: string, t: number): number {
  return Math.floor(instantToLocal(timeZone, t) / DAY);
}

/** The first instant of day number `day` in `timeZone` (midnight, or the end of a gap at midnight). */
export function startOfDay(timeZone: string, day: number): number {
  return wallToInstant(timeZone, day * DAY);
}

/** Every calendar day of `timeZone` that shares an instant with `[from, to)`, in order. Days a zone skipped entirely (Samoa, 2011-12-30) have `start === end`. */
export function zonedDays(timeZone: string, from: number, to: number): ZonedDay[] {
  if (to <= from) return [];
  const first = dayNumberAt(timeZone, from);
  const last = dayNumberAt(timeZone, to - 1);
  const days: ZonedDay[] = [];
  let start = startOfDay(timeZone, first);
  for (let day = first; day <= last; day++) {
    const end = Math.max(start, startOfDay(timeZone, day + 1));
    days.push({ day, start, end });
    start = end;
  }
  return days;
}

/** `2026-12-24` → day number. */
export function dayNumberOfDate(isoDate: string): number {
  return Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))) / DAY;
}

/** Day number → `2026-12-24`. */
export function dateOfDayNumber(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** ISO weekday index of a day number: 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** `09:30` → 570; `24:00` → 1440. */
export function minutesOfWallTime(wallTime: string): number {
  return Number(wallTime.slice(0, 2)) * 60 + Number(wallTime.slice(3, 5));
}
