export { OpenSlotAvailability } from './availability/availability.js';
export { OpenSlotBookings } from './bookings/bookings.js';
export { OpenSlotEventTypes } from './event-types/event-types.js';
export { OpenSlotCalendars } from './calendars/calendars.js';
export { OpenSlotPayments } from './payments/payments.js';
export * from './events.js';
export { OpenSlotErrorEvent, type ErrorDetail } from '../events.js';
export { hostMessagesFor, type HostMessages } from './i18n/index.js';
