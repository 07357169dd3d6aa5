import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalEventStatus } from 'ical-generator';
import type { OutboundEvent } from '../provider.js';

/**
 * Our booking as a calendar object resource for a CalDAV PUT: one VEVENT, our UID, UTC times (no
 * VTIMEZONE to get wrong), SEQUENCE, and no METHOD (RFC 4791 §4.1: stored objects are not iTIP).
 */
export function calendarObject(event: OutboundEvent, stamp: number): string {
  const calendar = ical({ prodId: { company: 'OpenSlot', product: 'OpenSlot', language: 'EN' } });
  calendar.createEvent({
    id: event.icalUid,
    sequence: event.sequence,
    stamp: new Date(stamp),
    start: new Date(event.start),
    end: new Date(event.end),
    summary: event.title,
    description: event.description,
    location: event.location,
    status: event.status === 'confirmed' ? ICalEventStatus.CONFIRMED : ICalEventStatus.TENTATIVE,
    attendees: event.attendees.map((attendee) => ({
      email: attendee.email,
      ...(attendee.name && { name: attendee.name }),
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.ACCEPTED,
    })),
  });
  return calendar.toString();
}
