import { describe, expect, it } from 'vitest';
import { aBooking } from '../test-support/booking-fixture.js';
import { bookingEmails, type BookingEmailInput } from './booking-emails.js';
import { calendarUid } from './calendar-invite.js';

const MANAGE_URL = 'https://slots.example.com/manage/bk_7f3a9c?token=manage-secret';
const hosts = [
  {
    username: 'alice',
    timeZone: 'Europe/Berlin',
    locale: 'en-GB',
    bookingUrl: 'https://slots.example.com/bookings/bk_7f3a9c',
    confirmUrl: 'https://slots.example.com/v1/bookings/bk_7f3a9c/confirm?sig=confirm-secret',
    rejectUrl: 'https://slots.example.com/v1/bookings/bk_7f3a9c/reject?sig=reject-secret',
  },
];

function emails(input: Partial<BookingEmailInput> & Pick<BookingEmailInput, 'kind'>) {
  const messages = bookingEmails({ booking: aBooking(), manageUrl: MANAGE_URL, hosts, invite: { sequence: 0 }, ...input });
  const to = (address: string) => {
    const message = messages.find((m) => m.to.some((r) => r.address === address));
    if (!message) throw new Error(`no email to ${address}`);
    return message;
  };
  return { messages, booker: to('bob@example.net'), host: to('alice@example.com'), to };
}

