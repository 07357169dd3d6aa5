// Test-only: a fake OpenSlot owner API at the HTTP boundary (msw's service worker), so the host
// components run their real SDK and transport against it. State resets with `resetHostApi()`.
import { http, HttpResponse, type RequestHandler } from 'msw';
import { setupWorker } from 'msw/browser';
import type { RecordedEvent } from './helpers.js';
import { EVENT_TYPE_DEFAULTS, type Booking, type CalendarConnection, type EventType, type Schedule, type StripeState, type Team, type User } from '@openslot/sdk';

export const API = 'https://api.openslot.test';
export const TOKEN = 'ost_session_alice';

/** Every request the fake received (bodies readable with `.json()`), for assertions on what a component sent. */
export const requests: Request[] = [];

export const state = {
  user: undefined as unknown as User,
  schedules: [] as Schedule[],
  bookings: [] as Booking[],
  eventTypes: [] as EventType[],
  teams: [] as Team[],
  stripe: undefined as unknown as StripeState,
  connections: [] as CalendarConnection[],
};

export function makeEventType(id: number, owner: string, slug: string, title: string, settings: Partial<EventType> = {}): EventType {
  return { ...structuredClone(EVENT_TYPE_DEFAULTS), id, owner, slug, event: `${owner}/${slug}`, title, durationMinutes: 30, ...settings };
}

const DAY = 86_400_000;

/** A booking of alice's `days` from now (negative: past) at 14:00 UTC. */
export function makeBooking(uid: string, days: number, attendee: string, status: Booking['status'] = 'accepted'): Booking {
  const start = new Date(Math.floor(Date.now() / DAY) * DAY + days * DAY + 14 * 3_600_000);
  const email = `${attendee.toLowerCase().split(' ')[0]}@example.com`;
  return {
    uid,
    status,
    eventType: 'alice/intro',
    title: `Intro call between Alice Example and ${attendee}`,
    start: start.toISOString(),
    end: new Date(start.getTime() + 30 * 60_000).toISOString(),
    timeZone: 'UTC',
    hosts: [{ username: 'alice', name: 'Alice Example', email: 'alice@example.com' }],
    attendee: { name: attendee, email, timeZone: 'UTC', locale: null },
    guests: [],
    responses: {},
    metadata: {},
    location: { type: 'jitsi', url: `https://meet.jit.si/openslot-${uid}`, address: null },
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

/** The list the server would answer for `status` (upcoming, pending, past) and `q`, ordered as it orders them. */
function listed(status: string | null, q: string | null): Booking[] {
  const now = Date.now();
  const holding = (b: Booking) => ['pending', 'awaiting_payment', 'accepted'].includes(b.status);
  let list = state.bookings.filter((b) =>
    status === 'upcoming' ? holding(b) && Date.parse(b.end) > now : status === 'past' ? b.status === 'accepted' && Date.parse(b.end) <= now : status ? b.status === status : true,
  );
  if (q) list = list.filter((b) => [b.title, b.attendee.name, b.attendee.email].some((text) => text.toLowerCase().includes(q.toLowerCase())));
  list.sort((a, b) => a.start.localeCompare(b.start));
  return status === 'past' ? list.reverse() : list;
}

export function resetHostApi(): void {
  requests.length = 0;
  state.eventTypes = [
    makeEventType(1, 'alice', 'intro', 'Intro call'),
    makeEventType(2, 'acme', 'sales', 'Sales call', { schedulingType: 'round_robin', hosts: [{ username: 'alice', weight: 1, priority: 2, fixed: false }] }),
  ];
  state.teams = [{ slug: 'acme', name: 'Acme', members: [{ username: 'alice', role: 'owner', status: 'active' }, { username: 'bob', role: 'member', status: 'active' }, { username: 'cleo', role: 'member', status: 'invited' }] }];
  state.stripe = { paymentsEnabled: false, connect: false, account: null };
  state.connections = [
    {
      id: '1', type: 'google', label: 'alice@gmail.com', status: 'ok', statusReason: null, onError: 'block', createdAt: '2026-11-20T10:00:00.000Z',
      calendars: [
        { id: '11', name: 'Alice', busy: true, destination: true, writable: true },
        { id: '12', name: 'Family', busy: false, destination: false, writable: true },
        { id: '13', name: 'Holidays in Germany', busy: false, destination: false, writable: false },
      ],
    },
    {
      id: '2', type: 'caldav', label: 'alice@icloud.com', status: 'broken', statusReason: 'the server refused the credentials', onError: 'block', createdAt: '2026-11-21T10:00:00.000Z',
      calendars: [{ id: '21', name: 'Work', busy: true, destination: false, writable: true }],
    },
  ];
  state.bookings = [
    makeBooking('bk_1', 2, 'Mia Meyer'),
    makeBooking('bk_2', 3, 'Noah Novak', 'pending'),
    makeBooking('bk_3', 4, 'Olga Ortiz'),
    makeBooking('bk_4', -3, 'Paul Past'),
  ];
  state.user = { username: 'alice', name: 'Alice Example', avatarUrl: null, email: 'alice@example.com', timeZone: 'Europe/Berlin', allowDynamicGroup: false, defaultScheduleId: 1 };
  state.schedules = [
    {
      id: 1,
      owner: 'alice',
      name: 'Working hours',
      timeZone: 'Europe/Berlin',
      weeklyHours: (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, start: '09:00', end: '17:00' })),
      overrides: [],
    },
    { id: 2, owner: 'alice', name: 'Weekends', timeZone: 'Europe/Berlin', weeklyHours: [{ day: 'sat', start: '10:00', end: '14:00' }], overrides: [] },
  ];
}

