import { expect } from 'chai';
import { http, HttpResponse } from 'msw';
import { sendKeys } from '@web/test-runner-commands';
import '../define.js';
import { sharedQueryClient } from '../api.js';
import type { OpenSlotBooking } from './booking.js';
import { API, bookingFrom, eventType, requests, startFakeApi, worker } from '../test/fake-api.js';
import { axeViolations, deepActiveElement, recordEvents, until, type RecordedEvent } from '../test/helpers.js';
import type { CreateBookingInput } from '@openslot/sdk';

const EVENTS = ['openslot-ready', 'openslot-date-select', 'openslot-slot-select', 'openslot-submit', 'openslot-booked', 'openslot-error'];

let element: OpenSlotBooking;
let events: RecordedEvent[];
let stopRecording: AbortController;

before(startFakeApi);

beforeEach(() => {
  requests.length = 0;
  stopRecording = new AbortController();
  events = recordEvents(EVENTS, stopRecording.signal);
});

afterEach(() => {
  stopRecording.abort();
  element?.remove();
  worker.resetHandlers();
  sharedQueryClient().clear();
});

async function mount(attributes: Record<string, string> = {}): Promise<OpenSlotBooking> {
  element = document.createElement('openslot-booking');
  for (const [name, value] of Object.entries({ api: API, event: 'alice/intro', 'time-zone': 'UTC', locale: 'en-US', ...attributes })) {
    element.setAttribute(name, value);
  }
  document.body.append(element);
  return element;
}

const shadow = () => element.shadowRoot!;
const calendar = () => shadow().querySelector('openslot-calendar')!;
const dayButton = (day: number) => calendar().shadowRoot!.querySelector<HTMLButtonElement>(`button[data-date$="-${String(day).padStart(2, '0')}"]`)!;
const timeButtons = () => [...shadow().querySelectorAll<HTMLButtonElement>('button.time')];
const eventsOf = (type: string) => events.filter((e) => e.type === type);
const whenReady = () => until(() => eventsOf('openslot-ready').length > 0 && calendar()?.shadowRoot?.querySelector('button[aria-disabled="false"]'), 'openslot-ready');
const thisMonth = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC', year: 'numeric', month: '2-digit' }).format(new Date());

/** Picks the first time on the 10th and goes on, through Next, to the form. */
async function toForm(): Promise<void> {
  dayButton(10).click();
  await until(() => timeButtons().length === 3, 'times');
  timeButtons()[0]!.click();
  (await until(() => shadow().querySelector<HTMLButtonElement>('button.next'), 'Next')).click();
  await until(() => shadow().querySelector('form'), 'form');
}

