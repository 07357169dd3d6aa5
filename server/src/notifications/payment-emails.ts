import { formatMoney, type Booking, type RefundReason } from '@openslot/sdk/schemas';
import { describePayment } from './booking-emails.js';
import { formatMeetingTime, formatShortTime, renderHtml, renderText, type EmailContent, type EmailLink } from './email-layout.js';
import type { MailMessage } from './mail-message.js';
import type { NewJob } from '../jobs/index.js';

/** The job kind of one payment email (rendered when the change commits, sent by the worker). */
export const PAYMENT_MAIL = 'mail.payment';

/** The jobs of one payment email: one per message, as booking emails are. */
export function paymentMailJobs(email: PaymentEmail): NewJob[] {
  return paymentEmails(email).map((message) => ({ kind: PAYMENT_MAIL, payload: { message, booking: email.booking.uid, email: email.kind } }));
}

/**
 * Emails about money that no booking change sends by itself: the reminder to finish paying (sent
 * only if still unpaid when it is due, after asking Stripe), a refund, a refund that failed, and a
 * request the host left undecided until the card's authorisation had to be released.
 */
export type PaymentEmail =
  | { kind: 'payment_reminder'; booking: Booking; checkoutUrl: string }
  | { kind: 'refunded'; booking: Booking; amount: number; reason: RefundReason; released: boolean; rebookUrl: string }
  | { kind: 'refund_failed'; booking: Booking; amount: number }
  | { kind: 'request_expired'; booking: Booking; rebookUrl: string };

const hostNames = (booking: Booking) => new Intl.ListFormat('en', { type: 'conjunction' }).format(booking.hosts.map((host) => host.name));

function message(to: MailMessage['to'], content: EmailContent): MailMessage {
  return { to, subject: content.subject, text: renderText(content), html: renderHtml(content) };
}

function refundLead(email: Extract<PaymentEmail, { kind: 'refunded' }>, amount: string): string {
  const { booking, reason, released } = email;
  if (released) {
    const why = reason === 'rejected' ? `${hostNames(booking)} could not accept the request` : 'the booking was cancelled';
    return `You were not charged: ${why}, so the hold of ${amount} on your card is lifted.`;
  }
  switch (reason) {
    case 'time_unavailable':
      return `Your payment arrived after this time had been released, so we could not keep it for you. ${amount} is refunded in full; please pick another time.`;
    case 'booker_cancelled':
      return `You cancelled this booking; under its cancellation policy ${amount} goes back to you.`;
    case 'duplicate':
      return `This booking was paid twice; the second payment of ${amount} goes back to you.`;
    default:
      return `${hostNames(booking)} refunded ${amount} for this booking.`;
  }
}

/** The messages for one payment email, each in its recipient's zone and locale. */
export function paymentEmails(email: PaymentEmail): MailMessage[] {
  const { booking } = email;
  const booker = [{ name: booking.attendee.name, address: booking.attendee.email }];
  const zone = { timeZone: booking.attendee.timeZone || booking.timeZone, locale: booking.attendee.locale };
  const when = formatMeetingTime(booking.start, booking.end, zone);
  const details = [
    { label: 'What', value: booking.title },
    { label: 'When', value: when },
  ];
  const payment = booking.payment ? [{ label: 'Payment', value: describePayment(booking.payment, zone.locale) }] : [];
  const rebook = (url: string): EmailLink[] => [{ label: 'Pick another time', href: url }];

  switch (email.kind) {
    case 'payment_reminder': {
      const until = booking.payment?.expiresAt ? formatShortTime(booking.payment.expiresAt, zone) : null;
      return [
        message(booker, {
          subject: `Complete your payment: ${booking.title}`,
          heading: 'Your booking is waiting for payment',
          paragraphs: [until ? `We are holding this time for you until ${until}. It is confirmed once you pay.` : 'It is confirmed once you pay.'],
          details: [...details, ...payment],
          actions: [{ label: 'Complete payment', href: email.checkoutUrl }],
        }),
      ];
    }
    case 'refunded': {
      const amount = formatMoney(email.amount, booking.payment?.currency ?? 'usd', zone.locale);
      const unavailable = email.reason === 'time_unavailable' || email.reason === 'rejected';
      return [
        message(booker, {
          subject: email.released ? `Not charged: ${booking.title}` : `Refund of ${amount}: ${booking.title}`,
          heading: email.released ? 'You were not charged' : 'Your refund is on its way',
          paragraphs: [refundLead(email, amount), ...(email.released ? [] : ['Refunds reach the card you paid with within 5 to 10 days.'])],
          details: [...details, ...payment],
          actions: unavailable ? rebook(email.rebookUrl) : [],
        }),
      ];
    }
    case 'refund_failed': {
      const amount = formatMoney(email.amount, booking.payment?.currency ?? 'usd', 'en');
      return booking.hosts.map((host) =>
        message([{ name: host.name, address: host.email }], {
          subject: `Refund failed: ${amount} for ${booking.title}`,
          heading: 'A refund did not go through',
          paragraphs: [`Stripe could not refund ${amount} to ${booking.attendee.name} (${booking.attendee.email}). Please refund them from your Stripe Dashboard or contact them.`],
          details: [...details, ...payment],
          actions: [],
        }),
      );
    }
    case 'request_expired': {
      const hostCopy = (host: Booking['hosts'][number]) =>
        message([{ name: host.name, address: host.email }], {
          subject: `Request expired: ${booking.title} with ${booking.attendee.name}`,
          heading: 'A booking request expired',
          paragraphs: [`You did not confirm or decline this request within 6 days, so it was declined and the authorisation on ${booking.attendee.name}'s card was released before it could lapse. Nothing was charged.`],
          details: [...details, { label: 'Booker', value: `${booking.attendee.name} <${booking.attendee.email}>` }],
          actions: [],
        });
      return [
        message(booker, {
          subject: `Request expired: ${booking.title}`,
          heading: 'Your booking request expired',
          paragraphs: [`${hostNames(booking)} did not answer your request in time. You were not charged: the hold on your card is lifted.`],
          details,
          actions: rebook(email.rebookUrl),
        }),
        ...booking.hosts.map(hostCopy),
      ];
    }
  }
}