export const error = (status: number, code: string, message: string, details?: unknown) =>
  HttpResponse.json({ error: { code, message, ...(details !== undefined && { details }) } }, { status });

const authorized = (request: Request) => request.headers.get('authorization') === `Bearer ${TOKEN}`;

export const handlers: RequestHandler[] = [
  http.all(`${API}/*`, ({ request }) => {
    requests.push(request.clone());
    if (!authorized(request)) return error(401, 'unauthorized', 'Invalid or expired token');
  }),
  http.get(`${API}/v1/users/alice`, () => HttpResponse.json({ user: state.user })),
  http.patch(`${API}/v1/users/alice`, async ({ request }) => {
    state.user = { ...state.user, ...((await request.json()) as Partial<User>) };
    return HttpResponse.json({ user: state.user });
  }),
  http.get(`${API}/v1/schedules`, () => HttpResponse.json({ schedules: state.schedules, nextCursor: null })),
  http.post(`${API}/v1/schedules`, async ({ request }) => {
    const body = (await request.json()) as Omit<Schedule, 'id'>;
    const schedule: Schedule = { ...body, owner: 'alice', id: state.schedules.length + 1 };
    state.schedules.push(schedule);
    return HttpResponse.json({ schedule }, { status: 201 });
  }),
  http.patch(`${API}/v1/schedules/:id`, async ({ request, params }) => {
    const index = state.schedules.findIndex((s) => s.id === Number(params.id));
    state.schedules[index] = { ...state.schedules[index]!, ...((await request.json()) as Partial<Schedule>) };
    return HttpResponse.json({ schedule: state.schedules[index] });
  }),
  http.get(`${API}/v1/bookings`, ({ request }) => {
    const query = new URL(request.url).searchParams;
    const all = listed(query.get('status'), query.get('q'));
    const offset = Number(query.get('cursor') ?? 0);
    const limit = Number(query.get('limit') ?? 100);
    const next = offset + limit < all.length ? String(offset + limit) : null;
    return HttpResponse.json({ bookings: all.slice(offset, offset + limit), nextCursor: next });
  }),
  http.post(`${API}/v1/bookings/:uid/:action`, async ({ request, params }) => {
    const booking = state.bookings.find((b) => b.uid === params.uid)!;
    const body = (await request.json()) as { reason?: string; start?: string };
    const changed = (patch: Partial<Booking>) => Object.assign(booking, patch);
    switch (params.action) {
      case 'confirm':
        if (booking.status !== 'pending') return error(409, 'invalid_transition', 'Not pending');
        return HttpResponse.json({ booking: changed({ status: 'accepted' }) });
      case 'reject':
        return HttpResponse.json({ booking: changed({ status: 'rejected', rejectionReason: body.reason ?? null }) });
      case 'cancel':
        return HttpResponse.json({ booking: changed({ status: 'cancelled', cancellationReason: body.reason ?? null }) });
      default: {
        const moved = { ...booking, uid: `${booking.uid}_r`, start: body.start!, end: new Date(Date.parse(body.start!) + 30 * 60_000).toISOString(), rescheduledFromUid: booking.uid };
        changed({ status: 'cancelled', rescheduledToUid: moved.uid });
        state.bookings.push(moved);
        return HttpResponse.json({ booking: moved }, { status: 201 });
      }
    }
  }),
  http.get(`${API}/v1/event-types`, () => HttpResponse.json({ eventTypes: state.eventTypes, nextCursor: null })),
  http.post(`${API}/v1/event-types`, async ({ request }) => {
    const body = (await request.json()) as Partial<EventType> & { owner: string; slug: string; title: string };
    if (body.price && !state.stripe.paymentsEnabled) return noPayments();
    const eventType = makeEventType(state.eventTypes.length + 1, body.owner, body.slug, body.title, body);
    state.eventTypes.push(eventType);
    return HttpResponse.json({ eventType }, { status: 201 });
  }),
  http.patch(`${API}/v1/event-types/:id`, async ({ request, params }) => {
    const body = (await request.json()) as Partial<EventType>;
    if (body.price && !state.stripe.paymentsEnabled) return noPayments();
    const eventType = state.eventTypes.find((e) => e.id === Number(params.id))!;
    Object.assign(eventType, body);
    return HttpResponse.json({ eventType });
  }),
  http.delete(`${API}/v1/event-types/:id`, ({ params }) => {
    state.eventTypes = state.eventTypes.filter((e) => e.id !== Number(params.id));
    return new HttpResponse(null, { status: 204 });
  }),
  http.get(`${API}/v1/teams`, () => HttpResponse.json({ teams: state.teams, nextCursor: null })),
  http.get(`${API}/v1/users/alice/stripe`, () => HttpResponse.json({ stripe: state.stripe })),
  http.get(`${API}/v1/teams/acme/stripe`, () => HttpResponse.json({ stripe: { paymentsEnabled: true, connect: true, account: null } })),
  http.post(`${API}/v1/:owners/:handle/stripe/connect`, ({ params }) => {
    if (!state.stripe.connect) return error(422, 'payments_not_configured', 'Stripe Connect is not enabled on this server (STRIPE_SECRET_KEY and STRIPE_CONNECT=true)');
    return HttpResponse.json({ url: `https://connect.stripe.test/setup/${params.handle}` }, { status: 201 });
  }),
  http.get(`${API}/v1/users/alice/calendars`, () => HttpResponse.json({ connections: state.connections })),
  http.post(`${API}/v1/users/alice/calendars/:provider/connect`, ({ params }) =>
    HttpResponse.json({ url: `https://accounts.${params.provider}.test/consent?state=signed` }, { status: 201 }),
  ),
  http.post(`${API}/v1/users/alice/calendars`, async ({ request }) => {
    const body = (await request.json()) as { type: 'ics' | 'caldav'; url: string; username?: string; password?: string };
    if (body.password === 'wrong') return error(422, 'calendar_auth_failed', 'The calendar server refused these credentials', { reason: 'auth' });
    const connection: CalendarConnection = {
      id: String(state.connections.length + 1), type: body.type, label: body.username ?? new URL(body.url).host, status: 'ok', statusReason: null, onError: 'block', createdAt: '2026-12-01T10:00:00.000Z',
      calendars: [{ id: '31', name: body.type === 'ics' ? 'Feed' : 'Personal', busy: true, destination: false, writable: body.type === 'caldav' }],
    };
    state.connections.push(connection);
    return HttpResponse.json({ connection }, { status: 201 });
  }),
  http.patch(`${API}/v1/users/alice/calendars/:id`, async ({ request, params }) => {
    const body = (await request.json()) as { calendars?: Array<{ id: string; busy?: boolean; destination?: boolean }>; password?: string };
    const connection = state.connections.find((c) => c.id === params.id)!;
    if (body.password) Object.assign(connection, { status: 'ok', statusReason: null });
    for (const choice of body.calendars ?? []) {
      if (choice.destination) for (const c of state.connections) for (const calendar of c.calendars) calendar.destination = false;
      Object.assign(connection.calendars.find((c) => c.id === choice.id)!, choice);
    }
    return HttpResponse.json({ connection });
  }),
  http.delete(`${API}/v1/users/alice/calendars/:id`, ({ params }) => {
    state.connections = state.connections.filter((c) => c.id !== params.id);
    return new HttpResponse(null, { status: 204 });
  }),
];

