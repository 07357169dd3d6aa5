/*
 * Registers the tags. The classes themselves (index.ts) can be imported without side effects;
 * this module is the entry of the self-registering bundle served at /widget.js.
 */
import { OpenSlotBooking } from './booking/booking.js';
import { OpenSlotButton } from './button/button.js';
import { OpenSlotCalendar } from './calendar/calendar.js';

export * from './index.js';

const tags = {
  'openslot-booking': OpenSlotBooking,
  'openslot-calendar': OpenSlotCalendar,
  'openslot-button': OpenSlotButton,
} as const;

// A page may load the script twice (two embeds); the second registration must be a no-op.
for (const [tag, element] of Object.entries(tags)) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

declare global {
  interface HTMLElementTagNameMap {
    'openslot-booking': OpenSlotBooking;
    'openslot-calendar': OpenSlotCalendar;
    'openslot-button': OpenSlotButton;
  }
}
