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
  hosts: [{ username: 'alice', name: 'Alice Example', avatarUrl: null }],
  recurring: null,
  price: null,
  refundPolicy: { type: 'none' },
  locationType: 'jitsi',
  bookingFields: [],
  allowGuests: true,
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

/** Manage mode's bookings, by uid; `seedManagedBooking` puts one in. */
export const managed = new Map<string, Booking>();
export const MANAGE_TOKEN = 'mt_secret';

/** An accepted booking on the 20th of the current UTC month at 14:00 UTC, as the server would return it. */
export function seedManagedBooking(): Booking {
  managed.clear();
  const month = new Date().toISOString().slice(0, 7);
  const booking = bookingFrom({ event: 'alice/intro', start: `${month}-20T14:00:00.000Z`, timeZone: 'UTC', attendee: { name: 'Mia Manager', email: 'mia@example.com' } });
  managed.set(booking.uid, booking);
  return booking;
}

const unauthorized = () => HttpResponse.json({ error: { code: 'unauthorized', message: 'Invalid manage token' } }, { status: 401 });
const authorized = (request: Request) => request.headers.get('authorization') === `Bearer ${MANAGE_TOKEN}`;

handlers.push(
  http.get(`${API}/v1/bookings/:uid`, ({ request, params }) => {
    const booking = managed.get(String(params.uid));
    if (!authorized(request)) return unauthorized();
    return booking ? HttpResponse.json({ booking }) : HttpResponse.json({ error: { code: 'not_found', message: 'No such booking' } }, { status: 404 });
  }),
  http.post(`${API}/v1/bookings/:uid/cancel`, async ({ request, params }) => {
    if (!authorized(request)) return unauthorized();
    const body = (await request.json()) as { reason?: string };
    const booking = { ...managed.get(String(params.uid))!, status: 'cancelled' as const, cancellationReason: body.reason ?? null };
    managed.set(booking.uid, booking);
    return HttpResponse.json({ booking });
  }),
  http.post(`${API}/v1/bookings/:uid/reschedule`, async ({ request, params }) => {
    if (!authorized(request)) return unauthorized();
    const { start } = (await request.json()) as { start: string };
    const old = managed.get(String(params.uid))!;
    const moved = { ...old, uid: `${old.uid}_r`, start, end: new Date(Date.parse(start) + 30 * 60_000).toISOString(), rescheduledFromUid: old.uid };
    managed.set(old.uid, { ...old, status: 'cancelled', rescheduledToUid: moved.uid });
    managed.set(moved.uid, moved);
    return HttpResponse.json({ booking: moved }, { status: 201 });
  }),
);

export const worker = setupWorker(...handlers);

export async function startFakeApi(): Promise<void> {
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass', serviceWorker: { url: '/mockServiceWorker.js' } });
}
