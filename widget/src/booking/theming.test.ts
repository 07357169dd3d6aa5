import { expect } from 'chai';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import { sharedQueryClient } from '../api.js';
import type { OpenSlotBooking } from './booking.js';
import { http, HttpResponse } from 'msw';
import { API, eventType, startFakeApi, worker } from '../test/fake-api.js';
import { axeViolations, until } from '../test/helpers.js';
import { calendarReady, mountBooking, timeButtons } from '../test/mount.js';

let element: OpenSlotBooking;
let style: HTMLStyleElement | undefined;

before(startFakeApi);
afterEach(async () => {
  element?.remove();
  style?.remove();
  worker.resetHandlers();
  sharedQueryClient().clear();
  await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
});

const shadow = () => element.shadowRoot!;
const background = (selector: string) => getComputedStyle(shadow().querySelector(selector)!).backgroundColor;

async function toDetails(): Promise<void> {
  const grid = await calendarReady(element);
  grid.querySelector<HTMLButtonElement>('button[data-date$="-10"]')!.click();
  await until(() => timeButtons(element).length === 3, 'times');
}

describe('theming', () => {
  it('inherits the page’s properties and font from :root and body, in both themes', async () => {
    style = document.createElement('style');
    style.textContent = `
      :root { --openslot-accent: rgb(22, 101, 52); --openslot-radius: 2px; }
      body { font-family: Georgia, serif; }`;
    document.head.append(style);
    for (const theme of ['light', 'dark']) {
      element = mountBooking({ theme });
      await toDetails();
      const time = getComputedStyle(timeButtons(element)[0]!);
      expect(time.borderTopColor).to.equal('rgb(22, 101, 52)');
      expect(time.borderTopLeftRadius).to.equal('2px');
      expect(getComputedStyle(shadow().querySelector('.base')!).fontFamily).to.equal('Georgia, serif');
      expect(time.fontFamily).to.equal('Georgia, serif');
      const day = shadow().querySelector('openslot-calendar')!.shadowRoot!.querySelector('button[data-date$="-10"]')!;
      expect(getComputedStyle(day).fontFamily).to.equal('Georgia, serif');
      element.remove();
    }
    // --openslot-font, when set, wins over the inherited font.
    style.textContent += ':root { --openslot-font: "Courier New", monospace; }';
    element = mountBooking();
    await calendarReady(element);
    expect(getComputedStyle(shadow().querySelector('.base')!).fontFamily).to.equal('"Courier New", monospace');
  });

  it('takes the page’s custom properties and ::part() rules', async () => {
    style = document.createElement('style');
    style.textContent = `
      openslot-booking { --openslot-accent: rgb(10, 20, 30); --openslot-radius: 3px; }
      openslot-booking::part(time) { letter-spacing: 2px; }
      openslot-booking::part(day-available) { text-decoration: underline; }
      openslot-booking::part(title) { text-transform: uppercase; }`;
    document.head.append(style);
    element = mountBooking();
    await toDetails();
    const time = getComputedStyle(timeButtons(element)[0]!);
    expect(time.letterSpacing).to.equal('2px');
    expect(time.borderTopColor).to.equal('rgb(10, 20, 30)');
    expect(time.borderTopLeftRadius).to.equal('3px');
    expect(getComputedStyle(shadow().querySelector('[part="title"]')!).textTransform).to.equal('uppercase');
    const day = shadow().querySelector('openslot-calendar')!.shadowRoot!.querySelector('button[data-date$="-10"]')!;
    expect(getComputedStyle(day).textDecorationLine).to.equal('underline');
  });

  it('has a dark theme with AA contrast at every step, and `auto` follows the system', async () => {
    element = mountBooking({ theme: 'dark', name: 'Dee', email: 'dee@example.com' });
    await toDetails();
    expect(background('.base')).to.equal('rgb(17, 24, 39)');
    expect(await axeViolations(element)).to.deep.equal([]);
    timeButtons(element)[0]!.click();
    (await until(() => shadow().querySelector<HTMLButtonElement>('button.next'), 'Next')).click();
    await until(() => shadow().querySelector('form'), 'form');
    expect(await axeViolations(element)).to.deep.equal([]);
    element.remove();

    element = mountBooking({ theme: 'auto' });
    await calendarReady(element);
    expect(background('.base')).to.equal('rgb(255, 255, 255)');
    await emulateMedia({ colorScheme: 'dark' });
    expect(background('.base')).to.equal('rgb(17, 24, 39)');
    expect(await axeViolations(element)).to.deep.equal([]);
  });

  it('on a phone, brings the times into view when a day is picked, and the form fits 320 px', async () => {
    await setViewport({ width: 375, height: 667 });
    try {
      element = mountBooking({ 'time-zone': 'UTC' });
      const grid = await calendarReady(element);
      window.scrollTo(0, 0);
      const times = () => shadow().querySelector('.times')!.getBoundingClientRect();
      expect(times().top).to.be.above(window.innerHeight * 0.5); // below the calendar, near or past the fold
      grid.querySelector<HTMLButtonElement>('button[data-date$="-10"]')!.click();
      await until(() => timeButtons(element).length === 3, 'times');
      await until(() => times().top >= 0 && times().top + 120 <= window.innerHeight, 'the times scrolled into view');

      await setViewport({ width: 320, height: 640 });
      timeButtons(element)[0]!.click();
      (await until(() => shadow().querySelector<HTMLButtonElement>('button.next'), 'Next')).click();
      const form = await until(() => shadow().querySelector('form'), 'the form');
      for (const control of form.querySelectorAll('input, button')) {
        expect(control.getBoundingClientRect().right).to.be.at.most(320);
      }
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
      expect(await axeViolations(element)).to.deep.equal([]);
    } finally {
      window.scrollTo(0, 0);
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('drops its transitions when the visitor prefers reduced motion', async () => {
    element = mountBooking();
    await toDetails();
    expect(getComputedStyle(timeButtons(element)[0]!).transitionDuration).to.not.equal('0s');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(getComputedStyle(timeButtons(element)[0]!).transitionDuration).to.equal('0s');
  });

  it('never moves the page below it once painted, and never scrolls inside', async () => {
    const shifts: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) shifts.push((entry as PerformanceEntry & { value: number }).value);
    });
    observer.observe({ type: 'layout-shift' });
    // The event type answers only once the loading state has been painted and measured.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    worker.use(http.get(`${API}/v1/event-types/alice/intro`, async () => (await released, HttpResponse.json({ eventType }))));
    const below = document.createElement('p');
    below.textContent = 'The host page goes on here.';
    element = mountBooking();
    element.after(below);
    await new Promise(requestAnimationFrame);
    await new Promise(requestAnimationFrame);
    const firstTop = below.getBoundingClientRect().top;
    expect(shadow().querySelector('.skeleton')).to.not.equal(null); // the first paint is the loading state…
    release();

    await calendarReady(element);
    await until(() => shadow().querySelector('[part="title"]'), 'the loaded header');
    await new Promise(requestAnimationFrame);
    await new Promise(requestAnimationFrame);
    expect(below.getBoundingClientRect().top).to.equal(firstTop); // …and the loaded page has its height
    observer.disconnect();
    below.remove();
    expect(shifts).to.deep.equal([]);
    const base = shadow().querySelector('.base')!;
    expect(base.scrollHeight).to.equal(base.clientHeight);
  });
});
