export { OpenSlotBooking } from './booking/booking.js';
export { OpenSlotCalendar } from './calendar/calendar.js';
export * from './events.js';
