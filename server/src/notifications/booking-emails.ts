import { formatMoney, type Booking, type BookingPayment } from '@openslot/sdk/schemas';
import { bookingCopy, type Audience, type BookingEmailKind } from './booking-email-copy.js';
import { bookingInvite, type InviteMethod, type InviteOptions } from './calendar-invite.js';
import {
  formatMeetingTime,
  formatShortMeetingTime,
  renderHtml,
  renderText,
  type EmailDetail,
  type EmailLink,
  type RecipientZone,
} from './email-layout.js';
import type { MailAddress, MailMessage } from './mail-message.js';

/** A host of the booking (matched by username) with the zone and links for their copy. */
export interface HostRecipient extends RecipientZone {
  username: string;
  /** The owner-side page of this booking. */
  bookingUrl?: string;
  /** Signed links for a booking that waits for the host (`requested`, `request_rescheduled`); they act without signing in. */
  confirmUrl?: string;
  rejectUrl?: string;
}

export interface BookingEmailInput {
  kind: BookingEmailKind;
  /** The booking as it is after the change (for `rescheduled`: the new booking). */
  booking: Booking;
  /** Its event type's title ("Intro call"), for sentences that name the people themselves (older jobs lack it). */
  eventTitle?: string;
  /** For `rescheduled`: the booking it replaced, whose time is shown as the old one. */
  previous?: Booking;
  /** The booker's manage page (it carries the manage token, so it goes to the booker only). */
  manageUrl: string;
  /** Hosts without an entry get their copy in UTC and without owner links. */
  hosts: HostRecipient[];
  /** The stored invite revision; ignored by kinds that carry no invite (`requested`, `rejected`). */
  invite: Pick<InviteOptions, 'sequence' | 'calendarUid' | 'description'>;
  /** Stripe's receipt for a paid booking: linked in the booker's email only. */
  receiptUrl?: string | null;
  /** The card was only authorised and that hold is lifted: nothing was charged (not a refund). */
  chargeReleased?: boolean;
}

// A pending request holds time but is not yet a meeting, so it puts nothing in calendars.
const INVITE_METHOD: Record<BookingEmailKind, InviteMethod | null> = {
  booked: 'REQUEST',
  requested: null,
  confirmed: 'REQUEST',
  rejected: null,
  cancelled: 'CANCEL',
  rescheduled: 'REQUEST',
  request_rescheduled: null,
};

/** Who gets one of a change's emails: the booker, the guests (one message to all), or one host. */
export type EmailRecipient = { audience: 'booker' } | { audience: 'guests' } | { audience: 'host'; username: string };

/** Everyone one booking change writes to, one entry per message. */
export function bookingEmailRecipients(input: BookingEmailInput): EmailRecipient[] {
  return [
    { audience: 'booker' },
    ...(input.booking.guests.length ? [{ audience: 'guests' } as const] : []),
    ...input.booking.hosts.map((host) => ({ audience: 'host', username: host.username }) as const),
  ];
}

/** Every email one booking change sends: to the booker, to the guests, and to each host. */
export function bookingEmails(input: BookingEmailInput): MailMessage[] {
  return bookingEmailRecipients(input)
    .map((recipient) => bookingEmail(input, recipient))
    .filter((m): m is MailMessage => m !== null);
}

/** The one message of a change for `recipient`, or null when that audience gets none for this kind. */
export function bookingEmail(input: BookingEmailInput, recipient: EmailRecipient): MailMessage | null {
  const { kind, booking } = input;
  const method = INVITE_METHOD[kind];
  const bookerZone: RecipientZone = { timeZone: booking.attendee.timeZone || booking.timeZone, locale: booking.attendee.locale };
  const active = kind !== 'cancelled' && kind !== 'rejected';
  let message: MailMessage | null;
  if (recipient.audience === 'booker') {
    message = compose(input, 'booker', [{ name: booking.attendee.name, address: booking.attendee.email }], bookerZone, [
      ...(active ? [{ label: 'Reschedule or cancel', href: input.manageUrl }] : []),
      ...(input.receiptUrl ? [{ label: 'Payment receipt', href: input.receiptUrl }] : []),
    ]);
  } else if (recipient.audience === 'guests') {
    message = booking.guests.length ? compose(input, 'guest', booking.guests.map((address) => ({ address })), bookerZone, []) : null;
  } else {
    const host = booking.hosts.find((h) => h.username === recipient.username);
    const zone = input.hosts.find((h) => h.username === recipient.username);
    message = host ? compose(input, 'host', [{ name: host.name, address: host.email }], zone ?? { timeZone: 'UTC' }, hostActions(zone)) : null;
  }
  return message && method ? { ...message, calendar: { method, content: bookingInvite(booking, { method, ...input.invite }) } } : message;
}

