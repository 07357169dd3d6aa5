// Test-only: mounting an <openslot-booking> against the fake API, shared by the component tests.
import '../define.js';
import type { OpenSlotBooking } from '../booking/booking.js';
import { API } from './fake-api.js';
import { until } from './helpers.js';

export function mountBooking(attributes: Record<string, string> = {}): OpenSlotBooking {
  const element = document.createElement('openslot-booking');
  for (const [name, value] of Object.entries({ api: API, event: 'alice/intro', 'time-zone': 'UTC', locale: 'en-US', ...attributes })) {
    element.setAttribute(name, value);
  }
  document.body.append(element);
  return element;
}

/** Resolves once the month's free days show in the calendar. */
export function calendarReady(element: OpenSlotBooking): Promise<ShadowRoot> {
  return until(() => {
    const calendar = element.shadowRoot!.querySelector('openslot-calendar');
    return calendar?.shadowRoot?.querySelector('button[aria-disabled="false"]') && !(calendar as HTMLElement & { loading: boolean }).loading && calendar.shadowRoot;
  }, 'the calendar with free days');
}

export const timeButtons = (element: OpenSlotBooking) => [...element.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.time')];

/** Picks the `index`th time and presses Next beside it (the time list's confirm step). */
export async function pickTime(element: OpenSlotBooking, index = 0): Promise<void> {
  timeButtons(element)[index]!.click();
  const next = await until(() => element.shadowRoot!.querySelector<HTMLButtonElement>('button.next'), 'the Next button');
  next.click();
}
