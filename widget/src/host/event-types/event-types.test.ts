import { expect } from 'chai';
import { http } from 'msw';
import '../define.js';
import type { OpenSlotEventTypes } from './event-types.js';
import { axeViolations, deepActiveElement, until } from '../../test/helpers.js';
import { API, check, error, fill, mount, sent, state, useHostApi, worker } from '../../test/host-api.js';

let element: OpenSlotEventTypes;
const events = useHostApi(['openslot-saved', 'openslot-deleted', 'openslot-error']);

const shadow = () => element.shadowRoot!;
const field = <T extends Element = HTMLInputElement>(id: string) => shadow().querySelector<T>(`[id="${id}"]`)!;
const button = (name: string) => [...shadow().querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === name || b.getAttribute('aria-label') === name)!;
const heading = () => shadow().querySelector('#event-types-heading')!.textContent;
const ready = async () => {
  element = mount('openslot-event-types');
  await until(() => shadow().querySelector('[part="event-type"]'), 'the list');
};
const openForm = async (name: string) => {
  button(name).click();
  await until(() => shadow().querySelector('[part="form"]') && deepActiveElement()?.id === 'event-types-heading', 'the form, focused');
};
const save = () => shadow().querySelector<HTMLButtonElement>('[part="save"]')!.click();
const backInList = () => until(() => shadow().querySelector('[part="event-type"]') && !shadow().querySelector('[part="form"]'), 'the list again');

