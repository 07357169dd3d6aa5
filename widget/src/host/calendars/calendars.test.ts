import { expect } from 'chai';
import '../define.js';
import type { OpenSlotCalendars } from './calendars.js';
import { axeViolations, deepActiveElement, until } from '../../test/helpers.js';
import { fill, mount, sent, state, useHostApi } from '../../test/host-api.js';

let element: OpenSlotCalendars;
const events = useHostApi(['openslot-saved', 'openslot-deleted', 'openslot-connect', 'openslot-error']);

const shadow = () => element.shadowRoot!;
const $ = <T extends Element = HTMLInputElement>(selector: string) => shadow().querySelector<T>(selector)!;
const button = (name: string) => [...shadow().querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === name || b.getAttribute('aria-label') === name)!;
const connection = (label: string) => [...shadow().querySelectorAll<HTMLElement>('[part="connection"]')].find((li) => li.querySelector('h3')!.textContent!.endsWith(label))!;
const ready = async (attributes: Record<string, string> = {}) => {
  element = mount('openslot-calendars', attributes);
  await until(() => shadow().querySelector('[part="connection"]'), 'the connections');
};
const status = (text: string) => until(() => $('[role="status"]').textContent === text, `“${text}”`);

describe('<openslot-calendars>', () => {
  it('lists the connections and their calendars; a broken one says so, accessibly', async () => {
    await ready();
    const google = connection('alice@gmail.com');
    expect(google.querySelector('h3')!.textContent).to.equal('Google: alice@gmail.com');
    expect(google.querySelector('.state')!.textContent).to.equal('Working');
    expect($('input[aria-label="Count busy times in Alice"]').checked).to.equal(true);
    expect($('input[aria-label="Write new bookings to Alice"]').checked).to.equal(true);
    expect($('input[aria-label="Write new bookings to Holidays in Germany"]').disabled).to.equal(true); // read only
    const icloud = connection('alice@icloud.com');
    expect(icloud.querySelector('.state')!.textContent).to.equal('Broken');
    expect(icloud.querySelector('[role="alert"]')!.textContent).to.contain('cannot read this calendar any more (the server refused the credentials)');
    expect(await axeViolations(element)).to.deep.equal([]);
  });

  it('picks busy calendars and the destination', async () => {
    await ready();
    $('input[aria-label="Count busy times in Family"]').click();
    await status('Saved.');
    expect(await sent('PATCH', '/v1/users/alice/calendars/1')).to.deep.equal([{ calendars: [{ id: '12', busy: true }] }]);
    $('input[aria-label="Write new bookings to Work"]').click();
    await until(() => events.filter((e) => e.type === 'openslot-saved').length === 2, 'the second save');
    expect(await sent('PATCH', '/v1/users/alice/calendars/2')).to.deep.equal([{ calendars: [{ id: '21', destination: true }] }]);
    // The server moved the destination off Alice; the list shows what it now has.
    await until(() => state.connections[0]!.calendars[0]!.destination === false && !$('input[aria-label="Write new bookings to Alice"]').checked, 'the old destination cleared');
    expect($('input[aria-label="Write new bookings to Work"]').checked).to.equal(true);
    expect(await axeViolations(element)).to.deep.equal([]);
  });

  it('connects Google through the consent page (the page may open it itself)', async () => {
    await ready({ 'return-to': 'https://platform.example/settings' });
    document.addEventListener('openslot-connect', (e) => e.preventDefault(), { once: true });
    button('Connect Google Calendar').click();
    await until(() => events.some((e) => e.type === 'openslot-connect'), 'openslot-connect');
    expect(events.find((e) => e.type === 'openslot-connect')!.detail).to.deep.equal({ provider: 'google', url: 'https://accounts.google.test/consent?state=signed' });
    expect(await sent('POST', '/v1/users/alice/calendars/google/connect')).to.deep.equal([{ returnTo: 'https://platform.example/settings' }]);
  });

  it('connects a CalDAV account; refused credentials are said at the password', async () => {
    await ready();
    button('Connect a CalDAV account (iCloud, Fastmail, Nextcloud…)').click();
    await until(() => deepActiveElement()?.id === 'url', 'focus on the address');
    expect(await axeViolations(element)).to.deep.equal([]);
    button('Connect').click();
    await until(() => $('#url-error').textContent === 'Required', 'required fields');
    expect($('#password-error').textContent).to.equal('Required');
    fill($('#url'), 'https://caldav.fastmail.com');
    fill($('#username'), 'alice@fastmail.com');
    fill($('#password'), 'wrong');
    button('Connect').click();
    await until(() => $('#password-error').textContent === 'The calendar server refused these credentials.', 'the refusal');
    expect(deepActiveElement()!.id).to.equal('password');
    expect(await axeViolations(element)).to.deep.equal([]);
    fill($('#password'), 'app-password');
    button('Connect').click();
    await status('alice@fastmail.com is connected.');
    expect((await sent('POST', '/v1/users/alice/calendars')).at(-1)).to.deep.equal({ type: 'caldav', url: 'https://caldav.fastmail.com', username: 'alice@fastmail.com', password: 'app-password' });
    expect(connection('alice@fastmail.com')).to.not.equal(undefined);
  });

  it('subscribes to an ICS feed, repairs the broken connection, disconnects one', async () => {
    await ready();
    button('Subscribe to an ICS feed (read only)').click();
    await until(() => shadow().querySelector('#url'), 'the form');
    fill($('#url'), 'https://calendar.example/alice.ics');
    button('Connect').click();
    await status('calendar.example is connected.');
    expect((await sent('POST', '/v1/users/alice/calendars'))[0]).to.deep.equal({ type: 'ics', url: 'https://calendar.example/alice.ics' });

    fill($('#repair-2'), 'new-app-password');
    button('Save and check again').click();
    await until(() => connection('alice@icloud.com').querySelector('.state')!.textContent === 'Working', 'repaired');
    expect(await sent('PATCH', '/v1/users/alice/calendars/2')).to.deep.equal([{ password: 'new-app-password' }]);

    button('Disconnect: alice@gmail.com').click();
    await until(() => deepActiveElement()?.textContent === 'Keep', 'focus on Keep');
    expect(await axeViolations(element)).to.deep.equal([]);
    button('Disconnect').click();
    await status('alice@gmail.com was disconnected.');
    expect(state.connections.map((c) => c.id)).to.deep.equal(['2', '3']);
    expect(events.find((e) => e.type === 'openslot-deleted')!.detail).to.deep.equal({ kind: 'calendar', id: '1' });
  });
});
