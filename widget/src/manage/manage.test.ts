import { expect } from 'chai';
import { http, HttpResponse } from 'msw';
import '../define.js';
import { sharedQueryClient } from '../api.js';
import type { OpenSlotBooking } from '../booking/booking.js';
import { API, MANAGE_TOKEN, managed, requests, seedManagedBooking, startFakeApi, worker } from '../test/fake-api.js';
import { axeViolations, deepActiveElement, recordEvents, until, type RecordedEvent } from '../test/helpers.js';
import type { Booking } from '@openslot/sdk';

let element: OpenSlotBooking;
let events: RecordedEvent[];
let stopRecording: AbortController;
let booking: Booking;

before(startFakeApi);
beforeEach(() => {
  requests.length = 0;
  booking = seedManagedBooking();
  stopRecording = new AbortController();
  events = recordEvents(['openslot-ready', 'openslot-cancelled', 'openslot-rescheduled', 'openslot-error'], stopRecording.signal);
});
afterEach(() => {
  stopRecording.abort();
  element?.remove();
  worker.resetHandlers();
  sharedQueryClient().clear();
});

function mount(attributes: Record<string, string> = {}): OpenSlotBooking {
  element = document.createElement('openslot-booking');
  for (const [name, value] of Object.entries({ api: API, 'booking-uid': booking.uid, token: MANAGE_TOKEN, 'time-zone': 'Asia/Tokyo', locale: 'en-US', ...attributes })) {
    element.setAttribute(name, value);
  }
  document.body.append(element);
  return element;
}

const shadow = () => element.shadowRoot!;
const button = (name: string) => [...shadow().querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === name);
const eventsOf = (type: string) => events.filter((e) => e.type === type);
const heading = (id: string) => until(() => shadow().querySelector<HTMLElement>(`#${id}`), `#${id}`);

