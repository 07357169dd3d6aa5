import { expect } from 'chai';
import { http } from 'msw';
import '../define.js';
import type { OpenSlotBookings } from './bookings.js';
import { axeViolations, deepActiveElement, until } from '../../test/helpers.js';
import { API, error, fill, makeBooking, mount, requests, sent, state, useHostApi, worker } from '../../test/host-api.js';
import { zonedToInstant } from './zoned.js';

let element: OpenSlotBookings;
const events = useHostApi(['openslot-saved', 'openslot-error']);

const shadow = () => element.shadowRoot!;
const $ = <T extends Element = HTMLElement>(selector: string) => shadow().querySelector<T>(selector)!;
const names = () => [...shadow().querySelectorAll('[part="booking"] h3')].map((h) => h.textContent!.replace('Intro call between Alice Example and ', ''));
const item = (name: string) => [...shadow().querySelectorAll<HTMLElement>('[part="booking"]')].find((li) => li.querySelector('h3')!.textContent!.endsWith(name))!;
const buttonIn = (root: ParentNode, label: string) => [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === label)!;
const lastList = () => new URL(requests.filter((r) => new URL(r.url).pathname === '/v1/bookings').at(-1)!.url).searchParams;
const listShows = (expected: string[]) => until(() => JSON.stringify(names()) === JSON.stringify(expected) && !$('ul.list').matches('[aria-busy="true"]'), `the list ${expected.join(', ')}`);
const ready = async (attributes: Record<string, string> = {}) => {
  element = mount('openslot-bookings', { 'time-zone': 'Europe/Berlin', ...attributes });
  await until(() => shadow().querySelector('[part="booking"]'), 'the bookings');
};