describe('bookingEmails', () => {
  it('tells booker, guests and host of a new booking, each in their own time zone, with an invite', () => {
    const { messages, booker, host, to } = emails({ kind: 'booked' });
    expect(messages).toHaveLength(3);
    expect(booker.subject).toMatch(/^Booked: Intro call on Dec 1, 2026, 4:00\s–\s4:30\sAM \(America\/New_York\)$/);
    expect(booker.text).toMatch(/When: Tuesday, December 1, 2026, 4:00\s–\s4:30\sAM EST \(America\/New_York\)/);
    expect(host.subject).toMatch(/^New booking: Intro call with Bob Booker on 1 Dec 2026, 10:00\s?–\s?10:30 \(Europe\/Berlin\)$/);
    expect(host.text).toMatch(/When: Tuesday,? 1 December 2026,? 10:00\s?–\s?10:30 CET \(Europe\/Berlin\)/);
    expect(to('carol@example.org').subject).toMatch(/^Invitation: Intro call/);
    for (const message of messages) {
      expect(message.calendar?.method).toBe('REQUEST');
      expect(message.text).toContain('Where: https://meet.jit.si/abcdefghijklmnopqrstuvwxyz');
    }
  });

  it('gives the manage link to the booker only and owner links to hosts only', () => {
    const { messages, booker, host } = emails({ kind: 'booked' });
    expect(booker.text).toContain(`Reschedule or cancel: ${MANAGE_URL}`);
    expect(booker.html).toContain(`<a href="${MANAGE_URL}"`);
    expect(host.text).toContain('View booking: https://slots.example.com/bookings/bk_7f3a9c');
    const notBooker = messages.filter((m) => m !== booker);
    for (const message of notBooker) expect(message.text + message.html).not.toContain('manage-secret');
    expect(booker.text + booker.html).not.toContain('slots.example.com/bookings/');
  });

  it('asks the host to confirm a request with the signed links, and sends no invite yet', () => {
    const { messages, booker, host } = emails({ kind: 'requested', booking: aBooking({ status: 'pending' }) });
    expect(messages.map((m) => m.to[0]?.address)).toEqual(['bob@example.net', 'alice@example.com']);
    expect(messages.every((m) => m.calendar === undefined)).toBe(true);
    expect(booker.subject).toMatch(/^Requested: Intro call/);
    expect(host.subject).toMatch(/^Please confirm: Intro call with Bob Booker/);
    expect(host.text).toContain(`Confirm booking: ${hosts[0]!.confirmUrl}`);
    expect(host.text).toContain(`Decline booking: ${hosts[0]!.rejectUrl}`);
    expect(host.html).toContain('>Confirm booking</a>');
    expect(booker.text + booker.html).not.toMatch(/confirm-secret|reject-secret/);
  });

  it('sends the calendar cancellation with the reason and without meeting or manage links', () => {
    const booking = aBooking({ status: 'cancelled', cancellationReason: 'Sick today' });
    const { messages, booker } = emails({ kind: 'cancelled', booking, invite: { sequence: 1 } });
    expect(messages).toHaveLength(3);
    expect(booker.subject).toMatch(/^Cancelled: Intro call on/);
    expect(booker.text).toContain('Reason: Sick today');
    expect(booker.text).not.toMatch(/meet\.jit\.si|Reschedule or cancel/);
    expect(booker.calendar?.method).toBe('CANCEL');
    expect(booker.calendar?.content).toMatch(/SEQUENCE:1/);
  });

  it('tells the booker a request was declined, with the reason, and leaves guests out', () => {
    const booking = aBooking({ status: 'rejected', rejectionReason: 'Fully booked that week' });
    const { messages, booker } = emails({ kind: 'rejected', booking });
    expect(messages).toHaveLength(2);
    expect(booker.subject).toMatch(/^Declined: Intro call/);
    expect(booker.text).toContain('Reason: Fully booked that week');
    expect(booker.calendar).toBeUndefined();
  });

  it('shows old and new time of a reschedule and moves the original calendar event', () => {
    const previous = aBooking({ status: 'cancelled', rescheduledToUid: 'bk_new' });
    const booking = aBooking({ uid: 'bk_new', start: '2026-12-02T15:00:00.000Z', end: '2026-12-02T15:30:00.000Z', rescheduledFromUid: 'bk_7f3a9c' });
    const { booker } = emails({ kind: 'rescheduled', booking, previous, invite: { sequence: 1, calendarUid: calendarUid('bk_7f3a9c') } });
    expect(booker.subject).toMatch(/^Rescheduled: Intro call to Dec 2, 2026, 10:00\s–\s10:30\sAM \(America\/New_York\)$/);
    expect(booker.text).toMatch(/Previously: Tuesday, December 1, 2026, 4:00\s–\s4:30\sAM EST/);
    expect(booker.calendar?.content).toContain('UID:bk_7f3a9c@openslot');
  });

  it('writes accessible, escaped HTML', () => {
    const { host } = emails({ kind: 'booked', booking: aBooking({ title: 'Q&A <live>' }) });
    expect(host.html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(host.html).toContain('<title>New booking: Q&#38;A &#60;live&#62; with Bob Booker');
    expect(host.html).toContain('<h1 style="font-size:22px;margin:0 0 16px 0">You have a new booking</h1>');
    expect(host.html).toContain('<dt style="font-weight:600">notes</dt>\n<dd style="margin:0 0 12px 0">Looking forward &#60;3</dd>');
    expect(host.html).not.toContain('<live>');
  });

  it("uses the booker's locale for dates and UTC for a host the caller did not describe", () => {
    const booking = aBooking({ attendee: { name: 'Bea', email: 'bob@example.net', timeZone: 'Europe/Vienna', locale: 'de-AT' } });
    const { booker, host } = emails({ kind: 'booked', booking, hosts: [] });
    expect(booker.text).toMatch(/When: Dienstag, 1\. Dezember 2026, 10:00\s?–\s?10:30 (Uhr )?MEZ \(Europe\/Vienna\)/);
    expect(host.text).toMatch(/9:00\s–\s9:30\sAM UTC \(UTC\)/);
  });

  it('shows a phone number as a tel: link', () => {
    const booking = aBooking({ location: { type: 'phone', url: null, address: '+49 30 1234567' } });
    const { booker } = emails({ kind: 'booked', booking });
    expect(booker.text).toContain('Phone: +49 30 1234567 (tel:+49301234567)');
    expect(booker.html).toContain('<a href="tel:+49301234567">+49 30 1234567</a>');
  });
});
