import type { Knex } from 'knex';
import type { ResolvedEvent } from '../event-types/event-types.service.js';
import { CalendarUnavailableError } from '../errors.js';
import {
  blockedSpan,
  bookingsQueryWindow,
  computeSlots,
  isSlotOffered,
  type AvailabilityInput,
  type ComputedSlot,
  type HoldingBooking,
  type Interval,
} from '../scheduling/index.js';
import type { AvailabilitySource, Degradation, HostFacts, OwnBooking, SourceAnswer, SourceQuery } from './sources.js';

export interface SlotsAnswer {
  slots: ComputedSlot[];
  /** Calendars that could not be read now; their hosts' slots come from last good data or are hidden. */
  degraded: Degradation[];
}

/**
 * The one place that answers "is this host free": it asks every source (schedules, bookings,
 * connected calendars) for the hosts of an event over the window that can matter, and hands the
 * pure scheduling core what they say. The slots endpoint and every booking write go through it.
 */
export function createAvailabilityService(deps: { sources: readonly AvailabilitySource[] }) {
  const locked = deps.sources.filter((source) => source.locked);
  const unlocked = deps.sources.filter((source) => !source.locked);

  const query = (resolved: ResolvedEvent, range: Interval, purpose: SourceQuery['purpose'], extra: Pick<SourceQuery, 'trx' | 'own'> = {}): SourceQuery => ({
    eventType: resolved.eventType,
    hosts: resolved.hosts,
    window: bookingsQueryWindow(range, resolved.eventType),
    purpose,
    ...extra,
  });

  const loadAll = (sources: readonly AvailabilitySource[], q: SourceQuery) => Promise.all(sources.map((source) => source.load(q)));

  function assemble(resolved: ResolvedEvent, range: Interval, now: number, window: Interval, answers: readonly SourceAnswer[]): AvailabilityInput {
    const { eventType, hosts } = resolved;
    const fixed = new Set(eventType.hosts.filter((host) => host.fixed).map((host) => host.username));
    return {
      range,
      now,
      eventType,
      schedulingType: eventType.schedulingType,
      hosts: hosts.map((host) => {
        const facts = answers.map((answer) => answer.byHost.get(host.id)).filter((f): f is HostFacts => f !== undefined);
        const busy: HoldingBooking[] = facts.flatMap((f) => f.busy ?? []);
        // A calendar that could not be read and left nothing to go on: the host is not free.
        if (facts.some((f) => f.unknown)) busy.push({ start: window.start, end: window.end, eventTypeId: null, beforeBufferMinutes: 0, afterBufferMinutes: 0, attendees: 1 });
        return {
          username: host.username,
          fixed: fixed.has(host.username),
          // A host without a schedule has no free time rather than breaking the request.
          schedule: facts.find((f) => f.schedule)?.schedule ?? { timeZone: host.timeZone, weeklyHours: [], overrides: [] },
          bookings: busy,
        };
      }),
    };
  }

  async function gather(resolved: ResolvedEvent, range: Interval, now: number): Promise<{ input: AvailabilityInput; degraded: Degradation[] }> {
    const q = query(resolved, range, 'slots');
    const answers = await loadAll(deps.sources, q);
    return { input: assemble(resolved, range, now, q.window, answers), degraded: answers.flatMap((answer) => answer.degraded ?? []) };
  }

  return {
    /** What the core is given for `range` (the slots benchmark times the core on it alone). */
    input: async (resolved: ResolvedEvent, range: Interval, now: number) => (await gather(resolved, range, now)).input,

    async slots(resolved: ResolvedEvent, range: Interval, now: number): Promise<SlotsAnswer> {
      const { input, degraded } = await gather(resolved, range, now);
      return { slots: computeSlots(input), degraded };
    },

    /**
     * The hosts that a third-party source (a connected calendar) has busy during `meeting`, the
     * event type's buffers included: a confirm's check, read fresh. Throws 503
     * `calendar_unavailable` when a calendar that counts cannot be read.
     */
    async busyElsewhere(resolved: ResolvedEvent, meeting: Interval): Promise<string[]> {
      const answers = await loadAll(unlocked, query(resolved, meeting, 'booking'));
      const blocking = answers.flatMap((answer) => answer.degraded ?? []).filter((d) => !d.ignored);
      if (blocking.length > 0) throw unreadable(blocking);
      return resolved.hosts
        .filter((host) =>
          answers.some((answer) => {
            const facts = answer.byHost.get(host.id);
            return facts?.busy?.some((busy) => {
              const span = blockedSpan(busy, resolved.eventType);
              return span.start < meeting.end && meeting.start < span.end;
            });
          }),
        )
        .map((host) => host.username);
    },

    /**
     * Starts the check of a booking write at `starts`: reads the third-party sources (calendars)
     * now, fresh, before the booking transaction opens. `own` is the booking being moved or
     * confirmed, which must not block itself.
     */
    async bookingCheck(resolved: ResolvedEvent, starts: readonly number[], options: { own?: OwnBooking } = {}): Promise<BookingCheck> {
      const duration = resolved.eventType.durationMinutes * 60_000;
      const span = starts.length ? { start: Math.min(...starts), end: Math.max(...starts) + duration } : { start: 0, end: 0 };
      const external = starts.length ? await loadAll(unlocked, query(resolved, span, 'booking', options)) : [];
      const blocking = external.flatMap((answer) => answer.degraded ?? []).filter((d) => !d.ignored);

      return {
        /**
         * The hosts free at each start (null: not offered), from one load over the whole span: the
         * same queries for 1 occurrence or 52. Run inside the booking transaction after the hosts
         * are locked. Each start sees only the bookings within a week and a day of it (all that
         * buffers and limits can involve), so a long series does not rescan a year per occurrence.
         */
        async hostsFreeAt(now: number, trx: Knex): Promise<Array<string[] | null>> {
          if (starts.length === 0) return [];
          const q = query(resolved, span, 'booking', { trx, ...options });
          const input = assemble(resolved, span, now, q.window, [...(await loadAll(locked, q)), ...external]);
          if (starts.length === 1) return [isSlotOffered(input, starts[0]!)];
          return starts.map((start) => {
            const near = (booking: { start: number; end: number }) => booking.end > start - NEARBY_MS && booking.start < start + NEARBY_MS;
            return isSlotOffered({ ...input, hosts: input.hosts.map((host) => ({ ...host, bookings: host.bookings.filter(near) })) }, start);
          });
        },

        /**
         * Call when the time turned out not to be offered: if a calendar that counts could not be
         * read, the honest answer is "try again" (503 `calendar_unavailable`), not "taken".
         */
        failIfUnreadable(): void {
          if (blocking.length > 0) throw unreadable(blocking);
        },
      };
    },
  };
}

export interface BookingCheck {
  hostsFreeAt(now: number, trx: Knex): Promise<Array<string[] | null>>;
  failIfUnreadable(): void;
}

const NEARBY_MS = 8 * 86_400_000;

function unreadable(blocking: readonly Degradation[]): CalendarUnavailableError {
  return new CalendarUnavailableError(`The calendar of ${[...new Set(blocking.map((d) => d.host))].join(', ')} could not be read; try again shortly`, {
    hosts: blocking.map((d) => ({ host: d.host, calendar: d.calendar, reason: d.reason })),
  });
}

export type AvailabilityService = ReturnType<typeof createAvailabilityService>;
