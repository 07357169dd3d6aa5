// The file the server serves as /widget.js, tested as a page loads it: one self-registering
// module, no globals assumed (no `process`), no sources beside it.
import { expect } from 'chai';
import { startFakeApi, API } from './test/fake-api.js';
import { until } from './test/helpers.js';

before(startFakeApi);

describe('dist/widget.js', () => {
  it('registers the elements and renders slots from the API without a process global', async () => {
    const errors: string[] = [];
    window.addEventListener('error', (e) => errors.push(e.message));
    expect('process' in window).to.equal(true); // the test page defines it for the sources…
    delete (window as { process?: unknown }).process; // …but a customer's page does not.

    const bundle = '/dist/widget.js';
    const module = (await import(bundle)) as Record<string, unknown>;
    expect(module).to.have.property('OpenSlotBooking');
    expect(customElements.get('openslot-booking')).to.equal(module.OpenSlotBooking);

    const element = document.createElement('openslot-booking');
    Object.entries({ api: API, event: 'alice/intro', 'time-zone': 'UTC', locale: 'en-US' }).forEach(([k, v]) => element.setAttribute(k, v));
    const ready = new Promise((resolve) => element.addEventListener('openslot-ready', resolve));
    document.body.append(element);
    await ready;

    const calendar = await until(() => element.shadowRoot!.querySelector('openslot-calendar')?.shadowRoot, 'the calendar');
    await until(() => calendar.querySelectorAll('button[aria-disabled="false"]').length === 2, 'two free days');
    expect(errors).to.deep.equal([]);
    element.remove();
  });
});
