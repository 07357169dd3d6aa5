import { expect } from 'chai';
import { sharedQueryClient } from '../api.js';
import type { OpenSlotBooking } from '../booking/booking.js';
import { startFakeApi, worker } from '../test/fake-api.js';
import { axeViolations, until } from '../test/helpers.js';
import { calendarReady, mountBooking, timeButtons } from '../test/mount.js';
import { loadMessages } from './index.js';

let element: OpenSlotBooking;

before(startFakeApi);
afterEach(() => {
  element?.remove();
  worker.resetHandlers();
  sharedQueryClient().clear();
});

const shadow = () => element.shadowRoot!;
const hint = () => shadow().querySelector('.hint')!.textContent;

describe('localisation', () => {
  it('picks a catalog by language, English when there is none', async () => {
    expect((await loadMessages('de-AT')).confirm).to.equal('Buchung bestätigen');
    expect((await loadMessages('FR')).confirm).to.equal('Confirmer la réservation');
    expect((await loadMessages('es-MX')).confirm).to.equal('Confirmar reserva');
    expect((await loadMessages('ja-JP')).confirm).to.equal('Confirm booking');
  });

  it('words, dates and 12/24-hour times follow the `locale` attribute, and switch when it changes', async () => {
    element = mountBooking({ locale: 'de-DE' });
    let grid = await calendarReady(element);
    expect(hint()).to.equal('Wählen Sie einen Tag, um seine Zeiten zu sehen.');
    expect(grid.querySelector('button.nav')!.getAttribute('aria-label')).to.equal('Vorheriger Monat');
    expect(shadow().querySelector('.meta span')!.textContent).to.equal('30 Min.');
    expect(shadow().querySelector('.base')!.getAttribute('lang')).to.equal('de-DE');
    grid.querySelector<HTMLButtonElement>('button[data-date$="-10"]')!.click();
    await until(() => timeButtons(element).length === 3, 'times');
    expect(timeButtons(element)[0]!.textContent!.trim()).to.equal('9:00'); // 24-hour, no AM/PM
    expect(shadow().querySelector('#times-heading')!.textContent).to.match(/^\p{L}+tag, 10\. \p{L}+ \d{4}$/u);
    expect(await axeViolations(element)).to.deep.equal([]);

    element.locale = 'fr-FR';
    await until(() => shadow().querySelector('.zone-label')!.textContent === 'Heures en', 'French words');
    expect(timeButtons(element).map((b) => b.textContent!.trim())).to.deep.equal(['9:00', '9:30', '10:00']);
    expect(shadow().querySelector('#times-heading')!.textContent).to.match(/^\p{L}+ 10 \p{L}+ \d{4}$/u);

    element.locale = 'es-ES';
    await element.updateComplete;
    grid = shadow().querySelector('openslot-calendar')!.shadowRoot!;
    await until(() => grid.querySelector('button.nav')!.getAttribute('aria-label') === 'Mes anterior', 'Spanish labels');
    expect(shadow().querySelector('.zone-label')!.textContent).to.equal('Horarios en');

    element.locale = 'en-US';
    await element.updateComplete;
    expect(timeButtons(element)[0]!.textContent!.trim()).to.equal('9:00 AM');
  });
});
