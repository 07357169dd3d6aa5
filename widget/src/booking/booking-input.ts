import type { CreateBookingInput, PublicEventType } from '@openslot/sdk';
import { readResponses } from './booking-fields.js';
import { parseGuests, utmParameters } from './messages.js';

export interface BookingContext {
  event: string;
  start: string;
  timeZone: string;
  locale: string;
  /** The `metadata` attribute; it wins over the page's UTM parameters of the same name. */
  metadata: Record<string, string> | undefined;
  /** The host page's query string, for its `utm_*` parameters. */
  search: string;
}

/** The request body of `POST /v1/bookings` from the details form; optional parts only when they say something. */
export function bookingInput(context: BookingContext, form: FormData, eventType: PublicEventType): CreateBookingInput {
  const responses = readResponses(eventType.bookingFields, form);
  const guests = parseGuests(String(form.get('guests') ?? ''));
  const metadata = { ...utmParameters(context.search), ...context.metadata };
  return {
    event: context.event,
    start: context.start,
    timeZone: context.timeZone,
    attendee: { name: String(form.get('name')), email: String(form.get('email')), timeZone: context.timeZone, locale: context.locale },
    ...(guests.length > 0 ? { guests } : {}),
    ...(Object.keys(responses).length > 0 ? { responses } : {}),
    ...(eventType.recurring ? { recurrence: { count: Number(form.get('count')) } } : {}),
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
  };
}
