/**
 * What every calendar provider (ICS feed, CalDAV, Google, Microsoft) does for us, in our terms.
 * Providers know HTTP and their API; they know nothing of bookings, caches or the database.
 */
import type { Interval } from '../scheduling/index.js';
import type { BusyEvent } from './ical/busy-events.js';

export type { BusyEvent } from './ical/busy-events.js';

export type ConnectionType = 'ics' | 'caldav' | 'google' | 'microsoft';

/** The secrets of a connection, sealed at rest, never in a response, log or webhook. */
export type Credentials =
  | { type: 'ics'; url: string }
  | { type: 'caldav'; url: string; username: string; password: string }
  | { type: 'google' | 'microsoft'; refreshToken: string; accessToken?: string | undefined; expiresAt?: number | undefined };

/** One connection as a provider is handed it. `save` persists rotated tokens. */
export interface ProviderConnection {
  id: number;
  credentials: Credentials;
  /** The host's zone (floating and all-day times) and addresses (declined events are free). */
  timeZone: string;
  ownerEmails: readonly string[];
  save(credentials: Credentials): Promise<void>;
}

export interface ProviderCalendar {
  externalId: string;
  name: string;
  primary: boolean;
  writable: boolean;
}

/** Our booking as an event in the host's calendar. */
export interface OutboundEvent {
  /** Stable for the booking and every booking it is rescheduled into; the email invite's UID. */
  icalUid: string;
  sequence: number;
  title: string;
  description: string;
  location: string | null;
  start: number;
  end: number;
  status: 'confirmed' | 'tentative';
  attendees: Array<{ name: string | null; email: string }>;
}

/** Where an event we wrote lives, as the provider names it. */
export interface EventRef {
  externalId: string;
  etag: string | null;
}

export type BusyByCalendar = Map<string, BusyEvent[] | CalendarError>;

export interface CalendarProvider {
  readonly type: ConnectionType;
  /** Whether the provider gives busy events an id (false for Google's freeBusy): see `OwnBooking`. */
  readonly busyHasUids: boolean;
  listCalendars(connection: ProviderConnection, signal: AbortSignal): Promise<ProviderCalendar[]>;
  /** Busy time of each calendar; one calendar failing is its entry, not a rejection. */
  busy(connection: ProviderConnection, calendarIds: readonly string[], range: Interval, signal: AbortSignal): Promise<BusyByCalendar>;
  /** Creates or updates our event (idempotent: a retry after an unknown outcome makes no duplicate). */
  putEvent?(connection: ProviderConnection, calendarId: string, event: OutboundEvent, existing: EventRef | null, signal: AbortSignal): Promise<EventRef>;
  /** Removes our event; one already gone is fine. */
  deleteEvent?(connection: ProviderConnection, calendarId: string, ref: EventRef, signal: AbortSignal): Promise<void>;
}

/**
 * A provider call that failed. `auth`: the credential is refused (revoked token, wrong password) —
 * the connection is broken until the host reconnects; `rate_limited`: try again after
 * `retryAfterMs`; `timeout`/`unavailable`: try again later.
 */
export class CalendarError extends Error {
  override name = 'CalendarError';
  constructor(
    readonly reason: 'auth' | 'timeout' | 'unavailable' | 'rate_limited' | 'not_found',
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export function asCalendarError(error: unknown): CalendarError {
  if (error instanceof CalendarError) return error;
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) return new CalendarError('timeout', 'the provider did not answer in time');
  return new CalendarError('unavailable', error instanceof Error ? error.message : String(error));
}