function noPayments() {
  return error(422, 'payments_not_configured', 'This server takes no payments: set STRIPE_SECRET_KEY before giving an event type a price', { field: 'price' });
}

export const worker = setupWorker(...handlers);

export async function startHostApi(): Promise<void> {
  await worker.start({ quiet: true, onUnhandledRequest: 'error', serviceWorker: { url: '/mockServiceWorker.js' } });
}

let mounted: Element[] = [];

/**
 * The hooks every host component test shares: the fake API started once and reset before each
 * test, the events of `types` recorded as they reach `document` (so: bubbling and composed), and
 * what `mount` made removed after each test. The returned list is emptied before each test.
 */
export function useHostApi(types: string[]): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  let stop = new AbortController();
  before(startHostApi);
  beforeEach(() => {
    resetHostApi();
    events.length = 0;
    stop = new AbortController();
    for (const type of types) document.addEventListener(type, (event) => events.push({ type, detail: (event as CustomEvent).detail, event }), { signal: stop.signal });
  });
  afterEach(() => {
    stop.abort();
    mounted.forEach((element) => element.remove());
    mounted = [];
    worker.resetHandlers();
  });
  return events;
}

/** Mounts a host component against the fake API. */
export function mount<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  mounted.push(element);
  for (const [name, value] of Object.entries({ api: API, token: TOKEN, username: 'alice', locale: 'en-US', ...attributes })) element.setAttribute(name, value);
  document.body.append(element);
  return element;
}

/** Types into a native control the way a person does: the value, then `input` and `change`. */
export function fill(control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, value: string): void {
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  control.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/** Ticks or unticks a checkbox as a click does. */
export function check(box: HTMLInputElement, on: boolean): void {
  if (box.checked !== on) box.click();
}

/** The request bodies sent as `METHOD path`. */
export async function sent(method: string, path: string): Promise<unknown[]> {
  const matching = requests.filter((r) => r.method === method && new URL(r.url).pathname === path);
  return Promise.all(matching.map((r) => r.clone().json()));
}