function compose(input: BookingEmailInput, audience: Audience, to: MailAddress[], zone: RecipientZone, actions: EmailLink[]): MailMessage | null {
  const { booking, previous, kind } = input;
  const copy = bookingCopy(kind, audience, {
    title: input.eventTitle ?? booking.title,
    attendee: booking.attendee.name,
    hosts: listNames(booking.hosts.map((h) => h.name)),
    when: formatShortMeetingTime(booking.start, booking.end, zone),
  });
  if (!copy) return null;

  const details: EmailDetail[] = [
    { label: 'What', value: booking.title },
    { label: 'When', value: formatMeetingTime(booking.start, booking.end, zone) },
  ];
  if ((kind === 'rescheduled' || kind === 'request_rescheduled') && previous) {
    details.push({ label: 'Previously', value: formatMeetingTime(previous.start, previous.end, zone) });
  }
  const where = kind === 'cancelled' || kind === 'rejected' ? null : locationDetail(booking);
  if (where) details.push(where);
  details.push({ label: 'Who', value: listNames([...booking.hosts.map((h) => h.name), booking.attendee.name, ...booking.guests]) });
  const reason = kind === 'cancelled' ? booking.cancellationReason : kind === 'rejected' ? booking.rejectionReason : null;
  if (reason) details.push({ label: 'Reason', value: reason });
  // Guests see no money; the booker and the hosts see what was paid, authorised or given back.
  if (booking.payment && audience !== 'guest') {
    const value = input.chargeReleased ? `${formatMoney(booking.payment.amount, booking.payment.currency, zone.locale)} not charged: the hold on the card is lifted` : describePayment(booking.payment, zone.locale);
    details.push({ label: 'Payment', value });
  }
  if (audience === 'host') {
    details.push({ label: 'Booker', value: `${booking.attendee.name} <${booking.attendee.email}>` });
    for (const [question, answer] of Object.entries(booking.responses)) {
      if (answer !== null && answer !== undefined && answer !== '') details.push({ label: question, value: String(answer) });
    }
  }

  const content = { subject: copy.subject, heading: copy.heading, paragraphs: [copy.lead], details, actions };
  return { to, subject: copy.subject, text: renderText(content), html: renderHtml(content) };
}

function hostActions(host: HostRecipient | undefined): EmailLink[] {
  const actions: EmailLink[] = [];
  if (host?.confirmUrl) actions.push({ label: 'Confirm booking', href: host.confirmUrl });
  if (host?.rejectUrl) actions.push({ label: 'Decline booking', href: host.rejectUrl });
  if (host?.bookingUrl) actions.push({ label: 'View booking', href: host.bookingUrl });
  return actions;
}

/** "€50.00 paid", "€50.00 authorised, charged only once confirmed", "€50.00 paid, €25.00 refunded". */
export function describePayment(payment: BookingPayment, locale?: string | null): string {
  const money = (amount: number) => formatMoney(amount, payment.currency, locale);
  switch (payment.status) {
    case 'unpaid':
      return `${money(payment.amount)} due`;
    case 'authorized':
      return `${money(payment.amount)} authorised on the card, charged only once confirmed`;
    case 'paid':
      return `${money(payment.amount)} paid`;
    case 'partially_refunded':
      return `${money(payment.amount)} paid, ${money(payment.refundedAmount)} refunded`;
    case 'refunded':
      return `${money(payment.amount)} refunded in full`;
    case 'failed':
      return `${money(payment.amount)} not paid (the payment failed)`;
    case 'expired':
      return `${money(payment.amount)} not paid (the payment time ran out)`;
  }
}

function locationDetail({ location }: Booking): EmailDetail {
  if (location.url) return { label: 'Where', value: location.url, href: location.url };
  if (location.type === 'phone') {
    return location.address
      ? { label: 'Phone', value: location.address, href: `tel:${location.address.replace(/[^\d+]/g, '')}` }
      : { label: 'Where', value: 'By phone' };
  }
  return { label: 'Where', value: location.address ?? 'To be announced' };
}

function listNames(names: string[]): string {
  return new Intl.ListFormat('en', { style: 'long', type: 'conjunction' }).format(names);
}
