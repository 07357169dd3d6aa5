/**
 * Where availability comes from. Every fact about a host's time — working hours from schedules,
 * bookings that hold time, busy events of connected calendars — reaches the availability service
 * through one interface, `AvailabilitySource`, so the slots endpoint and every booking write ask
 * the same question of the same sources.
 */
import type { Knex } from 'knex';
import type { EventTypeRow } from '../event-types/event-types.repo.js';
import type { HoldingBooking, Interval, ScheduleRules } from '../scheduling/index.js';
import type { UserRow } from '../users/users.repo.js';

/** A host as the sources see it (a user row: id, zone, default schedule, whether calendars count). */
export type AvailabilityHost = UserRow;

/** What a booking write must not count against itself (a reschedule's booking, a confirm's request). */
export interface OwnBooking {
  bookingId: number;
  /** The iCalendar UID of the event written to the host's calendar for it. */
  icalUid: string;
  start: number;
  end: number;
}

export interface SourceQuery {
  eventType: EventTypeRow;
  /** Whether a single-host event type's own schedule replaces the host's default. */
  hosts: readonly AvailabilityHost[];
  /** The instants whose busy time can affect the answer (buffers and limits included). */
  window: Interval;
  /**
   * `slots`: a view, which may serve cached data and say it is degraded; `booking`: the check
   * inside a booking write, which reads everything fresh and fails closed.
   */
  purpose: 'slots' | 'booking';
  /** The booking transaction, for the sources read under the hosts' locks. */
  trx?: Knex | undefined;
  own?: OwnBooking | undefined;
}

/** A calendar whose busy time could not be read now. */
export interface Degradation {
  hostId: number;
  host: string;
  /** Our id of the calendar connection. */
  calendar: string;
  reason: 'timeout' | 'unavailable' | 'broken';
  /** True when the host chose to ignore this calendar's errors: a booking goes ahead without it. */
  ignored: boolean;
  /** True when last good data stood in for it (slots only). */
  stale: boolean;
}

/** What one source knows of each host it has anything to say about. */
export interface HostFacts {
  schedule?: ScheduleRules;
  busy?: readonly HoldingBooking[];
  /** The host is busy all of `window` (a calendar that failed with nothing cached). */
  unknown?: boolean;
}

export interface SourceAnswer {
  byHost: ReadonlyMap<number, HostFacts>;
  degraded?: readonly Degradation[];
}

export interface AvailabilitySource {
  readonly name: string;
  /**
   * `true` for our own tables: read inside the booking transaction, after the hosts' locks, so
   * what they say cannot change before the insert. `false` for third parties (calendars), which no
   * lock of ours covers: read once, fresh, before the transaction opens, so a slow provider never
   * holds a lock.
   */
  readonly locked: boolean;
  load(query: SourceQuery): Promise<SourceAnswer>;
}

/** A holding booking as the bookings table reports it. */
export interface HeldBooking extends HoldingBooking {
  userId: number;
  eventTypeId: number;
  bookingId: number;
  status?: string;
}

/** The narrow stores the built-in sources read. */
export interface ScheduleStore {
  findByIds(ids: number[], trx?: Knex): Promise<Array<ScheduleRules & { id: number }>>;
}
export interface BookingHoldStore {
  busyForHosts(userIds: number[], from: number, to: number, trx?: Knex, options?: { exceptBookingId?: number }): Promise<HeldBooking[]>;
}

/** Working hours: a single-host event type's own schedule, else each host's default. */
export function schedulesSource(store: ScheduleStore): AvailabilitySource {
  return {
    name: 'schedules',
    locked: true,
    async load({ eventType, hosts, trx }) {
      const scheduleIdOf = (host: AvailabilityHost) =>
        eventType.schedulingType === null && hosts.length === 1 && eventType.scheduleId !== null ? eventType.scheduleId : host.defaultScheduleId;
      const ids = [...new Set(hosts.map(scheduleIdOf).filter((id): id is number => id !== null))];
      const rows = await store.findByIds(ids, trx);
      const byHost = new Map<number, HostFacts>();
      for (const host of hosts) {
        const schedule = rows.find((row) => row.id === scheduleIdOf(host));
        if (schedule) byHost.set(host.id, { schedule });
      }
      return { byHost };
    },
  };
}

/** Bookings that hold time (pending, awaiting payment, accepted), one query for every host. */
export function bookingsSource(store: BookingHoldStore): AvailabilitySource {
  return {
    name: 'bookings',
    locked: true,
    async load({ hosts, window, trx, own }) {
      const held = await store.busyForHosts(hosts.map((host) => host.id), window.start, window.end, trx, own ? { exceptBookingId: own.bookingId } : {});
      const byHost = new Map<number, { busy: HeldBooking[] }>();
      for (const booking of held) {
        const facts = byHost.get(booking.userId);
        if (facts) facts.busy.push(booking);
        else byHost.set(booking.userId, { busy: [booking] });
      }
      return { byHost };
    },
  };
}
