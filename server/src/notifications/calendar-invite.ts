import type { Booking } from '@openslot/sdk/schemas';
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

export type InviteMethod = 'REQUEST' | 'CANCEL';

export interface InviteOptions {
  method: InviteMethod;
  /**
   * The invite's revision, stored with the booking: 0 for the first invite, one more for every
   * invite after it (confirmation after a tentative request, cancellation, reschedule).
   * Calendars ignore an update whose SEQUENCE is not higher than the one they hold.
   */
  sequence: number;
  /** Defaults to `calendarUid(booking.uid)`. A rescheduled booking passes the UID of the booking
   * it replaces, so attendees' calendars move the event instead of showing the old one too. */
  calendarUid?: string;
  /** Defaults to the first host. */
  organizer?: { name: string; email: string };
  /** Shown in the event body above the meeting details, e.g. the event type's description. */
  description?: string;
  /** DTSTAMP; defaults to the booking's `updatedAt`, so the same change renders the same text. */
  stamp?: string;
}

/** The iCalendar UID of a booking's event: stable across every invite about it. */
export function calendarUid(bookingUid: string): string {
  return `${bookingUid}@openslot`;
}

/** An iTIP message (RFC 5546) for a booking, to attach as `text/calendar; method=…`. */
export function bookingInvite(booking: Booking, options: InviteOptions): string {
  const organizer = options.organizer ?? booking.hosts[0];
  if (!organizer) throw new Error(`booking ${booking.uid} has no host to organize its invite`);
  const cancelled = options.method === 'CANCEL';
  const { url, address } = booking.location;

  const calendar = ical({
    prodId: { company: 'OpenSlot', product: 'OpenSlot', language: 'EN' },
    method: cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: options.calendarUid ?? calendarUid(booking.uid),
    sequence: options.sequence,
    stamp: new Date(options.stamp ?? booking.updatedAt),
    // No time zone given: ical-generator writes UTC instants (DTSTART:…Z), read right everywhere.
    start: new Date(booking.start),
    end: new Date(booking.end),
    summary: booking.title,
    description: inviteDescription(booking, options.description),
    location: url ?? address,
    url,
    status: cancelled ? ICalEventStatus.CANCELLED : booking.status === 'accepted' ? ICalEventStatus.CONFIRMED : ICalEventStatus.TENTATIVE,
    organizer: { name: organizer.name, email: organizer.email },
    attendees: [
      ...booking.hosts
        .filter((host) => host.email !== organizer.email)
        .map((host) => ({ name: host.name, email: host.email, role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.ACCEPTED })),
      { name: booking.attendee.name, email: booking.attendee.email, role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.ACCEPTED },
      ...booking.guests.map((email) => ({ email, role: ICalAttendeeRole.OPT, status: ICalAttendeeStatus.NEEDSACTION, rsvp: true })),
    ],
  });
  return calendar.toString();
}

// Manage links stay out of the invite: it is forwarded and shared with guests, and they carry tokens.
function inviteDescription(booking: Booking, description: string | undefined): string {
  const { url, address, type } = booking.location;
  const lines = description?.trim() ? [description.trim(), ''] : [];
  if (url) lines.push(`Join: ${url}`);
  if (address) lines.push(type === 'phone' ? `Phone: ${address}` : `Address: ${address}`);
  return lines.join('\n');
}