describe('<openslot-booking>', () => {
  it('is accessible at every step', async () => {
    await mount();
    await whenReady();
    expect(await axeViolations(element)).to.deep.equal([]);

    dayButton(10).click();
    await until(() => timeButtons().length === 3, 'times');
    expect(await axeViolations(element)).to.deep.equal([]);

    timeButtons()[0]!.click();
    (await until(() => shadow().querySelector<HTMLButtonElement>('button.next'), 'Next')).click();
    await until(() => shadow().querySelector('form'), 'form');
    expect(await axeViolations(element)).to.deep.equal([]);
  });

  it('shows the days with free times of the current month, and the chosen day’s times in its zone', async () => {
    await mount({ 'time-zone': 'Asia/Tokyo' });
    await whenReady();

    const available = [...calendar().shadowRoot!.querySelectorAll('button[aria-disabled="false"]')].map((b) => b.textContent!.trim());
    expect(available).to.deep.equal(['10', '20']);
    expect(calendar().shadowRoot!.querySelector('h3')!.textContent).to.equal(
      new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'Asia/Tokyo' }).format(new Date()),
    );
    const slotsUrl = new URL(requests.find((r) => r.url.includes('/v1/slots'))!.url);
    expect(slotsUrl.searchParams.get('timeZone')).to.equal('Asia/Tokyo');
    expect(slotsUrl.searchParams.get('event')).to.equal('alice/intro');

    dayButton(10).click();
    await until(() => timeButtons().length === 3, 'times');
    // 09:00, 09:30, 10:00 UTC are 18:00, 18:30, 19:00 in Tokyo.
    expect(timeButtons().map((b) => b.textContent!.trim())).to.deep.equal(['6:00 PM', '6:30 PM', '7:00 PM']);
    expect(shadow().querySelector('[role="status"]')!.textContent).to.match(/^3 times on \w+day, /);
  });

  it('books with the keyboard alone and fires every event with its detail', async () => {
    await mount({ name: 'Bob Booker', email: 'bob@example.com' });
    await whenReady();
    expect(eventsOf('openslot-ready')[0]!.detail).to.deep.include({ eventType: { ...(eventsOf('openslot-ready')[0]!.detail as { eventType: object }).eventType } });
    expect((eventsOf('openslot-ready')[0]!.detail as { eventType: { title: string } }).eventType.title).to.equal('Intro call');

    // Tab into the grid: it lands on the first day with times (the 10th); arrow on to the 20th and back.
    calendar().focusGrid();
    expect(deepActiveElement()!.textContent!.trim()).to.equal('10');
    await sendKeys({ press: 'ArrowDown' }); // 17th
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' }); // 20th
    expect(deepActiveElement()!.textContent!.trim()).to.equal('20');
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowLeft' }); // back to the 10th
    await sendKeys({ press: 'Enter' });

    await until(() => timeButtons().length === 3, 'times');
    expect(deepActiveElement()!.id).to.equal('times-heading');
    const dateSelect = eventsOf('openslot-date-select')[0]!.detail as { date: string; slots: unknown[] };
    expect(dateSelect.date).to.equal(`${thisMonth()}-10`);
    expect(dateSelect.slots).to.have.length(3);

    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' }); // the second time, 9:30
    expect(deepActiveElement()!.textContent!.trim()).to.equal('9:30 AM');
    await sendKeys({ press: 'Enter' }); // picks it: Next appears beside it, with the focus
    await until(() => deepActiveElement()?.classList.contains('next'), 'focus on Next');
    expect(timeButtons()[1]!.getAttribute('aria-pressed')).to.equal('true');
    await sendKeys({ press: 'Enter' });

    await until(() => shadow().querySelector('form'), 'the details form');
    expect(deepActiveElement()!.id).to.equal('details-heading');
    expect(eventsOf('openslot-slot-select')[0]!.detail).to.deep.equal({
      slot: { start: `${thisMonth()}-10T09:30:00.000Z`, end: `${thisMonth()}-10T10:00:00.000Z` },
      timeZone: 'UTC',
    });
    expect(shadow().querySelector<HTMLInputElement>('#name')!.value).to.equal('Bob Booker');

    await sendKeys({ press: 'Tab' }); // name
    await sendKeys({ press: 'End' });
    await sendKeys({ type: ' Jr' });
    await sendKeys({ press: 'Enter' }); // submits the form

    await until(() => shadow().querySelector('#done-heading'), 'the confirmation');
    await until(() => deepActiveElement()?.id === 'done-heading', 'focus on the confirmation');
    expect(shadow().querySelector('#done-heading')!.textContent).to.equal('You’re booked');
    expect(shadow().querySelector('.confirmation')!.textContent).to.contain('bob@example.com');

    const submitted = (eventsOf('openslot-submit')[0]!.detail as { input: CreateBookingInput }).input;
    expect(submitted).to.deep.equal({
      event: 'alice/intro',
      start: `${thisMonth()}-10T09:30:00.000Z`,
      timeZone: 'UTC',
      attendee: { name: 'Bob Booker Jr', email: 'bob@example.com', timeZone: 'UTC', locale: 'en-US' },
    });
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.headers.get('idempotency-key')).to.match(/^[0-9a-f-]{32,36}$/);
    expect(await post.json()).to.deep.equal(submitted);

    const booked = eventsOf('openslot-booked')[0]!;
    expect(booked.detail).to.deep.equal({ booking: bookingFrom(submitted), manageToken: 'mt_secret' });
    expect(booked.event.bubbles && booked.event.composed).to.equal(true);

    // Add-to-calendar links for the booked time.
    const links = [...shadow().querySelectorAll<HTMLAnchorElement>('.calendar-links a')];
    expect(links.map((a) => a.textContent)).to.deep.equal(['Google', 'Outlook', 'Other (.ics)']);
    const compact = `${thisMonth().replace('-', '')}10T093000Z`;
    expect(new URL(links[0]!.href).searchParams.get('dates')).to.equal(`${compact}/${compact.replace('093000', '100000')}`);
    expect(new URL(links[1]!.href).searchParams.get('startdt')).to.equal(`${thisMonth()}-10T09:30:00.000Z`);
    const ics = decodeURIComponent(links[2]!.href.split(',')[1]!);
    expect(ics).to.contain(`DTSTART:${compact}\r\n`).and.contain('SUMMARY:Intro call between Alice Example and Bob Booker Jr').and.contain('LOCATION:https://meet.jit.si/openslot-bk_test_1');
    expect(links[2]!.getAttribute('download')).to.equal('bk_test_1.ics');
    expect(eventsOf('openslot-error')).to.have.length(0);
    expect(await axeViolations(element)).to.deep.equal([]);
  });

  it('says the booking is requested when it awaits the host’s confirmation', async () => {
    worker.use(
      http.post(`${API}/v1/bookings`, async ({ request }) =>
        HttpResponse.json({ booking: bookingFrom((await request.json()) as CreateBookingInput, 'pending'), manageToken: 'mt' }, { status: 201 }),
      ),
    );
    await mount({ name: 'Bob', email: 'bob@example.com' });
    await whenReady();
    dayButton(20).click();
    await until(() => timeButtons().length === 1, 'times');
    timeButtons()[0]!.click();
    (await until(() => shadow().querySelector<HTMLButtonElement>('button.next'), 'Next')).click();
    await until(() => shadow().querySelector('form'), 'form');
    shadow().querySelector<HTMLButtonElement>('button[type="submit"]')!.click();

    await until(() => shadow().querySelector('#done-heading'), 'the confirmation');
    expect(shadow().querySelector('#done-heading')!.textContent).to.equal('Booking requested');
    expect(shadow().querySelector('.confirmation')!.textContent).to.contain('Alice Example will confirm');
    expect(shadow().querySelector('.calendar-links')).to.equal(null); // not in anyone's calendar until confirmed
  });

  it('shows an error with Retry when slots cannot load, and recovers', async () => {
    let slotCalls = 0;
    worker.use(
      http.get(`${API}/v1/slots`, () => {
        slotCalls++;
        return HttpResponse.json({ error: { code: 'unavailable', message: 'Database is busy' } }, { status: 503, headers: { 'retry-after': '0', 'x-request-id': 'req_503' } });
      }),
    );
    await mount();

    const alert = await until(() => shadow().querySelector('[part="error"]'), 'the error state');
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.contain('Database is busy');
    expect(slotCalls).to.be.at.least(3); // the SDK retried the GET twice (query-core may refetch on focus)
    const error = eventsOf('openslot-error')[0]!.detail as { error: { name: string; status: number; requestId: string }; phase: string };
    expect(error.phase).to.equal('load');
    expect(error.error).to.include({ name: 'ServerError', status: 503, requestId: 'req_503' });
    expect(await axeViolations(element)).to.deep.equal([]);

    worker.resetHandlers();
    shadow().querySelector<HTMLButtonElement>('[part="error"] button')!.click();
    await until(() => calendar()?.shadowRoot?.querySelector('button[aria-disabled="false"]'), 'the calendar after retry');
    expect(shadow().querySelector('[part="error"]')).to.equal(null);
    expect(eventsOf('openslot-ready')).to.have.length(1);
  });

  it('sends the booker back to the times when the slot was just taken', async () => {
    worker.use(
      http.post(`${API}/v1/bookings`, () =>
        HttpResponse.json({ error: { code: 'slot_unavailable', message: 'Taken' } }, { status: 409 }),
      ),
    );
    await mount({ name: 'Bob', email: 'bob@example.com' });
    await whenReady();
    await toForm();
    shadow().querySelector<HTMLButtonElement>('button[type="submit"]')!.click();

    const notice = await until(() => shadow().querySelector('.times [role="alert"]'), 'the notice');
    expect(notice.textContent).to.contain('just taken');
    expect(eventsOf('openslot-booked')).to.have.length(0);
    const error = eventsOf('openslot-error')[0]!.detail as { error: Error; phase: string };
    expect(error.phase).to.equal('book');
    expect(error.error.name).to.equal('SlotUnavailableError');
    // The month was refetched so the taken time can disappear.
    await until(() => requests.filter((r) => r.url.includes('/v1/slots') && r.url.includes(`start=${thisMonth()}`)).length >= 2, 'a slots refetch');
  });
});

