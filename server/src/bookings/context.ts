import type { Knex } from 'knex';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { dialectOf } from '../db/knex.js';
import type { EventTypesRepo } from '../event-types/event-types.repo.js';
import type { EventTypesService } from '../event-types/event-types.service.js';
import type { MeetingLocations } from '../locations/index.js';
import type { JobQueue } from '../jobs/index.js';
import type { NewEvent, Outbox } from '../outbox/outbox.js';
import { calendarSyncJob } from '../calendars/write-back.js';
import type { Signer } from '../security/signing.js';
import type { UsersRepo } from '../users/users.repo.js';
import type { AvailabilityService } from '../availability/availability.service.js';
import { createBookingAccess, publicBooking, type BookingAccessControl } from './access.js';
import { createActionLinks, type ActionLinks } from './action-links.js';
import { createBookingNotifier, type BookingNotifier } from './booking-notifier.js';
import type { BookingRow, BookingsRepo } from './bookings.repo.js';
import type { IdempotencyStore } from './idempotency.js';
import type { BookingPayments } from './payments-port.js';

export interface BookingsDeps {
  db: Knex;
  config: Config;
  clock: Clock;
  bookings: BookingsRepo;
  eventTypes: EventTypesService;
  eventTypesRepo: EventTypesRepo;
  usersRepo: UsersRepo;
  availability: AvailabilityService;
  locations: MeetingLocations;
  signer: Signer;
  idempotency: IdempotencyStore;
  outbox: Outbox;
  jobs: JobQueue;
  payments: BookingPayments;
}

/** What every part of the bookings service shares: its dependencies and a few helpers built on them. */
export interface BookingsContext extends BookingsDeps {
  /** A booking transaction (READ COMMITTED on MySQL, see below). */
  transaction<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T>;
  access: BookingAccessControl;
  links: ActionLinks;
  notifier: BookingNotifier;
  /** The outbox fields every event about `row` carries. */
  eventAbout(row: BookingRow): Omit<NewEvent, 'type'>;
  /**
   * Records, in the change's transaction, the jobs that write these bookings' new state to their
   * hosts' calendars; nothing (no query) when no host has a calendar connection.
   */
  syncCalendars(trx: Knex, now: number, rows: readonly BookingRow[]): Promise<void>;
}

export function createBookingsContext(deps: BookingsDeps): BookingsContext {
  const { db, config, signer, jobs } = deps;
  const links = createActionLinks({ publicUrl: config.publicUrl, signer });
  return {
    ...deps,
    transaction: bookingTransaction(db),
    access: createBookingAccess({ bookings: deps.bookings, signer }),
    links,
    notifier: createBookingNotifier({ jobs, links }),
    eventAbout,
    syncCalendars: (trx, now, rows) => recordCalendarSync(jobs, trx, now, rows),
  };
}

/** The `calendar.sync` jobs of changed bookings whose hosts write to a calendar (issue 11's write-back). */
export function recordCalendarSync(jobs: JobQueue, trx: Knex, now: number, rows: readonly BookingRow[]): Promise<void> {
  return jobs.enqueue(trx, rows.filter((row) => row.hostsHaveCalendars).map(calendarSyncJob), now);
}

/** The outbox fields every event about `row` carries. */
export function eventAbout(row: BookingRow): Omit<NewEvent, 'type'> {
  return { ownerUserId: row.ownerUserId, eventTypeId: row.eventTypeId, booking: publicBooking(row) };
}

/**
 * How every booking change runs. READ COMMITTED on MySQL: after the host locks are taken, the
 * overlap check must see every booking committed before them, not a snapshot from the start of
 * the transaction.
 */
export function bookingTransaction(db: Knex): <T>(work: (trx: Knex.Transaction) => Promise<T>) => Promise<T> {
  return (work) => withDeadlockRetry(() => (dialectOf(db) === 'mysql' ? db.transaction(work, { isolationLevel: 'read committed' }) : db.transaction(work)));
}

/**
 * InnoDB may pick a booking transaction as a deadlock victim (say, a foreign-key check's shared
 * lock against another transaction's host lock); it was rolled back whole, so running it again is
 * safe and answers the request instead of a 500.
 */
export async function withDeadlockRetry<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || (error as { code?: string }).code !== 'ER_LOCK_DEADLOCK') throw error;
    }
  }
}
