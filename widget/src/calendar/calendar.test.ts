import { expect } from 'chai';
import { sendKeys } from '@web/test-runner-commands';
import '../define.js';
import type { OpenSlotCalendar } from './calendar.js';
import type { CalendarDaySelectEvent, CalendarMonthChangeEvent } from './calendar.js';
import { axeViolations, deepActiveElement } from '../test/helpers.js';

let element: OpenSlotCalendar;

async function mount(props: Partial<Pick<OpenSlotCalendar, 'month' | 'min' | 'locale' | 'selected'>> = {}, dir = 'ltr') {
  element = document.createElement('openslot-calendar');
  Object.assign(element, { month: '2026-12', locale: 'en-US', available: new Set(['2026-12-03', '2026-12-17']), ...props });
  element.dir = dir;
  // The booker keeps `month` in step with month-change, as here.
  element.addEventListener('month-change', (e) => (element.month = (e as CalendarMonthChangeEvent).month));
  document.body.append(element);
  await element.updateComplete;
  return element;
}

afterEach(() => element?.remove());

const focusedDate = () => deepActiveElement()?.getAttribute('data-date');

describe('<openslot-calendar>', () => {
  it('is an accessible grid with named days and one tab stop', async () => {
    await mount();

    expect(await axeViolations(element)).to.deep.equal([]);
    const grid = element.shadowRoot!.querySelector('[role="grid"]')!;
    expect(grid.getAttribute('aria-labelledby')).to.equal('month');
    const tabStops = element.shadowRoot!.querySelectorAll('button[data-date][tabindex="0"]');
    expect([...tabStops].map((b) => b.getAttribute('data-date'))).to.deep.equal(['2026-12-03']); // the first free day
    expect(tabStops[0]!.getAttribute('aria-label')).to.equal('Thursday, December 3, 2026');
    expect(element.shadowRoot!.querySelector('[data-date="2026-12-04"]')!.getAttribute('aria-label')).to.equal('Friday, December 4, 2026, no times');
  });

  it('starts weeks on the locale’s first day', async () => {
    await mount({ locale: 'de-DE' });
    const headers = [...element.shadowRoot!.querySelectorAll('th')].map((th) => th.getAttribute('abbr'));
    expect(headers[0]).to.equal('Montag');
  });

  it('moves focus with arrows, Home/End, and across months with PageDown', async () => {
    await mount();
    element.focusGrid();

    await sendKeys({ press: 'ArrowRight' });
    expect(focusedDate()).to.equal('2026-12-04');
    await sendKeys({ press: 'ArrowDown' });
    expect(focusedDate()).to.equal('2026-12-11');
    await sendKeys({ press: 'Home' });
    expect(focusedDate()).to.equal('2026-12-06'); // Sunday starts the week in en-US
    await sendKeys({ press: 'End' });
    expect(focusedDate()).to.equal('2026-12-12');
    expect(element.shadowRoot!.querySelectorAll('button[data-date][tabindex="0"]')).to.have.length(1);

    await sendKeys({ press: 'PageDown' });
    await element.updateComplete;
    expect(element.month).to.equal('2027-01');
    expect(focusedDate()).to.equal('2027-01-12');

    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    await element.updateComplete;
    expect(element.month).to.equal('2026-12'); // arrowing off the top edge goes back a month
    expect(focusedDate()).to.equal('2026-12-29');
  });

  it('mirrors left and right in a right-to-left page', async () => {
    await mount({}, 'rtl');
    element.focusGrid();

    await sendKeys({ press: 'ArrowLeft' });
    expect(focusedDate()).to.equal('2026-12-04');
  });

  it('selects only days with times, and never goes before the minimum month', async () => {
    await mount({ min: '2026-12' });
    const selected: string[] = [];
    element.addEventListener('day-select', (e) => selected.push((e as CalendarDaySelectEvent).date));
    element.focusGrid();

    await sendKeys({ press: 'Enter' }); // the 3rd, free
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Enter' }); // the 4th, no times
    await sendKeys({ press: 'PageUp' });

    expect(selected).to.deep.equal(['2026-12-03']);
    expect(element.month).to.equal('2026-12');
    expect(element.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Previous month"]')!.disabled).to.equal(true);
  });
});
