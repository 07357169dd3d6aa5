import { expect } from 'chai';
import { sendKeys } from '@web/test-runner-commands';
import '../define.js';
import { sharedQueryClient } from '../api.js';
import type { OpenSlotButton } from './button.js';
import { API, requests, startFakeApi, worker } from '../test/fake-api.js';
import { axeViolations, deepActiveElement, recordEvents, until, type RecordedEvent } from '../test/helpers.js';

let element: OpenSlotButton;
let events: RecordedEvent[];
let stopRecording: AbortController;

before(startFakeApi);
beforeEach(() => {
  requests.length = 0;
  stopRecording = new AbortController();
  events = recordEvents(['openslot-ready'], stopRecording.signal);
});
afterEach(() => {
  stopRecording.abort();
  element?.remove();
  worker.resetHandlers();
  sharedQueryClient().clear();
});

async function mount(attributes: Record<string, string> = {}, label = ''): Promise<OpenSlotButton> {
  element = document.createElement('openslot-button');
  for (const [name, value] of Object.entries({ api: API, event: 'alice/intro', 'time-zone': 'UTC', locale: 'en-US', ...attributes })) element.setAttribute(name, value);
  element.textContent = label;
  document.body.append(element);
  await element.updateComplete;
  return element;
}

const opener = () => element.shadowRoot!.querySelector<HTMLButtonElement>('button.open')!;
const dialog = () => element.shadowRoot!.querySelector('dialog')!;

describe('<openslot-button>', () => {
  it('is an accessible button that loads nothing until it is pressed', async () => {
    await mount({}, 'Book a call');
    expect(opener().getAttribute('aria-haspopup')).to.equal('dialog');
    expect(element.shadowRoot!.querySelector('openslot-booking')).to.equal(null);
    expect(await axeViolations(element)).to.deep.equal([]);
    // Let a few frames pass: a booker created eagerly would have asked for the event type by now.
    for (let i = 0; i < 5; i++) await new Promise(requestAnimationFrame);
    expect(requests).to.have.length(0);
  });

  it('opens the booker in a modal dialog, closes on Escape and gives focus back to the button', async () => {
    await mount({ layout: 'week', 'lock-prefill': '', name: 'Bo' });
    opener().focus();
    await sendKeys({ press: 'Enter' });

    await until(() => dialog().open, 'the open dialog');
    expect(dialog().matches(':modal')).to.equal(true); // the rest of the page is inert: focus stays inside
    expect(element.open).to.equal(true);
    const booker = element.shadowRoot!.querySelector('openslot-booking')!;
    expect(['api', 'event', 'layout', 'lock-prefill', 'name'].map((a) => booker.getAttribute(a))).to.deep.equal([API, 'alice/intro', 'week', '', 'Bo']);
    expect(dialog().contains(deepActiveElement()) || element.shadowRoot!.activeElement?.closest('dialog') === dialog()).to.equal(true);
    await until(() => events.length === 1, 'openslot-ready from inside the dialog');
    // Contrast is judged once the dialog has faded in.
    await Promise.all(dialog().getAnimations().map((animation) => animation.finished));
    expect(await axeViolations(element)).to.deep.equal([]);

    await sendKeys({ press: 'Escape' });
    await until(() => !dialog().open, 'the dialog to close');
    expect(element.open).to.equal(false);
    await until(() => deepActiveElement() === opener(), 'focus back on the button');

    // Reopening keeps the booker (and its state); close() closes it from script.
    element.show();
    await until(() => dialog().open, 'the dialog to reopen');
    expect(element.shadowRoot!.querySelector('openslot-booking')).to.equal(booker);
    element.close();
    await until(() => !dialog().open, 'close()');
  });

  it('floats in the corner with `floating`, labelled in the page’s language by default', async () => {
    await mount({ floating: '', locale: 'de-DE' });
    expect(getComputedStyle(element).position).to.equal('fixed');
    await until(() => opener().textContent!.trim() === 'Termin buchen', 'the German label (its catalog loads on demand)');
    expect(await axeViolations(element)).to.deep.equal([]);
  });

  it('themes the popup booker like its button, from the page’s :root', async () => {
    const style = document.createElement('style');
    style.textContent = ':root { --openslot-accent: rgb(22, 101, 52); } body { font-family: Georgia, serif; }';
    document.head.append(style);
    try {
      await mount();
      expect(getComputedStyle(opener()).backgroundColor).to.equal('rgb(22, 101, 52)');
      expect(getComputedStyle(opener()).fontFamily).to.equal('Georgia, serif');
      opener().click();
      const booker = await until(() => element.shadowRoot!.querySelector('openslot-booking'), 'the booker');
      const time = await until(() => {
        const grid = booker.shadowRoot?.querySelector('openslot-calendar')?.shadowRoot;
        return grid?.querySelector<HTMLButtonElement>('button[aria-disabled="false"]');
      }, 'a free day');
      expect(getComputedStyle(time).color).to.not.equal('');
      const title = await until(() => booker.shadowRoot!.querySelector('[part="title"]'), 'the title');
      expect(getComputedStyle(title).fontFamily).to.equal('Georgia, serif');
      time.click();
      const slot = await until(() => booker.shadowRoot!.querySelector<HTMLButtonElement>('button.time'), 'the times');
      expect(getComputedStyle(slot).borderTopColor).to.equal('rgb(22, 101, 52)');
      await Promise.all(element.shadowRoot!.querySelector('dialog')!.getAnimations().map((a) => a.finished));
      // The close button sits inside the dialog's box.
      const dialog = element.shadowRoot!.querySelector('dialog')!.getBoundingClientRect();
      const close = element.shadowRoot!.querySelector('[part="close"]')!.getBoundingClientRect();
      expect(close.top >= dialog.top && close.right <= dialog.right && close.bottom <= dialog.bottom).to.equal(true);
      expect(await axeViolations(element)).to.deep.equal([]);
    } finally {
      style.remove();
    }
  });
});
