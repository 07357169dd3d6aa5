import type { Knex } from 'knex';
import type { JobQueue } from '../jobs/index.js';
import { bookingMailJobs, calendarUid, type BookingEmailKind, type HostRecipient } from '../notifications/index.js';
import { publicBooking } from './access.js';
import type { ActionLinks } from './action-links.js';
import type { BookingRow } from './bookings.repo.js';

/**
 * Emails about a booking change, recorded in the change's own transaction as jobs (one per
 * message) that the worker renders and sends: they exist exactly when the change does, survive a
 * crash right after commit, and never slow or fail the request.
 */
export function createBookingNotifier(deps: { jobs: JobQueue; links: ActionLinks }) {
  const { jobs, links } = deps;

  // Links for the booking the host must decide on: a new request, or one that moved (the old links name the old booking).
  function hostRecipients(kind: BookingEmailKind, row: BookingRow): HostRecipient[] {
    const decides = kind === 'requested' || kind === 'request_rescheduled';
    return row.hosts.map((host) => ({
      username: host.username,
      timeZone: row.hostTimeZones[host.username] ?? 'UTC',
      ...(decides && { confirmUrl: links.decisionUrl('confirm', row), rejectUrl: links.decisionUrl('reject', row) }),
    }));
  }

  return {
    /**
     * `row` is the booking after the change; for `rescheduled`, the new booking, and `previous` the
     * one it replaced. `receiptUrl`: Stripe's receipt of a paid booking, for the booker's email.
     */
    async record(trx: Knex, now: number, kind: BookingEmailKind, row: BookingRow, previous?: BookingRow, extra: { receiptUrl?: string | null } = {}): Promise<void> {
      const mails = bookingMailJobs({
        kind,
        booking: publicBooking(row),
        eventTitle: row.eventTitle,
        ...(previous && { previous: publicBooking(previous) }),
        manageUrl: links.manageUrl(row),
        hosts: hostRecipients(kind, row),
        invite: { sequence: row.icsSequence, calendarUid: row.icalUid ?? calendarUid(row.uid) },
        ...(extra.receiptUrl && { receiptUrl: extra.receiptUrl }),
        ...((row.paymentState === 'releasing' || row.paymentState === 'released') && { chargeReleased: true }),
      });
      await jobs.enqueue(trx, mails, now);
    },
  };
}

export type BookingNotifier = ReturnType<typeof createBookingNotifier>;
