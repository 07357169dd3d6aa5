import type { Knex } from 'knex';
import type { BusyBooking, BookingsRepo } from '../bookings/bookings.repo.js';
import type { ResolvedEvent } from '../event-types/event-types.service.js';
import type { SchedulesRepo } from '../schedules/schedules.repo.js';
import {
  bookingsQueryWindow,
  computeSlots,
  isSlotOffered,
  type AvailabilityInput,
  type ComputedSlot,
  type Interval,
} from '../scheduling/index.js';

/**
 * The edge between the database and the pure scheduling core: loads exactly what the core needs
 * (hosts' schedules, their holding bookings in one window) in a fixed number of queries, whatever
 * the range or the number of hosts and bookings.
 */
export function createAvailabilityService(deps: { schedules: SchedulesRepo; bookings: BookingsRepo }) {
  const { schedules, bookings } = deps;

  async function load(resolved: ResolvedEvent, range: Interval, now: number, trx?: Knex, exceptBookingId?: number): Promise<AvailabilityInput> {
    const { eventType, hosts } = resolved;
    const scheduleIdOf = (host: (typeof hosts)[number]) =>
      eventType.schedulingType === null && hosts.length === 1 && eventType.scheduleId !== null ? eventType.scheduleId : host.defaultScheduleId;
    const scheduleIds = hosts.map(scheduleIdOf).filter((id): id is number => id !== null);
    const window = bookingsQueryWindow(range, eventType);
    const [scheduleRows, busy] = await Promise.all([
      schedules.findByIds([...new Set(scheduleIds)], trx),
      bookings.busyForHosts(hosts.map((host) => host.id), window.start, window.end, trx, { exceptBookingId }),
    ]);
    const byHost = new Map<number, BusyBooking[]>();
    for (const booking of busy) byHost.set(booking.userId, [...(byHost.get(booking.userId) ?? []), booking]);
    const fixed = new Set(eventType.hosts.filter((host) => host.fixed).map((host) => host.username));

    return {
      range,
      now,
      eventType,
      schedulingType: eventType.schedulingType,
      hosts: hosts.map((host) => {
        const schedule = scheduleRows.find((row) => row.id === scheduleIdOf(host));
        return {
          username: host.username,
          fixed: fixed.has(host.username),
          // A host without a schedule has no free time rather than breaking the request.
          schedule: schedule ?? { timeZone: host.timeZone, weeklyHours: [], overrides: [] },
          bookings: byHost.get(host.id) ?? [],
        };
      }),
    };
  }

  return {
    /** What the core is given for `range` (the slots benchmark times the core on it alone). */
    input: load,

    async slots(resolved: ResolvedEvent, range: Interval, now: number): Promise<ComputedSlot[]> {
      return computeSlots(await load(resolved, range, now));
    },

    /**
     * The hosts free at `start`, or null when that time is not offered; run inside the booking
     * transaction after the hosts are locked. A reschedule passes the booking it moves as
     * `exceptBookingId`, so that booking does not block its own new time.
     */
    async hostsFreeAt(resolved: ResolvedEvent, start: number, now: number, trx: Knex, options: { exceptBookingId?: number } = {}): Promise<string[] | null> {
      const durationMs = resolved.eventType.durationMinutes * 60_000;
      const input = await load(resolved, { start, end: start + durationMs }, now, trx, options.exceptBookingId);
      return isSlotOffered(input, start);
    },

    /**
     * `hostsFreeAt` for every occurrence of a recurring series, from one load over the whole
     * series: the same queries for 2 occurrences or 52. Each check sees only the bookings within a
     * week and a day of its occurrence (all that buffers and per-day/per-week limits can involve),
     * so a long series does not rescan every host's year of bookings for each occurrence.
     */
    async hostsFreeAtEach(resolved: ResolvedEvent, starts: readonly number[], now: number, trx: Knex): Promise<Array<string[] | null>> {
      if (starts.length === 0) return [];
      const durationMs = resolved.eventType.durationMinutes * 60_000;
      const input = await load(resolved, { start: Math.min(...starts), end: Math.max(...starts) + durationMs }, now, trx);
      return starts.map((start) => {
        const near = (booking: { start: number; end: number }) => booking.end > start - NEARBY_MS && booking.start < start + NEARBY_MS;
        return isSlotOffered({ ...input, hosts: input.hosts.map((host) => ({ ...host, bookings: host.bookings.filter(near) })) }, start);
      });
    },
  };
}

const NEARBY_MS = 8 * 86_400_000;

export type AvailabilityService = ReturnType<typeof createAvailabilityService>;
