/**
 * Recurring series: the starts of every occurrence, each at the first one's wall-clock time in the
 * host's zone, whatever daylight-saving changes lie between.
 */
import rrulePackage from 'rrule';
import type { RecurringRule } from '@openslot/sdk/schemas';
import { DAY, instantToLocal, wallToInstant } from './zoned-time.js';

// rrule ships CommonJS to Node: its classes come through the default export.
const { RRule } = rrulePackage;

/**
 * The starts (epoch ms, ascending) of `count` occurrences of `rule` from `firstStart`, the first
 * being `firstStart` itself.
 *
 * rrule computes in floating time: it is fed the first start's wall clock in `timeZone` read as
 * UTC, and each occurrence it returns is turned back into an instant in `timeZone` with
 * `wallToInstant`. So a weekly 10:00 Berlin meeting stays at 10:00 Berlin after the clocks change
 * (09:00Z in winter, 08:00Z in summer); a wall time a change skips or repeats is read per RFC 5545.
 *
 * Monthly from the 29th, 30th or 31st: a month without that day gets its last day (31 Jan →
 * 28 Feb → 31 Mar → 30 Apr), as people mean "monthly on the 31st". Plain RFC 5545 would skip
 * those months instead, which would silently stretch a series well past the months asked for.
 * This is `BYMONTHDAY=28,…,d;BYSETPOS=-1`: the latest of those days the month has.
 */
export function expandRecurrence(rule: Pick<RecurringRule, 'freq' | 'interval'>, count: number, firstStart: number, timeZone: string): number[] {
  if (count < 1) return [];
  const floating = new Date(instantToLocal(timeZone, firstStart));
  const dayOfMonth = floating.getUTCDate();
  const endOfMonth = rule.freq === 'monthly' && dayOfMonth > 28;
  const rrule = new RRule({
    freq: rule.freq === 'weekly' ? RRule.WEEKLY : RRule.MONTHLY,
    interval: rule.interval,
    count,
    dtstart: floating,
    ...(endOfMonth && { bymonthday: Array.from({ length: dayOfMonth - 27 }, (_, k) => 28 + k), bysetpos: -1 }),
  });
  return rrule.all().map((occurrence) => wallToInstant(timeZone, occurrence.getTime()));
}

/** The local calendar date (`2027-03-31`) an instant falls on in `timeZone`: for naming occurrences. */
export function localDateOf(timeZone: string, instant: number): string {
  return new Date(Math.floor(instantToLocal(timeZone, instant) / DAY) * DAY).toISOString().slice(0, 10);
}
