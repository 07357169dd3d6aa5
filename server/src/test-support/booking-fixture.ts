import type { Booking } from '@openslot/sdk/schemas';

/** A booking as the API returns it, for the notification tests (shipped, but tiny and inert). */
export function aBooking(overrides: Partial<Booking> = {}): Booking {
  return {
    uid: 'bk_7f3a9c',
    status: 'accepted',
    eventType: 'alice/intro',
    title: 'Intro call',
    start: '2026-12-01T09:00:00.000Z',
    end: '2026-12-01T09:30:00.000Z',
    timeZone: 'America/New_York',
    hosts: [{ username: 'alice', name: 'Alice Host', email: 'alice@example.com' }],
    attendee: { name: 'Bob Booker', email: 'bob@example.net', timeZone: 'America/New_York', locale: 'en-US' },
    guests: ['carol@example.org'],
    responses: { notes: 'Looking forward <3' },
    metadata: {},
    location: { type: 'jitsi', url: 'https://meet.jit.si/abcdefghijklmnopqrstuvwxyz', address: null },
    recurringSeriesUid: null,
    rescheduledFromUid: null,
    rescheduledToUid: null,
    cancellationReason: null,
    rejectionReason: null,
    payment: null,
    createdAt: '2026-11-20T12:00:00.000Z',
    updatedAt: '2026-11-20T12:00:00.000Z',
    ...overrides,
  };
}