describe('<openslot-booking> rate limits and guests', () => {
  it('a 429 says, in words, how long to wait', async () => {
    worker.use(
      http.post(`${API}/v1/bookings`, () =>
        HttpResponse.json({ error: { code: 'rate_limited', message: 'Too many requests' } }, { status: 429, headers: { 'Retry-After': '42' } }),
      ),
    );
    await mount({ name: 'Bob', email: 'bob@example.com' });
    await whenReady();
    await toForm();
    shadow().querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const notice = await until(() => shadow().querySelector('[role="alert"]'), 'the notice');
    expect(notice.textContent).to.equal('Too many attempts from here just now. Please try again in 42 seconds.');
    expect((eventsOf('openslot-error')[0]!.detail as { error: Error }).error.name).to.equal('RateLimitError');
  });

  it('offers no guest field where the event type takes no guests', async () => {
    worker.use(http.get(`${API}/v1/event-types/alice/intro`, () => HttpResponse.json({ eventType: { ...eventType, allowGuests: false } })));
    await mount({ name: 'Bob', email: 'bob@example.com' });
    await whenReady();
    await toForm();
    expect(shadow().querySelector('#guests')).to.equal(null);
    expect(shadow().querySelector('#email')).to.not.equal(null);
  });
});

describe('<openslot-booking> when the current month is fully booked', () => {
  it('opens on the next month, once', async () => {
    const current = thisMonth();
    worker.use(
      http.get(`${API}/v1/slots`, ({ request }) => {
        const query = new URL(request.url).searchParams;
        const start = query.get('start')!;
        if (start.startsWith(current)) return HttpResponse.json({ eventType: 'alice/intro', timeZone: 'UTC', slots: {} });
        return HttpResponse.json({ eventType: 'alice/intro', timeZone: 'UTC', slots: { [start.slice(0, 8) + '05']: [{ start: `${start.slice(0, 8)}05T09:00:00.000Z`, end: `${start.slice(0, 8)}05T09:30:00.000Z` }] } });
      }),
    );
    await mount();

    await until(() => calendar()?.shadowRoot?.querySelector('button[aria-disabled="false"]'), 'a free day next month');
    const shown = calendar().month;
    expect(shown > current).to.equal(true);
    expect(calendar().shadowRoot!.querySelector('button[aria-disabled="false"]')!.textContent!.trim()).to.equal('5');

    // Going back shows the empty month and says so; it does not jump again.
    calendar().shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Previous month"]')!.click();
    await until(() => shadow().querySelector('.hint')?.textContent === 'No free times this month.', 'the empty-month hint');
    expect(calendar().month).to.equal(current);
  });
});

