import { expect } from 'chai';
import { sharedQueryClient } from '../api.js';
import type { OpenSlotBooking } from './booking.js';
import { requests, startFakeApi, worker } from '../test/fake-api.js';
import { axeViolations, deepActiveElement, recordEvents, until, type RecordedEvent } from '../test/helpers.js';
import { mountBooking, timeButtons } from '../test/mount.js';

let element: OpenSlotBooking;
let events: RecordedEvent[];
let stopRecording: AbortController;

before(startFakeApi);
beforeEach(() => {
  requests.length = 0;
  stopRecording = new AbortController();
  events = recordEvents(['openslot-ready', 'openslot-slot-select'], stopRecording.signal);
});
afterEach(() => {
  stopRecording.abort();
  element?.remove();
  worker.resetHandlers();
  sharedQueryClient().clear();
});

const shadow = () => element.shadowRoot!;
const nextMonth = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString().slice(0, 7);
};

describe('<openslot-booking layout="week">', () => {
  it('shows seven days of times side by side, pages by week across months, and books from there', async () => {
    element = mountBooking({ layout: 'week' });
    await until(() => events.some((e) => e.type === 'openslot-ready'), 'openslot-ready');
    expect(shadow().querySelectorAll('.day-column')).to.have.length(7);
    expect(shadow().querySelector('openslot-calendar')).to.equal(null);

    // Page forward to the week holding next month's 10th (the fake's free days are the 10th and 20th).
    const target = `${nextMonth()}-10`;
    const next = shadow().querySelector<HTMLButtonElement>('button[aria-label="Next week"]')!;
    for (let i = 0; i < 8 && !shadow().querySelector(`#d-${target}`); i++) {
      next.click();
      await element.updateComplete;
    }
    const column = await until(() => shadow().querySelector(`#d-${target}`)?.parentElement?.querySelectorAll('button.time').length === 3 && shadow().querySelector(`#d-${target}`)!.parentElement!, 'the 10th’s times');
    expect([...column.querySelectorAll('button.time')].map((b) => b.textContent!.trim())).to.deep.equal(['9:00 AM', '9:30 AM', '10:00 AM']);
    expect(requests.some((r) => r.url.includes(`start=${nextMonth()}-01`))).to.equal(true);
    // Screen readers hear what the week holds (the fake's other free day, the 20th, is in another week).
    expect(shadow().querySelector('[role="status"]')!.textContent).to.match(/^\w{3} \d+ – (\w{3} )?\d+, \d{4}: 3 free times$/);
    expect(await axeViolations(element)).to.deep.equal([]);

    column.querySelectorAll<HTMLButtonElement>('button.time')[2]!.click();
    (await until(() => shadow().querySelector<HTMLButtonElement>('button.next'), 'Next')).click();
    await until(() => shadow().querySelector('form'), 'the details form');
    expect(deepActiveElement()!.id).to.equal('details-heading');
    expect(events.find((e) => e.type === 'openslot-slot-select')!.detail).to.deep.include({ timeZone: 'UTC' });
  });
});

describe('<openslot-booking layout="column">', () => {
  it('shows the month’s days with times as day columns side by side, one screen high however many times', async () => {
    element = mountBooking({ layout: 'column' });
    await until(() => timeButtons(element).length === 4, 'the month’s four times');
    const days = [...shadow().querySelectorAll('.column h4')].map((h) => h.getAttribute('aria-label'));
    expect(days).to.have.length(2);
    expect(days[0]).to.match(/10, \d{4}$/);
    expect(days[1]).to.match(/20, \d{4}$/);
    expect(shadow().querySelector('[role="status"]')!.textContent).to.match(/^2 days with free times in \w+ \d{4}$/);
    const columns = [...shadow().querySelectorAll<HTMLElement>('.column > section')];
    expect(columns[1]!.getBoundingClientRect().top).to.equal(columns[0]!.getBoundingClientRect().top); // side by side
    const height = shadow().querySelector('.column')!.getBoundingClientRect().height;
    expect(height).to.be.below(400); // a fixed band, not a page per day
    expect(await axeViolations(element)).to.deep.equal([]);
  });
});
