import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { aBooking } from '../test-support/booking-fixture.js';
import { bookingInvite, calendarUid } from './calendar-invite.js';

function parseInvite(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const event = calendar.getFirstSubcomponent('vevent');
  if (!event) throw new Error('no VEVENT');
  const value = (name: string) => event.getFirstPropertyValue(name);
  const instant = (name: string) => {
    const time = value(name) as ICAL.Time;
    return { iso: time.toJSDate().toISOString(), utc: time.zone === ICAL.Timezone.utcTimezone };
  };
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: value('uid'),
    sequence: value('sequence'),
    status: value('status'),
    summary: value('summary'),
    location: value('location'),
    url: value('url'),
    description: String(value('description')),
    start: instant('dtstart'),
    end: instant('dtend'),
    organizer: String(value('organizer')).toLowerCase(),
    attendees: event.getAllProperties('attendee').map((p) => String(p.getFirstValue()).toLowerCase()),
  };
}

describe('bookingInvite', () => {
  it('invites everyone to the meeting, in UTC, with the meeting URL as LOCATION and URL', () => {
    const invite = parseInvite(bookingInvite(aBooking(), { method: 'REQUEST', sequence: 0 }));
    expect(invite).toMatchObject({
      method: 'REQUEST',
      uid: 'bk_7f3a9c@openslot',
      sequence: 0,
      status: 'CONFIRMED',
      summary: 'Intro call',
      location: 'https://meet.jit.si/abcdefghijklmnopqrstuvwxyz',
      url: 'https://meet.jit.si/abcdefghijklmnopqrstuvwxyz',
      start: { iso: '2026-12-01T09:00:00.000Z', utc: true },
      end: { iso: '2026-12-01T09:30:00.000Z', utc: true },
      organizer: 'mailto:alice@example.com',
    });
    expect(invite.description).toContain('Join: https://meet.jit.si/abcdefghijklmnopqrstuvwxyz');
    expect(invite.attendees).toEqual(['mailto:bob@example.net', 'mailto:carol@example.org']);
  });

  it('cancels the same event with a higher sequence', () => {
    const booking = aBooking();
    const request = parseInvite(bookingInvite(booking, { method: 'REQUEST', sequence: 0 }));
    const cancel = parseInvite(bookingInvite({ ...booking, status: 'cancelled' }, { method: 'CANCEL', sequence: 1 }));
    expect(cancel).toMatchObject({ method: 'CANCEL', uid: request.uid, sequence: 1, status: 'CANCELLED' });
  });

  it('moves a rescheduled meeting by reusing the calendar UID of the booking it replaces', () => {
    const moved = aBooking({ uid: 'bk_new', start: '2026-12-02T15:00:00.000Z', end: '2026-12-02T15:30:00.000Z', rescheduledFromUid: 'bk_7f3a9c' });
    const invite = parseInvite(bookingInvite(moved, { method: 'REQUEST', sequence: 2, calendarUid: calendarUid('bk_7f3a9c') }));
    expect(invite).toMatchObject({ uid: 'bk_7f3a9c@openslot', sequence: 2, start: { iso: '2026-12-02T15:00:00.000Z' } });
  });

  it('puts an in-person address in LOCATION and leaves URL out', () => {
    const booking = aBooking({ location: { type: 'in_person', url: null, address: 'Alexanderplatz 1, Berlin' } });
    const invite = parseInvite(bookingInvite(booking, { method: 'REQUEST', sequence: 0, description: 'Bring the contract.' }));
    expect(invite.location).toBe('Alexanderplatz 1, Berlin');
    expect(invite.url).toBeNull();
    expect(invite.description).toBe('Bring the contract.\n\nAddress: Alexanderplatz 1, Berlin');
  });

  it('lists co-hosts as attendees, a pending booking as tentative, and is the same text for the same change', () => {
    const booking = aBooking({
      status: 'pending',
      hosts: [
        { username: 'alice', name: 'Alice Host', email: 'alice@example.com' },
        { username: 'dan', name: 'Dan Cohost', email: 'dan@example.com' },
      ],
    });
    const text = bookingInvite(booking, { method: 'REQUEST', sequence: 0 });
    const invite = parseInvite(text);
    expect(invite.status).toBe('TENTATIVE');
    expect(invite.attendees[0]).toBe('mailto:dan@example.com');
    expect(bookingInvite(booking, { method: 'REQUEST', sequence: 0 })).toBe(text);
  });
});
