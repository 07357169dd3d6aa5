import type { Logger } from '../logger.js';
import { bookingEmails, calendarUid, type BookingEmailKind, type HostRecipient, type MailOutbox } from '../notifications/index.js';
import { publicBooking } from './access.js';
import type { ActionLinks } from './action-links.js';
import type { BookingRow } from './bookings.repo.js';

/**
 * Emails about a booking change, handed to the mail queue after the change committed. Building
 * or sending them never fails the request: a problem is logged, the booking stands.
 */
export function createBookingNotifier(deps: { mail: MailOutbox; links: ActionLinks; logger: Logger }) {
  const { mail, links, logger } = deps;

  function hostRecipients(kind: BookingEmailKind, row: BookingRow): HostRecipient[] {
    return row.hosts.map((host) => ({
      username: host.username,
      timeZone: row.hostTimeZones[host.username] ?? 'UTC',
      ...(kind === 'requested' && { confirmUrl: links.decisionUrl('confirm', row), rejectUrl: links.decisionUrl('reject', row) }),
    }));
  }

  return {
    /**
     * `row` is the booking after the change; for `rescheduled`, the new booking, and `previous` the
     * one it replaced. `receiptUrl`: Stripe's receipt of a paid booking, for the booker's email.
     */
    notify(kind: BookingEmailKind, row: BookingRow, previous?: BookingRow, extra: { receiptUrl?: string | null } = {}): void {
      try {
        const messages = bookingEmails({
          kind,
          booking: publicBooking(row),
          ...(previous && { previous: publicBooking(previous) }),
          manageUrl: links.manageUrl(row),
          hosts: hostRecipients(kind, row),
          invite: { sequence: row.icsSequence, calendarUid: row.icalUid ?? calendarUid(row.uid) },
          ...(extra.receiptUrl && { receiptUrl: extra.receiptUrl }),
          chargeReleased: row.paymentState === 'releasing' || row.paymentState === 'released',
        });
        for (const message of messages) mail.enqueue(message);
      } catch (error) {
        logger.error('booking emails not sent', { uid: row.uid, kind, error: String(error) });
      }
    },
  };
}

export type BookingNotifier = ReturnType<typeof createBookingNotifier>;
