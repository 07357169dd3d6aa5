/** The kinds of booking change people are told about by email. */
export type BookingEmailKind = 'booked' | 'requested' | 'confirmed' | 'rejected' | 'cancelled' | 'rescheduled' | 'request_rescheduled';

/** The booker manages the booking, guests are only invited, hosts run it. */
export type Audience = 'booker' | 'guest' | 'host';

export interface CopyFacts {
  /** The event type's title ("Intro call"): the sentences name the people themselves. */
  title: string;
  attendee: string;
  hosts: string;
  /** Short time in the recipient's zone, for subject lines. */
  when: string;
}

export interface Copy {
  subject: string;
  heading: string;
  lead: string;
}

type CopyFor = (facts: CopyFacts) => Copy;

const guestInvite: CopyFor = ({ title, attendee, hosts, when }) => ({
  subject: `Invitation: ${title} on ${when}`,
  heading: 'You are invited',
  lead: `${attendee} invited you to ${title} with ${hosts}.`,
});

// Guests hear only of changes that touch their calendar; a pending request is not one.
const COPY: Record<BookingEmailKind, Partial<Record<Audience, CopyFor>>> = {
  booked: {
    booker: ({ title, hosts, when }) => ({
      subject: `Booked: ${title} on ${when}`,
      heading: 'Your booking is confirmed',
      lead: `You are booked with ${hosts}. The calendar invitation is attached.`,
    }),
    guest: guestInvite,
    host: ({ title, attendee, when }) => ({
      subject: `New booking: ${title} with ${attendee} on ${when}`,
      heading: 'You have a new booking',
      lead: `${attendee} booked ${title} with you.`,
    }),
  },
  requested: {
    booker: ({ title, hosts, when }) => ({
      subject: `Requested: ${title} on ${when}`,
      heading: 'Your booking request was sent',
      lead: `${hosts} will confirm or decline it, and we will email you either way. The time is held for you until then.`,
    }),
    host: ({ title, attendee, when }) => ({
      subject: `Please confirm: ${title} with ${attendee} on ${when}`,
      heading: 'A booking needs your confirmation',
      lead: `${attendee} asked to book ${title}. The time is held until you confirm or decline.`,
    }),
  },
  confirmed: {
    booker: ({ title, hosts, when }) => ({
      subject: `Confirmed: ${title} on ${when}`,
      heading: 'Your booking is confirmed',
      lead: `${hosts} confirmed your booking. The calendar invitation is attached.`,
    }),
    guest: guestInvite,
    host: ({ title, attendee, when }) => ({
      subject: `Confirmed: ${title} with ${attendee} on ${when}`,
      heading: 'Booking confirmed',
      lead: `${title} with ${attendee} is confirmed.`,
    }),
  },
  rejected: {
    booker: ({ title, hosts, when }) => ({
      subject: `Declined: ${title} on ${when}`,
      heading: 'Your booking request was declined',
      lead: `${hosts} could not accept your request for ${title}.`,
    }),
    host: ({ title, attendee, when }) => ({
      subject: `Declined: ${title} with ${attendee} on ${when}`,
      heading: 'You declined a booking request',
      lead: `We let ${attendee} know.`,
    }),
  },
  cancelled: {
    booker: ({ title, hosts, when }) => ({
      subject: `Cancelled: ${title} on ${when}`,
      heading: 'Your booking was cancelled',
      lead: `${title} with ${hosts} will not take place.`,
    }),
    guest: ({ title, hosts, when }) => ({
      subject: `Cancelled: ${title} on ${when}`,
      heading: 'This meeting was cancelled',
      lead: `${title} with ${hosts} will not take place.`,
    }),
    host: ({ title, attendee, when }) => ({
      subject: `Cancelled: ${title} with ${attendee} on ${when}`,
      heading: 'A booking was cancelled',
      lead: `${title} with ${attendee} will not take place.`,
    }),
  },
  rescheduled: {
    booker: ({ title, hosts, when }) => ({
      subject: `Rescheduled: ${title} to ${when}`,
      heading: 'Your booking has a new time',
      lead: `${title} with ${hosts} moved to the time below.`,
    }),
    guest: ({ title, hosts, when }) => ({
      subject: `Rescheduled: ${title} to ${when}`,
      heading: 'This meeting has a new time',
      lead: `${title} with ${hosts} moved to the time below.`,
    }),
    host: ({ title, attendee, when }) => ({
      subject: `Rescheduled: ${title} with ${attendee} to ${when}`,
      heading: 'A booking has a new time',
      lead: `${title} with ${attendee} moved to the time below.`,
    }),
  },
  // A pending request that moved: still a request (no calendar yet, so nothing for guests).
  request_rescheduled: {
    booker: ({ title, hosts, when }) => ({
      subject: `Requested: ${title}, moved to ${when}`,
      heading: 'Your booking request has a new time',
      lead: `${hosts} will confirm or decline it at the time below, and we will email you either way.`,
    }),
    host: ({ title, attendee, when }) => ({
      subject: `Please confirm: ${title} with ${attendee}, moved to ${when}`,
      heading: 'A booking request has a new time',
      lead: `${attendee} moved their request to the time below. The time is held until you confirm or decline.`,
    }),
  },
};

/** The wording for one audience, or null when that audience is not told of this kind. */
export function bookingCopy(kind: BookingEmailKind, audience: Audience, facts: CopyFacts): Copy | null {
  return COPY[kind][audience]?.(facts) ?? null;
}
