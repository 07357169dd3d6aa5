export { OpenSlotBooking } from './booking/booking.js';
export { OpenSlotButton } from './button/button.js';
export { OpenSlotCalendar } from './calendar/calendar.js';
export * from './events.js';
export { loadMessages, messagesFor, type Messages } from './i18n/index.js';