describe('<openslot-booking> manage mode', () => {
  it('shows the booking in the viewer’s zone with its status and meeting link, accessibly', async () => {
    mount();
    await heading('manage-heading');
    expect(requests.find((r) => r.url.endsWith(`/v1/bookings/${booking.uid}`))!.headers.get('authorization')).to.equal(`Bearer ${MANAGE_TOKEN}`);
    // 14:00 UTC is 11 PM in Tokyo.
    expect(shadow().querySelector('.when')!.textContent).to.match(/, 11:00\s?–\s?11:30\s?PM \(Asia\/Tokyo\)$/); // start–end and the zone
    expect(shadow().querySelector('.status')!.textContent).to.equal('Confirmed');
    expect(shadow().querySelector('a[part="link"]')!.getAttribute('href')).to.equal(booking.location.url);
    expect(shadow().querySelector('h2')!.textContent).to.equal('Intro call'); // the booking's event type
    await until(() => eventsOf('openslot-ready').length === 1, 'openslot-ready');
    expect(await axeViolations(element)).to.deep.equal([]);
  });

  it('cancels with a reason and fires openslot-cancelled with the cancelled booking', async () => {
    mount();
    await heading('manage-heading');
    button('Cancel booking')!.click();
    await heading('cancel-heading');
    expect(deepActiveElement()!.id).to.equal('cancel-heading');
    expect(await axeViolations(element)).to.deep.equal([]);

    shadow().querySelector<HTMLTextAreaElement>('#reason')!.value = 'Double-booked myself';
    shadow().querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await heading('done-heading');
    expect(shadow().querySelector('#done-heading')!.textContent).to.equal('Booking cancelled');
    expect(shadow().querySelector('.status')!.textContent).to.equal('Cancelled');
    await until(() => deepActiveElement()?.id === 'done-heading', 'focus on the result');

    const cancelled = eventsOf('openslot-cancelled')[0]!;
    expect(cancelled.detail).to.deep.equal({ booking: managed.get(booking.uid) });
    expect((cancelled.detail as { booking: Booking }).booking).to.include({ status: 'cancelled', cancellationReason: 'Double-booked myself' });
    expect(cancelled.event.bubbles && cancelled.event.composed).to.equal(true);
    expect(button('Reschedule')).to.equal(undefined);
    expect(await axeViolations(element)).to.deep.equal([]);
  });

  it('reschedules to a time picked in the calendar and fires openslot-rescheduled with both bookings', async () => {
    mount({ 'time-zone': 'UTC' });
    await heading('manage-heading');
    button('Reschedule')!.click();
    const calendar = await until(() => shadow().querySelector('openslot-calendar')?.shadowRoot?.querySelector<HTMLButtonElement>('button[aria-disabled="false"]') && shadow().querySelector('openslot-calendar')!, 'the calendar');
    expect(shadow().querySelector('.step-title')!.textContent).to.equal('Pick a new time');
    await until(() => deepActiveElement()?.hasAttribute('data-date'), 'focus in the grid');
    calendar.shadowRoot!.querySelector<HTMLButtonElement>('button[data-date$="-10"]')!.click();
    await until(() => shadow().querySelectorAll('button.time').length === 3, 'times');
    shadow().querySelectorAll<HTMLButtonElement>('button.time')[1]!.click();
    (await until(() => shadow().querySelector<HTMLButtonElement>('button.next'), 'Next')).click();

    await heading('details-heading');
    expect(shadow().querySelector('s')!.textContent).to.match(/2:00\s?–\s?2:30\s?PM \(UTC\)$/); // the old time, struck through
    expect(shadow().querySelector('.details .when')!.textContent).to.match(/9:30\s?–\s?10:00\s?AM \(UTC\)$/);
    expect(await axeViolations(element)).to.deep.equal([]);
    button('Confirm new time')!.click();

    await heading('done-heading');
    expect(shadow().querySelector('#done-heading')!.textContent).to.equal('Booking rescheduled');
    const post = requests.find((r) => r.url.endsWith('/reschedule'))!;
    expect(post.headers.get('authorization')).to.equal(`Bearer ${MANAGE_TOKEN}`);
    const month = new Date().toISOString().slice(0, 7);
    expect(await post.json()).to.deep.equal({ start: `${month}-10T09:30:00.000Z` });

    const detail = eventsOf('openslot-rescheduled')[0]!.detail as { booking: Booking; previous: Booking };
    expect(detail.booking).to.include({ uid: `${booking.uid}_r`, rescheduledFromUid: booking.uid, start: `${month}-10T09:30:00.000Z` });
    expect(detail.previous).to.include({ uid: booking.uid, status: 'cancelled', rescheduledToUid: `${booking.uid}_r` });
    // The widget now manages the new booking: a second reschedule moves that one.
    expect(button('Reschedule')).to.not.equal(undefined);
    expect(eventsOf('openslot-error')).to.have.length(0);
  });

  it('an old link after a reschedule leads to the new booking; a cancelled one offers nothing to join', async () => {
    const month = new Date().toISOString().slice(0, 7);
    const moved = { ...booking, uid: `${booking.uid}_r`, start: `${month}-21T09:00:00.000Z`, end: `${month}-21T09:30:00.000Z`, rescheduledFromUid: booking.uid };
    managed.set(booking.uid, { ...booking, status: 'cancelled', rescheduledToUid: moved.uid });
    managed.set(moved.uid, moved);
    mount({ 'time-zone': 'UTC' });
    await heading('manage-heading');
    expect(shadow().querySelector('.status')!.textContent).to.equal('Cancelled');
    expect(shadow().querySelector('a[part="link"]')).to.equal(null);
    expect(shadow().querySelector('.hint')!.textContent).to.equal('This booking was moved to another time.');
    expect(button('Reschedule')).to.equal(undefined);
    expect(await axeViolations(element)).to.deep.equal([]);

    button('See the new booking')!.click();
    await until(() => shadow().querySelector('.status')?.textContent === 'Confirmed', 'the new booking');
    expect(shadow().querySelector('.when')!.textContent).to.match(/9:00\s?–\s?9:30\s?AM \(UTC\)$/);
    expect(shadow().querySelector('a[part="link"]')!.getAttribute('href')).to.equal(booking.location.url);
    expect(button('Reschedule')).to.not.equal(undefined);
    expect(requests.filter((r) => r.url.endsWith(`/v1/bookings/${moved.uid}`)).map((r) => r.headers.get('authorization'))).to.deep.equal([`Bearer ${MANAGE_TOKEN}`]);
  });

  it('says when the time was taken meanwhile, and when the link is wrong', async () => {
    worker.use(http.post(`${API}/v1/bookings/:uid/reschedule`, () => HttpResponse.json({ error: { code: 'slot_unavailable', message: 'Taken' } }, { status: 409 })));
    mount({ 'time-zone': 'UTC' });
    await heading('manage-heading');
    button('Reschedule')!.click();
    const calendar = await until(() => shadow().querySelector('openslot-calendar')?.shadowRoot?.querySelector('button[aria-disabled="false"]') && shadow().querySelector('openslot-calendar')!, 'the calendar');
    calendar.shadowRoot!.querySelector<HTMLButtonElement>('button[data-date$="-20"]')!.click();
    await until(() => shadow().querySelectorAll('button.time').length === 1, 'times');
    shadow().querySelector<HTMLButtonElement>('button.time')!.click();
    (await until(() => shadow().querySelector<HTMLButtonElement>('button.next'), 'Next')).click();
    await heading('details-heading');
    button('Confirm new time')!.click();
    const notice = await until(() => shadow().querySelector('.times [role="alert"]'), 'the notice');
    expect(notice.textContent).to.contain('just taken');
    expect((eventsOf('openslot-error')[0]!.detail as { phase: string }).phase).to.equal('manage');
    element.remove();

    mount({ token: 'wrong' });
    const alert = await until(() => shadow().querySelector('[part="error"]'), 'the error panel');
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(button('Retry')).to.not.equal(undefined);
    expect((eventsOf('openslot-error').at(-1)!.detail as { phase: string; error: Error }).error.name).to.equal('AuthError');
  });

  it('once the meeting has begun, offers no change and says why', async () => {
    const start = new Date(Date.now() - 10 * 60_000).toISOString();
    managed.set(booking.uid, { ...booking, start, end: new Date(Date.now() + 20 * 60_000).toISOString() });
    mount();
    await heading('manage-heading');
    expect(button('Cancel booking')).to.equal(undefined);
    expect(button('Reschedule')).to.equal(undefined);
    expect(shadow().querySelector('.state')!.textContent).to.contain('has begun');
    expect(await axeViolations(element)).to.deep.equal([]);
  });

  it('a booking waiting for payment leads to its checkout instead of rescheduling; an expired one offers to book again', async () => {
    const expiresAt = new Date(Date.now() + 15 * 60_000).toISOString();
    const payment = { status: 'unpaid' as const, amount: 4500, currency: 'eur', refundedAmount: 0, checkoutUrl: 'https://checkout.stripe.test/c/pay_1', expiresAt };
    managed.set(booking.uid, { ...booking, status: 'awaiting_payment', payment });
    mount();
    await heading('manage-heading');
    expect(button('Reschedule')).to.equal(undefined);
    const pay = [...shadow().querySelectorAll('a')].find((a) => a.textContent!.trim() === 'Continue to payment')!;
    expect(pay.getAttribute('href')).to.equal(payment.checkoutUrl);
    expect(shadow().querySelector('.hint')!.textContent).to.match(/^Pay by .+ \(Asia\/Tokyo\) to keep this time\.$/);
    expect(await axeViolations(element)).to.deep.equal([]);
    element.remove();

    managed.set(booking.uid, { ...booking, status: 'expired', payment: { ...payment, status: 'expired', checkoutUrl: null } });
    mount();
    await heading('manage-heading');
    expect(shadow().querySelector('.state')!.textContent).to.contain('released');
    button('Book another time')!.click();
    await until(() => shadow().querySelector('openslot-calendar'), 'the booking calendar');
    expect(element.event).to.equal('alice/intro');
  });
});
