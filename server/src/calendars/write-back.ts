import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { calendarUid } from '../notifications/index.js';
import type { CalendarsRepo } from './calendars.repo.js';
import type { Connections } from './connections.js';
import { CalendarError, type OutboundEvent } from './provider.js';

/** The job kind that writes one booking change to its hosts' destination calendars. */
export const CALENDAR_SYNC = 'calendar.sync';

/** What write-back needs to know of a booking (a `BookingRow` is one). */
export interface SyncedBooking {
  uid: string;
  status: string;
  title: string;
  start: string;
  end: string;
  hostIds: number[];
  hosts: Array<{ name: string; email: string }>;
  attendee: { name: string; email: string };
  guests: string[];
  location: { url: string | null; address: string | null };
  icsSequence: number;
  icalUid: string | null;
  rescheduledToUid: string | null;
}

export interface BookingLookup {
  findByUid(uid: string): Promise<SyncedBooking | null>;
}

/**
 * The job for a booking change, recorded in the change's transaction. Its key names the change
 * (every change bumps `icsSequence`), so a change is written once however often it is enqueued.
 */
export function calendarSyncJob(booking: { uid: string; icsSequence: number }) {
  return { kind: CALENDAR_SYNC, payload: { bookingUid: booking.uid }, key: `${CALENDAR_SYNC}:${booking.uid}:${booking.icsSequence}` };
}

// Per provider call; the job's lease is longer than a few of these.
const WRITE_MS = 20_000;

function outbound(booking: SyncedBooking, icalUid: string): OutboundEvent {
  const { url, address } = booking.location;
  return {
    icalUid,
    sequence: booking.icsSequence,
    title: booking.title,
    description: [url && `Join: ${url}`, address && `Where: ${address}`, `Booked with ${booking.attendee.name} <${booking.attendee.email}> through OpenSlot.`].filter(Boolean).join('\n'),
    location: url ?? address,
    start: Date.parse(booking.start),
    end: Date.parse(booking.end),
    status: 'confirmed',
    attendees: [
      { name: booking.attendee.name, email: booking.attendee.email },
      ...booking.guests.map((email) => ({ name: null, email })),
      ...booking.hosts.slice(1).map((host) => ({ name: host.name, email: host.email })),
    ],
  };
}

/**
 * Makes the hosts' calendars agree with a booking: an accepted booking is in each host's
 * destination calendar (created, or updated in place after a reschedule — the UID stays), anything
 * else (pending, cancelled, rejected, expired) is in none. It reads the booking's state when it
 * runs, so retries and jobs running out of order all converge on the latest state. A refused
 * credential breaks that connection and stops there; other failures throw for a retry.
 */
export function createCalendarWriteBack(deps: { repo: CalendarsRepo; connections: Connections; bookings: BookingLookup; clock: Clock; logger: Logger }) {
  const { repo, connections, bookings, clock, logger } = deps;

  async function current(uid: string): Promise<SyncedBooking | null> {
    let booking = await bookings.findByUid(uid);
    // A rescheduled booking's event now belongs to the booking it became.
    for (let hops = 0; booking?.rescheduledToUid && hops < 20; hops++) booking = (await bookings.findByUid(booking.rescheduledToUid)) ?? booking;
    return booking;
  }

  async function syncOnce(booking: SyncedBooking): Promise<CalendarError | null> {
    const icalUid = booking.icalUid ?? calendarUid(booking.uid);
    const wanted = booking.status === 'accepted' ? (await Promise.all(booking.hostIds.map((id) => repo.destinationOf(id)))).filter((d) => d !== null) : [];
    const targets = wanted.filter((d) => d.connection.status === 'ok' && d.calendar.writable && connections.provider(d.connection.type).putEvent);
    const refs = await repo.eventRefs(icalUid);
    let retry: CalendarError | null = null;
    const attempt = async (connection: Parameters<Connections['markBroken']>[0], work: () => Promise<void>) => {
      try {
        await work();
      } catch (error) {
        const failure = error instanceof CalendarError ? error : new CalendarError('unavailable', String(error));
        if (failure.reason === 'auth') return connections.markBroken(connection, failure.message);
        logger.warn('calendar write failed', { connection: connection.id, reason: failure.reason, booking: booking.uid });
        if (!retry || failure.reason === 'rate_limited') retry = failure;
      }
    };
    for (const ref of refs.filter((r) => !targets.some((t) => t.calendar.id === r.calendarId))) {
      await attempt(ref.connection, async () => {
        const host = { timeZone: 'UTC', ownerEmails: [] };
        if (ref.connection.status === 'ok') await connections.provider(ref.connection.type).deleteEvent?.(connections.open(ref.connection, host), ref.calendarExternalId, ref, AbortSignal.timeout(WRITE_MS));
        await repo.deleteEventRef(ref.id);
      });
    }
    for (const target of targets) {
      await attempt(target.connection, async () => {
        const existing = refs.find((r) => r.calendarId === target.calendar.id) ?? null;
        const provider = connections.provider(target.connection.type);
        const ref = await provider.putEvent!(connections.open(target.connection, { timeZone: 'UTC', ownerEmails: [] }), target.calendar.externalId, outbound(booking, icalUid), existing, AbortSignal.timeout(WRITE_MS));
        await repo.saveEventRef({ icalUid, calendarId: target.calendar.id, externalId: ref.externalId, etag: ref.etag }, clock.now());
      });
    }
    return retry;
  }

  return {
    /**
     * Runs one `calendar.sync` job. Throws the failure to retry with (a `CalendarError`; its
     * `retryAfterMs` when the provider named a time).
     */
    async sync(bookingUid: string): Promise<void> {
      let booking = await current(bookingUid);
      // Another change may land while we write: go again until what we wrote is what is stored.
      for (let round = 0; booking && round < 3; round++) {
        const failure = await syncOnce(booking);
        if (failure) throw failure;
        const after = await current(bookingUid);
        if (!after || (after.uid === booking.uid && after.status === booking.status && after.icsSequence === booking.icsSequence)) return;
        booking = after;
      }
    },
  };
}

export type CalendarWriteBack = ReturnType<typeof createCalendarWriteBack>;
