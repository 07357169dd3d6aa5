export { bookingEmails, type BookingEmailInput, type HostRecipient } from './booking-emails.js';
export type { BookingEmailKind } from './booking-email-copy.js';
export { bookingInvite, calendarUid, type InviteMethod, type InviteOptions } from './calendar-invite.js';
export { createMailer, type Mailer, type MailerOptions } from './mailer.js';
export type { MailAddress, MailMessage, MailOutbox } from './mail-message.js';
export type { RetryTimers } from './mail-queue.js';
export { paymentEmails, type PaymentEmail } from './payment-emails.js';