describe('<openslot-booking> options', () => {
  it('asks the event type’s questions, locks the prefill and sends responses and metadata', async () => {
    worker.use(
      http.get(`${API}/v1/event-types/alice/intro`, () =>
        HttpResponse.json({
          eventType: {
            ...eventType,
            price: { amount: 4500, currency: 'eur' },
            bookingFields: [
              { name: 'company', label: 'Company', type: 'text', required: true },
              { name: 'topic', label: 'Topic', type: 'select', required: false, options: ['Sales', 'Support'] },
              { name: 'newsletter', label: 'Send me news', type: 'checkbox', required: false },
            ],
          },
        }),
      ),
    );
    await mount({ name: 'Bob', email: 'bob@example.com', 'lock-prefill': '', metadata: '{"campaign":"fall","n":3}' });
    await whenReady();
    expect(shadow().querySelector('.meta')!.textContent).to.contain('€45.00');

    await toForm();
    expect(shadow().querySelector<HTMLInputElement>('#name')!.readOnly).to.equal(true);
    expect(shadow().querySelector<HTMLInputElement>('#email')!.readOnly).to.equal(true);
    expect(await axeViolations(element)).to.deep.equal([]);

    shadow().querySelector<HTMLButtonElement>('button[type="submit"]')!.click(); // Company is required
    await new Promise(requestAnimationFrame);
    expect(requests.filter((r) => r.method === 'POST')).to.have.length(0);

    shadow().querySelector<HTMLInputElement>('#q-company')!.value = 'Acme';
    shadow().querySelector<HTMLSelectElement>('#q-topic')!.value = 'Support';
    shadow().querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => shadow().querySelector('#done-heading'), 'the confirmation');

    const body = (await requests.find((r) => r.method === 'POST')!.json()) as CreateBookingInput;
    expect(body.responses).to.deep.equal({ company: 'Acme', topic: 'Support', newsletter: false });
    expect(body.metadata).to.deep.equal({ campaign: 'fall', n: '3' });
  });

  it('shows seats left, and hands a paid booking to the checkout through a cancelable event', async () => {
    worker.use(
      http.get(`${API}/v1/slots`, ({ request }) => {
        const start = new URL(request.url).searchParams.get('start')!;
        const day = `${start.slice(0, 7)}-10`;
        return HttpResponse.json({ eventType: 'alice/intro', timeZone: 'UTC', slots: { [day]: [{ start: `${day}T09:00:00.000Z`, end: `${day}T09:30:00.000Z`, seatsLeft: 1 }] } });
      }),
      http.post(`${API}/v1/bookings`, async ({ request }) => {
        const booking = bookingFrom((await request.json()) as CreateBookingInput, 'awaiting_payment');
        booking.payment = { status: 'unpaid', amount: 4500, currency: 'eur', refundedAmount: 0, checkoutUrl: 'https://checkout.example/pay/1', expiresAt: '2026-12-01T08:15:00.000Z' };
        return HttpResponse.json({ booking, manageToken: 'mt' }, { status: 201 });
      }),
    );
    const redirects: Array<{ checkoutUrl: string }> = [];
    document.addEventListener(
      'openslot-payment-redirect',
      (event) => {
        redirects.push(event.detail);
        event.preventDefault(); // the page takes over (and the test page stays put)
      },
      { signal: stopRecording.signal },
    );
    await mount({ name: 'Bob', email: 'bob@example.com' });
    await whenReady();
    dayButton(10).click();
    await until(() => timeButtons().length === 1, 'times');
    expect(timeButtons()[0]!.textContent).to.contain('1 seat left');
    timeButtons()[0]!.click();
    (await until(() => shadow().querySelector<HTMLButtonElement>('button.next'), 'Next')).click();
    await until(() => shadow().querySelector('form'), 'form');
    shadow().querySelector<HTMLButtonElement>('button[type="submit"]')!.click();

    await until(() => shadow().querySelector('#done-heading'), 'the payment step');
    expect(shadow().querySelector('#done-heading')!.textContent).to.equal('Complete your payment');
    expect(redirects.map((r) => r.checkoutUrl)).to.deep.equal(['https://checkout.example/pay/1']);
    expect(shadow().querySelector('a[href="https://checkout.example/pay/1"]')).to.not.equal(null);
  });

  it('lets the booker change the time zone', async () => {
    await mount();
    await whenReady();
    const zoneButton = shadow().querySelector<HTMLButtonElement>('.zone-button')!;
    expect(zoneButton.textContent).to.match(/Times in\s+UTC\s+\d{1,2}:\d{2}\s?[AP]M/); // the zone and its current time
    expect(zoneButton.getAttribute('aria-expanded')).to.equal('false');
    expect(shadow().querySelector('#zone-search')).to.equal(null); // the list renders when the booker asks
    zoneButton.click();
    const search = await until(() => shadow().querySelector<HTMLInputElement>('#zone-search'), 'the zone search');
    expect(deepActiveElement()).to.equal(search);
    expect(zoneButton.getAttribute('aria-expanded')).to.equal('true');
    expect(await axeViolations(element)).to.deep.equal([]);

    // Typing narrows the list, grouped by region, each zone with its current time.
    search.value = 'new york';
    search.dispatchEvent(new Event('input'));
    const option = await until(() => shadow().querySelector<HTMLButtonElement>('.zone-option[data-zone="America/New_York"]'), 'New York');
    expect(shadow().querySelectorAll('.zone-option')).to.have.length(1);
    expect(shadow().querySelector('.zone-results h4')!.textContent).to.equal('America');
    expect(option.querySelector('.zone-time')!.textContent).to.match(/^\d{1,2}:\d{2}\s?[AP]M$/);
    search.value = 'zzzz';
    search.dispatchEvent(new Event('input'));
    await until(() => shadow().querySelector('.zone-results .hint')?.textContent === 'No time zone matches.', 'no match');
    search.value = 'york';
    search.dispatchEvent(new Event('input'));
    (await until(() => shadow().querySelector<HTMLButtonElement>('.zone-option[data-zone="America/New_York"]'), 'New York again')).click();
    await until(() => shadow().querySelector('.zone-button strong')?.textContent === 'America/New York', 'the new zone');
    expect(shadow().querySelector('#zone-search')).to.equal(null);
    await until(() => requests.some((r) => r.url.includes('timeZone=America%2FNew_York')), 'slots in the new zone');
    await until(() => calendar()?.shadowRoot?.querySelector('button[aria-disabled="false"]') && !calendar().loading, 'the calendar');
    dayButton(10).click();
    await until(() => timeButtons().length === 3, 'times');

    // 09:00 UTC is 4:00 AM in New York in winter, 5:00 AM in summer.
    expect(timeButtons()[0]!.textContent!.trim()).to.match(/^[45]:00 AM$/);
  });

  it('checks the form in its own words, field by field, and sends nothing until it passes', async () => {
    await mount();
    await whenReady();
    dayButton(10).click();
    await until(() => timeButtons().length === 3, 'times');
    timeButtons()[0]!.click();
    (await until(() => shadow().querySelector<HTMLButtonElement>('button.next'), 'Next')).click();
    const form = await until(() => shadow().querySelector('form'), 'the form');
    expect(form.noValidate).to.equal(true);
    shadow().querySelector<HTMLInputElement>('#email')!.value = 'not-an-email';
    shadow().querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => shadow().querySelector('#name-error'), 'the name’s message');
    expect(shadow().querySelector('#name-error')!.textContent).to.equal('Please fill this in.');
    expect(shadow().querySelector('#email-error')!.textContent).to.equal('Please enter an email address, like name@example.com.');
    expect(shadow().querySelector('#name')!.getAttribute('aria-invalid')).to.equal('true');
    expect(shadow().querySelector('#name')!.getAttribute('aria-describedby')).to.equal('name-error');
    await until(() => deepActiveElement()?.id === 'name', 'focus on the first problem');
    expect(requests.some((r) => r.method === 'POST')).to.equal(false);
    expect(await axeViolations(element)).to.deep.equal([]);

    const name = shadow().querySelector<HTMLInputElement>('#name')!;
    name.value = 'Ann';
    name.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await until(() => !shadow().querySelector('#name-error'), 'the message to go once edited');
    shadow().querySelector<HTMLInputElement>('#email')!.value = 'ann@example.com';
    shadow().querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => shadow().querySelector('#done-heading'), 'booked');
  });

  it('shows each host’s avatar, or their initials without one', async () => {
    worker.use(
      http.get(`${API}/v1/event-types/alice/intro`, () =>
        HttpResponse.json({ eventType: { ...eventType, hosts: [{ username: 'alice', name: 'Alice Example', avatarUrl: 'https://images.example.com/alice.png' }, { username: 'bob', name: 'bob builder', avatarUrl: null }] } }),
      ),
    );
    await mount();
    await whenReady();
    const avatars = [...shadow().querySelectorAll('[part="avatar"]')];
    expect(avatars[0]!.tagName).to.equal('IMG');
    expect(avatars[0]!.getAttribute('src')).to.equal('https://images.example.com/alice.png');
    expect(avatars[0]!.getAttribute('alt')).to.equal(''); // the names are written beside it
    expect(avatars[1]!.textContent).to.equal('BB');
    expect(shadow().querySelector('.hosts')!.textContent).to.equal('Alice Example, bob builder');
    expect(shadow().querySelector('.meta')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('30 min Video call');
  });

  it('hides the event details on request', async () => {
    await mount({ 'hide-details': '' });
    await whenReady();
    expect(shadow().querySelector('header')).to.equal(null);
  });
});

