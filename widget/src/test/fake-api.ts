// Test-only: a fake OpenSlot API at the HTTP boundary, served by msw's service worker, so the
// widget runs its real SDK, transport and query cache against it.
import { http, HttpResponse, type RequestHandler } from 'msw';
import { setupWorker } from 'msw/browser';
import type { Booking, CreateBookingInput, PublicEventType, SlotsResponse } from '@openslot/sdk';

export const API = 'https://api.openslot.test';

export const eventType: PublicEventType = {
  event: 'alice/intro',
  owner: 'alice',
  slug: 'intro',
  title: 'Intro call',
  description: 'A first chat',
  durationMinutes: 30,
  requiresConfirmation: false,
  seats: null,
  schedulingType: null,
  hosts: [{ username: 'alice', name: 'Alice Example' }],
  recurring: null,
  price: null,
  locationType: 'jitsi',
  bookingFields: [],
  timeZone: 'Europe/Berlin',
};

/** The free days of any requested month: the 10th (three times) and the 20th (one time), at 09:00 UTC on. */
export const FREE_DAYS = ['10', '20'];

export function slotsFor(start: string, timeZone: string): SlotsResponse {
  const month = start.slice(0, 7);
  const slot = (day: string, time: string) => {
    const start = new Date(`${month}-${day}T${time}:00.000Z`);
    return { start: start.toISOString(), end: new Date(start.getTime() + 30 * 60_000).toISOString() };
  };
  return {
    eventType: 'alice/intro',
    timeZone,
    slots: {
      [`${month}-10`]: [slot('10', '09:00'), slot('10', '09:30'), slot('10', '10:00')],
      [`${month}-20`]: [slot('20', '14:00')],
    },
  };
}

export function bookingFrom(input: CreateBookingInput, status: Booking['status'] = 'accepted'): Booking {
  const start = new Date(input.start);
  return {
    uid: 'bk_test_1',
    status,
    eventType: input.event,
    title: 'Intro call between Alice Example and ' + input.attendee.name,
    start: start.toISOString(),
    end: new Date(start.getTime() + 30 * 60_000).toISOString(),
    timeZone: input.timeZone,
    hosts: [{ username: 'alice', name: 'Alice Example', email: 'alice@example.com' }],
    attendee: { name: input.attendee.name, email: input.attendee.email, timeZone: input.timeZone, locale: input.attendee.locale ?? null },
    guests: [],
    responses: {},
    metadata: {},
    location: { type: 'jitsi', url: 'https://meet.jit.si/openslot-bk_test_1', address: null },
    recurringSeriesUid: null,
    rescheduledFromUid: null,
    rescheduledToUid: null,
    cancellationReason: null,
    rejectionReason: null,
    payment: null,
    createdAt: '2026-11-26T10:00:00.000Z',
    updatedAt: '2026-11-26T10:00:00.000Z',
  };
}

/** Every request the fake received, for assertions on what the widget sent. */
export const requests: Request[] = [];

export const handlers: RequestHandler[] = [
  http.all(`${API}/*`, ({ request }) => {
    requests.push(request.clone());
  }),
  http.get(`${API}/v1/event-types/alice/intro`, () => HttpResponse.json({ eventType })),
  http.get(`${API}/v1/slots`, ({ request }) => {
    const query = new URL(request.url).searchParams;
    return HttpResponse.json(slotsFor(query.get('start')!, query.get('timeZone')!));
  }),
  http.post(`${API}/v1/bookings`, async ({ request }) => {
    const input = (await request.json()) as CreateBookingInput;
    return HttpResponse.json({ booking: bookingFrom(input), manageToken: 'mt_secret' }, { status: 201, headers: { 'x-request-id': 'req_1' } });
  }),
];

export const worker = setupWorker(...handlers);

export async function startFakeApi(): Promise<void> {
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
}
