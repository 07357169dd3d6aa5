/**
 * Slot generation for one or several hosts: the entry points the slots endpoint and the booking
 * service call.
 */
import { type HostAvailability, hostAvailability } from './host-availability.js';
import { type Interval, intersectAllIntervals, intersectIntervals, unionAllIntervals } from './intervals.js';
import type { ComputedSlot, AvailabilityInput } from './types.js';
import { MINUTE, type ZonedDay, zonedDays } from './zoned-time.js';

/**
 * The slots whose start lies in `input.range`, ascending by start.
 *
 * Candidates lie on a grid of `slotIntervalMinutes` (default: the duration) that starts at each
 * interval of combined free time (so a 09:00–17:00 day with 30 minutes gives 09:00, 09:30 … 16:30)
 * and restarts at midnight in a host's zone where that host works through midnight (so each
 * day's grid is the same whatever range is asked). A candidate is offered when, for each required
 * host (every host if collective, the fixed ones if round robin) and for at least one non-fixed
 * host (round robin), `[start, start + duration)` lies in the host's free time, conflicts with no
 * holding booking (buffers included), and `start` passes notice, window and limits. Seated event
 * types also offer a start where an existing seated slot still has seats; a team slot's
 * `seatsLeft` is the fewest any required host has, and (round robin) at most the most any free
 * non-fixed host has.
 *
 * Guarantees: the result for a slot does not depend on `input.range` beyond whether the slot's
 * start is in it, nor on the order of hours, overrides, bookings or hosts (except the order of
 * `hosts` in each slot, which follows the input).
 */
export function computeSlots(input: AvailabilityInput): ComputedSlot[] {
  const { range, now, eventType, hosts } = input;
  if (hosts.length === 0 || range.end <= range.start) return [];
  const duration = eventType.durationMinutes * MINUTE;
  const step = (eventType.slotIntervalMinutes ?? eventType.durationMinutes) * MINUTE;
  if (!(duration > 0 && step > 0)) throw new RangeError('durationMinutes and slotIntervalMinutes must be positive');
  // Hosts' free time is computed on whole days of their zones and the grid restarts at their
  // midnights, so a slot's grid never depends on how far before it the range starts.
  const span = { start: range.start, end: range.end + duration };
  const daysByZone = new Map<string, ZonedDay[]>();
  const daysOf = (timeZone: string) => {
    let days = daysByZone.get(timeZone);
    if (!days) daysByZone.set(timeZone, (days = zonedDays(timeZone, span.start, span.end)));
    return days;
  };
  const hostsAvailability = hosts.map((host) => hostAvailability(host, eventType, now, span, daysOf(host.schedule.timeZone)));

  const roundRobin = input.schedulingType === 'round_robin';
  const isRequired = hostsAvailability.map((a) => !roundRobin || a.fixed);
  const optionalCount = isRequired.filter((r) => !r).length;
  const gridFree = combinedFree(
    hostsAvailability.filter((_, k) => isRequired[k]),
    hostsAvailability.filter((_, k) => !isRequired[k]),
  );

  const cursors = hostsAvailability.map(() => 0);
  // Seats the host could give a meeting starting at `start` (0: not free). Starts come ascending.
  const seatsAt = (k: number, start: number): number => {
    const { starts, seatedStarts } = hostsAvailability[k]!;
    let i = cursors[k]!;
    while (i < starts.length && starts[i]!.end <= start) i++;
    cursors[k] = i;
    if (i < starts.length && starts[i]!.start <= start) return eventType.seats ?? 1;
    return seatedStarts.get(start) ?? 0;
  };

  const slots: ComputedSlot[] = [];
  forEachGridStart(gridFree, gridRestartsOf(hostsAvailability), step, duration, range, (start) => {
    let requiredSeats = Infinity;
    let optionalSeats = 0;
    const free: string[] = [];
    for (let k = 0; k < hostsAvailability.length; k++) {
      const seats = seatsAt(k, start);
      if (isRequired[k]) {
        if (seats === 0) return;
        requiredSeats = Math.min(requiredSeats, seats);
      } else optionalSeats = Math.max(optionalSeats, seats);
      if (seats > 0) free.push(hostsAvailability[k]!.username);
    }
    if (optionalCount > 0 && optionalSeats === 0) return;
    const slot = { start, end: start + duration, hosts: free };
    if (eventType.seats === null) slots.push(slot);
    else slots.push({ ...slot, seatsLeft: Math.min(requiredSeats, optionalCount > 0 ? optionalSeats : Infinity) });
  });
  return slots;
}

/**
 * The slot starting exactly at `start` if it is offered, else `null`: the booking service's check.
 * Equal to looking `start` up in `computeSlots` over any range that contains it (`input.range` is
 * ignored), at the cost of computing the day or two around `start`.
 */
export function offeredSlotAt(input: Omit<AvailabilityInput, 'range'>, start: number): ComputedSlot | null {
  const [slot] = computeSlots({ ...input, range: { start, end: start + 1 } });
  return slot?.start === start ? slot : null;
}

/** The usernames of the hosts free for the slot at `start` (see `offeredSlotAt`), or `null` if it is not offered. */
export function isSlotOffered(input: Omit<AvailabilityInput, 'range'>, start: number): string[] | null {
  return offeredSlotAt(input, start)?.hosts ?? null;
}

/** Time where the grid may lie: all required hosts free, and (if any) some optional host free. */
function combinedFree(required: readonly HostAvailability[], optional: readonly HostAvailability[]): Interval[] {
  const anyOptional = optional.length > 0 ? unionAllIntervals(optional.map((a) => a.free)) : null;
  if (required.length === 0) return anyOptional ?? [];
  const allRequired = intersectAllIntervals(required.map((a) => a.free));
  return anyOptional ? intersectIntervals(allRequired, anyOptional) : allRequired;
}

/** Every host's grid restarts, ascending, without repeats. */
function gridRestartsOf(hosts: readonly HostAvailability[]): number[] {
  if (hosts.length === 1) return hosts[0]!.gridRestarts;
  return [...new Set(hosts.flatMap((a) => a.gridRestarts))].sort((a, b) => a - b);
}

/**
 * Visits, ascending, every grid start `c` in `range` with `[c, c + duration)` inside an interval
 * of normalized `free`; the grid starts at each interval's start and restarts at each cut.
 */
function forEachGridStart(
  free: readonly Interval[],
  cuts: readonly number[],
  step: number,
  duration: number,
  range: Interval,
  visit: (start: number) => void,
): void {
  let cut = 0;
  for (const interval of free) {
    if (interval.start >= range.end) return;
    if (interval.end - interval.start < duration || interval.end - duration < range.start) continue;
    while (cut < cuts.length && cuts[cut]! <= interval.start) cut++;
    let anchor = interval.start;
    for (let k = cut; anchor < interval.end; k++) {
      const next = k < cuts.length && cuts[k]! < interval.end ? cuts[k]! : interval.end;
      let start = anchor < range.start ? anchor + Math.ceil((range.start - anchor) / step) * step : anchor;
      for (; start < next && start + duration <= interval.end && start < range.end; start += step) visit(start);
      anchor = next;
    }
  }
}
