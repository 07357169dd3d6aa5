/*
 * Registers the host components: the entry of /host.js, a bundle of its own that the booker
 * (/widget.js) never loads. The classes (index.ts) can be imported without side effects.
 */
import { OpenSlotAvailability } from './availability/availability.js';
import { OpenSlotBookings } from './bookings/bookings.js';
import { OpenSlotCalendars } from './calendars/calendars.js';
import { OpenSlotEventTypes } from './event-types/event-types.js';
import { OpenSlotPayments } from './payments/payments.js';

export * from './index.js';

const tags = {
  'openslot-availability': OpenSlotAvailability,
  'openslot-bookings': OpenSlotBookings,
  'openslot-event-types': OpenSlotEventTypes,
  'openslot-calendars': OpenSlotCalendars,
  'openslot-payments': OpenSlotPayments,
} as const;

for (const [tag, element] of Object.entries(tags)) {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

declare global {
  interface HTMLElementTagNameMap {
    'openslot-availability': OpenSlotAvailability;
    'openslot-bookings': OpenSlotBookings;
    'openslot-event-types': OpenSlotEventTypes;
    'openslot-calendars': OpenSlotCalendars;
    'openslot-payments': OpenSlotPayments;
  }
}
