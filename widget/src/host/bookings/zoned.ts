import { dateTimeFormat } from '../../intl.js';

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    dateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * A wall-clock time in `timeZone` (`2026-12-03T10:00`, what `<input type="datetime-local">` gives)
 * as an ISO instant. A time a DST change repeats reads as its first occurrence; one it skips, with
 * the offset before the gap, as the server reads them (RFC 5545).
 */
export function zonedToInstant(local: string, timeZone: string): string {
  const [date, time] = local.split('T') as [string, string];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  // The offset an hour before and after: the earlier one wins when both fit (repeated hour), and is used in a gap.
  const before = offsetAt(wall - 3_600_000 * 3, timeZone);
  const after = offsetAt(wall + 3_600_000 * 3, timeZone);
  const candidates = [wall - before, wall - after].filter((instant) => offsetAt(instant, timeZone) === wall - instant);
  const instant = candidates.length > 0 ? Math.min(...candidates) : wall - before;
  return new Date(instant).toISOString();
}

/** An instant as the `datetime-local` value of its wall-clock time in `timeZone`. */
export function instantToZoned(instant: string, timeZone: string): string {
  const ms = Date.parse(instant);
  return new Date(ms + offsetAt(ms, timeZone)).toISOString().slice(0, 16);
}
