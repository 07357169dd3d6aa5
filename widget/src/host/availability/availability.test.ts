import { expect } from 'chai';
import { http } from 'msw';
import '../define.js';
import type { OpenSlotAvailability } from './availability.js';
import { axeViolations, deepActiveElement, until } from '../../test/helpers.js';
import { API, check, error, fill, mount, requests, sent, state, useHostApi, worker } from '../../test/host-api.js';

let element: OpenSlotAvailability;
const events = useHostApi(['openslot-saved', 'openslot-error']);

const shadow = () => element.shadowRoot!;
const $ = <T extends Element = HTMLInputElement>(selector: string) => shadow().querySelector<T>(selector)!;
const byId = <T extends Element = HTMLInputElement>(id: string) => $<T>(`[id="${id}"]`);
const button = (name: string) => [...shadow().querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === name || b.getAttribute('aria-label') === name)!;
const ready = async () => {
  element = mount('openslot-availability');
  await until(() => shadow().querySelector('#availability-heading'), 'the schedule');
};
const saved = () => until(() => $('[role="status"]').textContent === 'Saved.', 'the saved notice');

describe('<openslot-availability>', () => {
  it('opens the default schedule, weekdays named and ticked, accessibly', async () => {
    await ready();
    expect(requests[0]!.headers.get('authorization')).to.equal('Bearer ost_session_alice');
    expect($<HTMLSelectElement>('#schedule').selectedOptions[0]!.textContent).to.equal('Working hours (default)');
    expect($('#name').value).to.equal('Working hours');
    expect($<HTMLSelectElement>('#time-zone').value).to.equal('Europe/Berlin');
    // en-US weeks start on Sunday.
    expect([...shadow().querySelectorAll('.day label')].map((l) => l.textContent)).to.deep.equal(['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']);
    expect(byId('day-mon').checked).to.equal(true);
    expect(byId('day-sat').checked).to.equal(false);
    expect(byId('weekly.mon.0-start').value).to.equal('09:00');
    expect(byId('weekly.mon.0-end').getAttribute('aria-label')).to.equal('Monday, until');
    expect(shadow().querySelector('.badge')!.textContent).to.equal('Default schedule');
    expect(await axeViolations(element)).to.deep.equal([]);
  });

  it('saving Mon–Thu 10–16 sends exactly that', async () => {
    await ready();
    check(byId('day-fri'), false);
    for (const day of ['mon', 'tue', 'wed', 'thu']) {
      fill(byId(`weekly.${day}.0-start`), '10:00');
      fill(byId(`weekly.${day}.0-end`), '16:00');
    }
    expect(await axeViolations(element)).to.deep.equal([]);
    button('Save').click();
    await saved();

    expect(await sent('PATCH', '/v1/schedules/1')).to.deep.equal([
      {
        name: 'Working hours',
        timeZone: 'Europe/Berlin',
        weeklyHours: ['mon', 'tue', 'wed', 'thu'].map((day) => ({ day, start: '10:00', end: '16:00' })),
        overrides: [],
      },
    ]);
    expect(byId('day-fri').checked).to.equal(false);
    expect(shadow().querySelector('[id="day-fri"]')!.closest('.day')!.textContent).to.contain('Unavailable');
    const savedEvent = events.find((e) => e.type === 'openslot-saved')!;
    expect(savedEvent.detail).to.deep.equal({ kind: 'schedule', schedule: state.schedules[0] });
    expect(savedEvent.event.composed).to.equal(true);
    expect(await axeViolations(element)).to.deep.equal([]);
  });

  it('a day off appears in the list and is sent as a date without hours', async () => {
    await ready();
    button('Add a date').click();
    await until(() => deepActiveElement()?.id === 'overrides.0-date', 'focus on the new date');
    fill(byId('overrides.0-date'), '2026-12-24');
    expect(byId('overrides.0-off').checked).to.equal(true); // a new date starts as a day off
    expect(await axeViolations(element)).to.deep.equal([]);
    button('Save').click();
    await saved();

    expect((await sent('PATCH', '/v1/schedules/1'))[0]).to.deep.include({ overrides: [{ date: '2026-12-24', ranges: [] }] });
    const item = $('[part="override"]');
    expect(item.querySelector('.override-name')!.textContent).to.equal('Thursday, December 24, 2026');
    expect(item.querySelector('.badge')!.textContent).to.equal('Day off');
  });

  it('several ranges a day, and other hours on a date', async () => {
    await ready();
    button('Add hours on Monday').click();
    await until(() => deepActiveElement()?.id === 'weekly.mon.1-start', 'focus on the new range');
    expect(byId('weekly.mon.1-start').value).to.equal('18:00');
    fill(byId('weekly.mon.0-end'), '12:00');
    fill(byId('weekly.mon.1-start'), '13:00');
    fill(byId('weekly.mon.1-end'), '17:00');
    button('Add a date').click();
    await until(() => shadow().querySelector('[id="overrides.0-date"]'), 'the date');
    fill(byId('overrides.0-date'), '2026-12-31');
    check(byId('overrides.0-off'), false);
    await until(() => shadow().querySelector('[id="overrides.0.ranges.0-start"]'), 'the date’s hours');
    fill(byId('overrides.0.ranges.0-end'), '12:00');
    expect(await axeViolations(element)).to.deep.equal([]);
    button('Save').click();
    await saved();

    const [body] = (await sent('PATCH', '/v1/schedules/1')) as Array<{ weeklyHours: unknown[]; overrides: unknown[] }>;
    expect(body!.weeklyHours.slice(0, 2)).to.deep.equal([
      { day: 'mon', start: '09:00', end: '12:00' },
      { day: 'mon', start: '13:00', end: '17:00' },
    ]);
    expect(body!.overrides).to.deep.equal([{ date: '2026-12-31', ranges: [{ start: '09:00', end: '12:00' }] }]);
  });

  it('shows errors by field: its own before sending, the server’s after', async () => {
    await ready();
    fill(byId('weekly.tue.0-end'), '08:00');
    button('Save').click();
    await until(() => byId('weekly.tue.0-end').getAttribute('aria-invalid') === 'true', 'the invalid range');
    expect(byId('weekly.tue.0-error').textContent).to.equal('Must end after it starts');
    expect(deepActiveElement()!.id).to.equal('weekly.tue.0-start');
    expect($('[part="error"]').textContent).to.equal('Please check the highlighted fields.');
    expect(requests.filter((r) => r.method === 'PATCH')).to.have.length(0);
    expect(await axeViolations(element)).to.deep.equal([]);

    fill(byId('weekly.tue.0-end'), '17:00');
    worker.use(
      http.patch(`${API}/v1/schedules/:id`, () =>
        error(400, 'validation_failed', 'Invalid body: weeklyHours.3.start: overlaps', { fields: [{ field: 'weeklyHours.3.start', message: 'overlaps another range' }] }),
      ),
    );
    button('Save').click();
    await until(() => byId('weekly.thu.0-error').textContent === 'overlaps another range', 'the server’s field error on Thursday');
    expect(byId('weekly.tue.0-end').hasAttribute('aria-invalid')).to.equal(false);
    expect((events.find((e) => e.type === 'openslot-error')!.detail as { phase: string }).phase).to.equal('save');
    expect(await axeViolations(element)).to.deep.equal([]);
  });

  it('several schedules: switch, create one, choose the default, change its time zone', async () => {
    await ready();
    fill($<HTMLSelectElement>('#schedule'), '2');
    await until(() => $('#name').value === 'Weekends', 'the other schedule');
    expect(byId('day-sat').checked).to.equal(true);
    expect(byId('day-mon').checked).to.equal(false);
    button('Make default').click();
    await until(() => $('[role="status"]').textContent === 'Weekends is now your default schedule.', 'the default notice');
    expect(await sent('PATCH', '/v1/users/alice')).to.deep.equal([{ defaultScheduleId: 2 }]);
    expect($<HTMLSelectElement>('#schedule').selectedOptions[0]!.textContent).to.equal('Weekends (default)');

    button('New schedule').click();
    await until(() => deepActiveElement()?.id === 'name', 'focus on the name');
    fill($('#name'), 'Evenings');
    fill($<HTMLSelectElement>('#time-zone'), 'America/New_York');
    expect(await axeViolations(element)).to.deep.equal([]);
    button('Save').click();
    await saved();
    const [created] = (await sent('POST', '/v1/schedules')) as Array<Record<string, unknown>>;
    expect(created).to.deep.include({ owner: 'alice', name: 'Evenings', timeZone: 'America/New_York', overrides: [] });
    expect(created!.weeklyHours).to.have.length(5);
    expect([...$<HTMLSelectElement>('#schedule').options].map((o) => o.textContent)).to.deep.equal(['Working hours', 'Weekends (default)', 'Evenings']);
    expect($<HTMLSelectElement>('#schedule').value).to.equal('3');
  });

  it('an expired token shows the error with a retry, and fires openslot-error', async () => {
    element = mount('openslot-availability', { token: 'expired' });
    const panel = await until(() => shadow().querySelector('[part="error"]'), 'the error panel');
    expect(panel.textContent).to.contain('Your session has ended.');
    expect((events[0]!.detail as { phase: string }).phase).to.equal('load');
    expect(await axeViolations(element)).to.deep.equal([]);
    element.token = 'ost_session_alice';
    await until(() => shadow().querySelector('#availability-heading'), 'the schedule after a new token');
  });
});