describe('<openslot-event-types>', () => {
  it('lists the event types; the form shows every setting at its default, accessibly', async () => {
    await ready();
    expect([...shadow().querySelectorAll('[part="event-type"] p.muted')].map((p) => p.textContent)).to.deep.equal(['alice/intro · 30 minutes', 'acme/sales · 30 minutes']);
    expect(await axeViolations(element)).to.deep.equal([]);
    await openForm('Edit Intro call');
    expect(heading()).to.equal('Edit Intro call');
    expect(field('title').value).to.equal('Intro call');
    expect(field('durationMinutes').value).to.equal('30');
    expect(field('slotIntervalMinutes').value).to.equal('');
    expect(field('minimumNoticeMinutes').value).to.equal('0');
    expect(field<HTMLSelectElement>('bookingWindow.type').value).to.equal('rolling');
    expect(field('bookingWindow.days').value).to.equal('60');
    expect(field<HTMLSelectElement>('scheduleId').selectedOptions[0]!.textContent).to.equal('The host’s default schedule');
    expect(field('seats').value).to.equal('');
    expect(field('requiresConfirmation').checked).to.equal(false);
    expect(field<HTMLSelectElement>('location.type').value).to.equal('jitsi');
    expect(field('price').checked).to.equal(false);
    expect(shadow().querySelector('#no-payments')!.textContent).to.equal('This server takes no payments (Stripe is not configured).');
    expect(shadow().querySelector('table.hosts')).to.equal(null); // a personal event type has no team hosts
    expect(await axeViolations(element)).to.deep.equal([]);
  });

  it('an edit sends only what changed', async () => {
    await ready();
    await openForm('Edit Intro call');
    fill(field('durationMinutes'), '45');
    fill(field('afterBufferMinutes'), '10');
    check(field('requiresConfirmation'), true);
    fill(field<HTMLSelectElement>('scheduleId'), '2');
    save();
    await backInList();
    expect(await sent('PATCH', '/v1/event-types/1')).to.deep.equal([{ durationMinutes: 45, afterBufferMinutes: 10, requiresConfirmation: true, scheduleId: 2 }]);
    expect(shadow().querySelector('[role="status"]')!.textContent).to.equal('Saved.');
    expect(shadow().querySelector('[part="event-type"] p.muted')!.textContent).to.equal('alice/intro · 45 minutes');
    expect((events.find((e) => e.type === 'openslot-saved')!.detail as { kind: string }).kind).to.equal('event-type');
    expect(await axeViolations(element)).to.deep.equal([]);
  });

  it('creates one with a booking window, repeats, a link, a question and allowed sites', async () => {
    await ready();
    await openForm('New event type');
    expect(heading()).to.equal('New event type');
    fill(field('title'), 'Workshop');
    fill(field('slug'), 'workshop');
    fill(field<HTMLSelectElement>('bookingWindow.type'), 'range');
    await until(() => shadow().querySelector('[id="bookingWindow.start"]'), 'the dates');
    fill(field('bookingWindow.start'), '2026-12-01');
    fill(field('bookingWindow.end'), '2026-12-31');
    check(field('recurring'), true);
    await until(() => shadow().querySelector('[id="recurring.maxCount"]'), 'the repeat fields');
    fill(field('recurring.maxCount'), '6');
    fill(field<HTMLSelectElement>('location.type'), 'link');
    await until(() => shadow().querySelector('[id="location.url"]'), 'the link field');
    fill(field('location.url'), 'https://meet.example.com/alice');
    button('Add a question').click();
    await until(() => shadow().querySelector('[id="bookingFields.0.label"]'), 'the question');
    fill(field('bookingFields.0.label'), 'Your company');
    fill(field('bookingFields.0.name'), 'company');
    check(field('bookingFields.0.required'), true);
    fill(field<HTMLTextAreaElement>('allowedOrigins'), 'https://alice.example\nhttps://www.alice.example');
    expect(await axeViolations(element)).to.deep.equal([]);
    save();
    await backInList();
    expect(await sent('POST', '/v1/event-types')).to.deep.equal([
      {
        title: 'Workshop',
        slug: 'workshop',
        bookingWindow: { type: 'range', start: '2026-12-01', end: '2026-12-31' },
        recurring: { freq: 'weekly', interval: 1, maxCount: 6 },
        location: { type: 'link', url: 'https://meet.example.com/alice' },
        bookingFields: [{ name: 'company', label: 'Your company', type: 'text', required: true }],
        allowedOrigins: ['https://alice.example', 'https://www.alice.example'],
        owner: 'alice',
        durationMinutes: 30,
      },
    ]);
    expect(shadow().querySelector('[role="status"]')!.textContent).to.equal('Workshop was created.');
  });

  it('a price on a server without Stripe: the 422 payments_not_configured is shown at the price, plainly', async () => {
    await ready();
    await openForm('Edit Intro call');
    check(field('price'), true);
    await until(() => shadow().querySelector('[id="price.amount"]'), 'the amount');
    fill(field('price.amount'), '45');
    save();
    const summary = await until(() => shadow().querySelector('[part="error"]'), 'the error');
    expect(summary.textContent).to.contain('This server takes no payments yet: Stripe is not configured');
    expect(field('price-error').textContent).to.equal('This server takes no payments: set STRIPE_SECRET_KEY before giving an event type a price');
    expect(field('price').getAttribute('aria-invalid')).to.equal('true');
    await until(() => deepActiveElement()?.id === 'price', 'focus on the price');
    const failure = events.find((e) => e.type === 'openslot-error')!.detail as { error: { code: string }; phase: string };
    expect([failure.error.code, failure.phase]).to.deep.equal(['payments_not_configured', 'save']);
    expect(await axeViolations(element)).to.deep.equal([]);
  });

  it('with Stripe: the price in minor units and the refund policy', async () => {
    state.stripe = { paymentsEnabled: true, connect: false, account: null };
    await ready();
    await openForm('Edit Intro call');
    expect(shadow().querySelector('#no-payments')).to.equal(null);
    check(field('price'), true);
    await until(() => shadow().querySelector('[id="price.amount"]'), 'the amount');
    fill(field('price.amount'), '45.50');
    fill(field('price.currency'), 'USD');
    fill(field<HTMLSelectElement>('refundPolicy.type'), 'partial');
    await until(() => shadow().querySelector('[id="refundPolicy.percent"]'), 'the percent');
    fill(field('refundPolicy.percent'), '50');
    fill(field('refundPolicy.fullUntilHoursBefore'), '24');
    expect(await axeViolations(element)).to.deep.equal([]);
    save();
    await backInList();
    expect(await sent('PATCH', '/v1/event-types/1')).to.deep.equal([
      { price: { amount: 4550, currency: 'usd' }, refundPolicy: { type: 'partial', percent: 50, fullUntilHoursBefore: 24 } },
    ]);
    expect(shadow().querySelector('[part="event-type"] p.muted')!.textContent).to.equal('alice/intro · 30 minutes · $45.50');
  });

  it('a team’s event type: hosts with weights and priorities', async () => {
    await ready();
    await openForm('Edit Sales call');
    expect(field<HTMLSelectElement>('schedulingType').value).to.equal('round_robin');
    expect(field('host-alice').checked).to.equal(true);
    expect(field('host-bob').checked).to.equal(false);
    expect(shadow().querySelector('#host-cleo'), 'an invited member cannot host yet').to.equal(null);
    check(field('host-bob'), true);
    const bobWeight = await until(() => shadow().querySelector<HTMLInputElement>('input[aria-label="Weight: bob"]:not([disabled])'), 'bob’s weight');
    fill(bobWeight, '3');
    fill(shadow().querySelector<HTMLInputElement>('input[aria-label="Priority: alice"]')!, '4');
    expect(await axeViolations(element)).to.deep.equal([]);
    save();
    await backInList();
    expect(await sent('PATCH', '/v1/event-types/2')).to.deep.equal([
      { hosts: [{ username: 'alice', weight: 1, priority: 4, fixed: false }, { username: 'bob', weight: 3, priority: 2, fixed: false }] },
    ]);
  });

  it('shows the server’s errors by field, and its own', async () => {
    await ready();
    await openForm('Edit Intro call');
    fill(field('title'), '  ');
    save();
    await until(() => field('title-error').textContent === 'Required', 'the title error');
    expect(deepActiveElement()!.id).to.equal('title');
    fill(field('title'), 'Intro');
    worker.use(
      http.patch(`${API}/v1/event-types/:id`, () =>
        error(400, 'validation_failed', 'Invalid body', {
          fields: [
            { field: 'bookingWindow.days', message: 'Too big: expected number to be <=3650' },
            { field: 'slug', message: 'already taken' },
          ],
        }),
      ),
    );
    fill(field('bookingWindow.days'), '9999');
    save();
    await until(() => field('bookingWindow.days-error').textContent === 'Too big: expected number to be <=3650', 'the window error');
    expect(field('slug-error').textContent).to.equal('already taken');
    expect(field('title-error').textContent).to.equal('');
    expect(shadow().querySelector('[part="error"]')!.textContent).to.contain('Please check the highlighted fields.');
    expect(await axeViolations(element)).to.deep.equal([]);
  });

  it('deletes after asking', async () => {
    await ready();
    button('Delete: Intro call').click();
    await until(() => deepActiveElement()?.textContent === 'Keep', 'focus on Keep');
    expect(await axeViolations(element)).to.deep.equal([]);
    button('Delete').click();
    await until(() => shadow().querySelectorAll('[part="event-type"]').length === 1, 'one left');
    expect(shadow().querySelector('[role="status"]')!.textContent).to.equal('Intro call was deleted.');
    expect(events.find((e) => e.type === 'openslot-deleted')!.detail).to.deep.equal({ kind: 'event-type', id: 1 });
  });
});
