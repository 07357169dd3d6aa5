import type { InviteMethod } from './calendar-invite.js';

export interface MailAddress {
  name?: string;
  address: string;
}

/** One email, as plain data. */
export interface MailMessage {
  to: MailAddress[];
  subject: string;
  text: string;
  html: string;
  /** Sent as the `text/calendar; method=…` alternative that mail clients offer to add. */
  calendar?: { method: InviteMethod; content: string };
}
