import type { InviteMethod } from './calendar-invite.js';

export interface MailAddress {
  name?: string;
  address: string;
}

/** One email, as plain data so a durable outbox can store it as JSON later. */
export interface MailMessage {
  to: MailAddress[];
  subject: string;
  text: string;
  html: string;
  /** Sent as the `text/calendar; method=…` alternative that mail clients offer to add. */
  calendar?: { method: InviteMethod; content: string };
}

/** All the booking service needs: hand a message over and return at once. */
export interface MailOutbox {
  enqueue(message: MailMessage): void;
}

/** What may be logged about a message: never its body, which carries manage and confirm tokens. */
export function mailLogFields(message: MailMessage): { to: string[]; subject: string } {
  return { to: message.to.map((recipient) => recipient.address), subject: message.subject };
}