describe('<openslot-booking> guests, recurring events and UTM parameters', () => {
  const search = window.location.search;
  afterEach(() => history.replaceState(null, '', window.location.pathname + search));

  it('sends the guests, the recurring count, and the page’s UTM parameters merged into the metadata', async () => {
    history.replaceState(null, '', '?utm_source=newsletter&utm_medium=email&campaign=ignored');
    let body: CreateBookingInput | undefined;
    worker.use(
      http.get(`${API}/v1/event-types/alice/intro`, () => HttpResponse.json({ eventType: { ...eventType, recurring: { freq: 'weekly', interval: 1, maxCount: 4 } } })),
      http.post(`${API}/v1/bookings`, async ({ request }) => {
        const input = (body = (await request.json()) as CreateBookingInput);
        const first = bookingFrom(input);
        const bookings = [0, 1, 2].map((week) => ({ ...first, uid: `bk_${week}`, start: new Date(Date.parse(first.start) + week * 7 * 86_400_000).toISOString() }));
        return HttpResponse.json({ booking: bookings[0], manageToken: 'mt', bookings }, { status: 201 });
      }),
    );
    await mount({ name: 'Bob', email: 'bob@example.com', guests: 'ann@example.com, cy@example.com', metadata: '{"utm_source":"site-says","plan":"pro"}' });
    await whenReady();
    await toForm();
    expect(shadow().querySelector<HTMLInputElement>('#guests')!.value).to.equal('ann@example.com,cy@example.com'); // input[type=email][multiple] normalises
    expect(shadow().querySelector<HTMLInputElement>('#guests')!.readOnly).to.equal(false);
    expect(shadow().querySelector('#count-hint')!.textContent).to.equal('Repeats every week, up to 4 times');
    expect(await axeViolations(element)).to.deep.equal([]);
    shadow().querySelector<HTMLInputElement>('#count')!.value = '3';
    shadow().querySelector<HTMLButtonElement>('button[type="submit"]')!.click();

    await until(() => shadow().querySelector('#done-heading'), 'the confirmation');
    if (!body) throw new Error('no booking request');
    expect(body.guests).to.deep.equal(['ann@example.com', 'cy@example.com']);
    expect(body.recurrence).to.deep.equal({ count: 3 });
    // The attribute wins over the page's parameter of the same name.
    expect(body.metadata).to.deep.equal({ utm_source: 'site-says', utm_medium: 'email', plan: 'pro' });
    expect(shadow().querySelectorAll('.series li')).to.have.length(3);
  });

  it('locks prefilled guests with lock-prefill, and leaves an unprefilled field editable', async () => {
    await mount({ email: 'bob@example.com', guests: 'ann@example.com', 'lock-prefill': '' });
    await whenReady();
    dayButton(20).click();
    await until(() => timeButtons().length === 1, 'times');
    timeButtons()[0]!.click();
    (await until(() => shadow().querySelector<HTMLButtonElement>('button.next'), 'Next')).click();
    await until(() => shadow().querySelector('form'), 'form');
    expect(shadow().querySelector<HTMLInputElement>('#guests')!.readOnly).to.equal(true);
    expect(shadow().querySelector<HTMLInputElement>('#email')!.readOnly).to.equal(true);
    expect(shadow().querySelector<HTMLInputElement>('#name')!.readOnly).to.equal(false); // nothing to lock
  });
});
