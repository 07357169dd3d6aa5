export { bookingEmail, bookingEmailRecipients, bookingEmails, type BookingEmailInput, type EmailRecipient, type HostRecipient } from './booking-emails.js';
export type { BookingEmailKind } from './booking-email-copy.js';
export { bookingInvite, calendarUid, type InviteMethod, type InviteOptions } from './calendar-invite.js';
export { BOOKING_MAIL, bookingMailJobs, registerMailJobs, type BookingMailPayload } from './mail-jobs.js';
export { createMailer, isPermanentMailError, type Mailer, type MailerOptions } from './mailer.js';
export type { MailAddress, MailMessage } from './mail-message.js';
export { PAYMENT_MAIL, paymentEmails, paymentMailJobs, type PaymentEmail } from './payment-emails.js';
export { createMailCap, type MailCap } from './mail-cap.js';
export { createMailCapRepo } from './mail-cap.repo.js';