describe('<openslot-bookings>', () => {
  it('lists upcoming bookings soonest first in the host’s zone, accessibly; the tabs work by keyboard', async () => {
    await ready();
    expect(names()).to.deep.equal(['Mia Meyer', 'Noah Novak', 'Olga Ortiz']);
    expect(lastList().get('status')).to.equal('upcoming');
    expect(requests[0]!.headers.get('authorization')).to.equal('Bearer ost_session_alice');
    // 14:00 UTC is 3 PM in Berlin.
    expect(item('Mia Meyer').querySelector('.when')!.textContent).to.match(/3:00\s?PM/);
    expect(item('Noah Novak').querySelector('.status')!.textContent).to.equal('Waiting for your confirmation');
    expect(await axeViolations(element)).to.deep.equal([]);

    $<HTMLButtonElement>('#tab-upcoming').focus();
    $('[role="tablist"]').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await listShows(['Noah Novak']);
    expect(deepActiveElement()!.id).to.equal('tab-pending');
    expect($('#tab-pending').getAttribute('aria-selected')).to.equal('true');
    expect(lastList().get('status')).to.equal('pending');
    $('[role="tablist"]').dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    await listShows(['Paul Past']);
    expect(item('Paul Past').querySelectorAll('button')).to.have.length(0); // nothing to do about the past
    expect(await axeViolations(element)).to.deep.equal([]);
  });

  it('confirms a pending request with a reason', async () => {
    await ready({ tab: 'pending' });
    buttonIn(item('Noah Novak'), 'Confirm').click();
    await until(() => deepActiveElement()?.id === 'form-title', 'focus on the form');
    expect($('#form-title').textContent).to.equal('Confirm Noah Novak’s request');
    expect(await axeViolations(element)).to.deep.equal([]);
    fill($<HTMLTextAreaElement>('#reason'), 'Looking forward to it');
    buttonIn(item('Noah Novak'), 'Confirm').click();
    await until(() => $('[role="status"]').textContent === 'Booking confirmed. The attendee gets an email.', 'the notice');

    expect(await sent('POST', '/v1/bookings/bk_2/confirm')).to.deep.equal([{ reason: 'Looking forward to it' }]);
    await listShows([]);
    expect(shadow().textContent).to.contain('No bookings here.');
    const saved = events.find((e) => e.type === 'openslot-saved')!.detail as { kind: string; action: string; booking: { status: string } };
    expect(saved).to.deep.include({ kind: 'booking', action: 'confirmed' });
    expect(saved.booking.status).to.equal('accepted');
    expect(await axeViolations(element)).to.deep.equal([]);
  });

  it('declines a request with a reason, and cancels a booking', async () => {
    await ready({ tab: 'pending' });
    buttonIn(item('Noah Novak'), 'Reject').click();
    await until(() => shadow().querySelector('#reason'), 'the form');
    fill($<HTMLTextAreaElement>('#reason'), 'Fully booked that week');
    buttonIn(item('Noah Novak'), 'Reject').click();
    await until(() => $('[role="status"]').textContent!.startsWith('Request declined'), 'the notice');
    expect(await sent('POST', '/v1/bookings/bk_2/reject')).to.deep.equal([{ reason: 'Fully booked that week' }]);

    $<HTMLButtonElement>('#tab-upcoming').click();
    await listShows(['Mia Meyer', 'Olga Ortiz']);
    buttonIn(item('Mia Meyer'), 'Cancel booking').click();
    await until(() => shadow().querySelector('#reason'), 'the form');
    buttonIn(item('Mia Meyer'), 'Cancel booking').click();
    await listShows(['Olga Ortiz']);
    expect(await sent('POST', '/v1/bookings/bk_1/cancel')).to.deep.equal([{}]);
    expect(events.filter((e) => e.type === 'openslot-saved').map((e) => (e.detail as { action: string }).action)).to.deep.equal(['rejected', 'cancelled']);
  });

  it('moves a booking to a time entered in the host’s zone; a taken time is said at the field', async () => {
    await ready();
    buttonIn(item('Olga Ortiz'), 'Reschedule').click();
    const input = await until(() => shadow().querySelector<HTMLInputElement>('#new-start'), 'the new time');
    expect(shadow().querySelector('label[for="new-start"]')!.textContent).to.equal('New time (Europe/Berlin)');
    expect(input.value).to.equal(state.bookings[2]!.start.slice(0, 11) + '15:00'); // 14:00 UTC, in Berlin
    expect(await axeViolations(element)).to.deep.equal([]);

    worker.use(http.post(`${API}/v1/bookings/:uid/reschedule`, () => error(409, 'slot_unavailable', 'Taken')), );
    fill(input, '2026-12-10T16:30');
    buttonIn(item('Olga Ortiz'), 'Reschedule').click();
    await until(() => $('#new-start-error').textContent === 'That time is not free: pick another.', 'the field error');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(await axeViolations(element)).to.deep.equal([]);

    worker.resetHandlers();
    buttonIn(item('Olga Ortiz'), 'Reschedule').click();
    await until(() => $('[role="status"]').textContent === 'Booking moved. The attendee gets an email.', 'the notice');
    expect((await sent('POST', '/v1/bookings/bk_3/reschedule')).at(-1)).to.deep.equal({ start: '2026-12-10T15:30:00.000Z' });
  });

  it('searches, and pages with the API’s cursors', async () => {
    state.bookings.push(makeBooking('bk_5', 5, 'Quinn Quartz'), makeBooking('bk_6', 6, 'Rosa Rossi'));
    await ready({ 'page-size': '2' });
    expect(names()).to.deep.equal(['Mia Meyer', 'Noah Novak']);
    buttonIn(shadow(), 'Next page').click();
    await listShows(['Olga Ortiz', 'Quinn Quartz']);
    expect(lastList().get('cursor')).to.equal('2');
    expect(shadow().querySelector('[part="pager"]')!.textContent).to.contain('Page 2');
    buttonIn(shadow(), 'Next page').click();
    await listShows(['Rosa Rossi']);
    expect(buttonIn(shadow(), 'Next page').disabled).to.equal(true);
    buttonIn(shadow(), 'Previous page').click();
    await listShows(['Olga Ortiz', 'Quinn Quartz']);
    expect(await axeViolations(element)).to.deep.equal([]);

    fill($<HTMLInputElement>('#search'), 'quartz');
    buttonIn($('[part="search"]'), 'Search').click();
    await listShows(['Quinn Quartz']);
    expect(lastList().get('q')).to.equal('quartz');
    expect(lastList().has('cursor')).to.equal(false);
    expect(shadow().querySelector('[part="pager"]')).to.equal(null);
  });

  it('an expired token says so, with a retry', async () => {
    element = mount('openslot-bookings', { token: 'expired' });
    const panel = await until(() => shadow().querySelector('[part="error"]'), 'the error');
    expect(panel.textContent).to.contain('Your session has ended.');
    expect((events[0]!.detail as { phase: string }).phase).to.equal('load');
    expect(await axeViolations(element)).to.deep.equal([]);
  });
});

describe('zonedToInstant', () => {
  it('reads wall-clock times in a zone, DST edges as the server does', () => {
    expect(zonedToInstant('2026-12-10T16:30', 'Europe/Berlin')).to.equal('2026-12-10T15:30:00.000Z');
    expect(zonedToInstant('2026-07-10T16:30', 'Europe/Berlin')).to.equal('2026-07-10T14:30:00.000Z');
    // 02:30 on 29 March 2026 does not exist in Berlin: read with the offset before the gap (+01:00).
    expect(zonedToInstant('2026-03-29T02:30', 'Europe/Berlin')).to.equal('2026-03-29T01:30:00.000Z');
    // 02:30 on 25 October 2026 happens twice: the first one (+02:00).
    expect(zonedToInstant('2026-10-25T02:30', 'Europe/Berlin')).to.equal('2026-10-25T00:30:00.000Z');
  });
});
