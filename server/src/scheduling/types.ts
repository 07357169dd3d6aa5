/** The inputs and outputs of the scheduling core: plain data, instants as epoch milliseconds. */
import type { BookingLimits, BookingWindow, SchedulingType } from '@openslot/sdk/schemas';
import type { Interval } from './intervals.js';
import type { ScheduleRules } from './weekly-hours.js';

/** What slot computation needs to know of an event type. */
export interface SchedulingEventType {
  readonly id: number;
  readonly durationMinutes: number;
  /** The grid slots start on; `null` means the duration. */
  readonly slotIntervalMinutes: number | null;
  readonly minimumNoticeMinutes: number;
  readonly beforeBufferMinutes: number;
  readonly afterBufferMinutes: number;
  readonly bookingWindow: BookingWindow;
  readonly limits: BookingLimits;
  /** Attendees per slot; `null` for one booking per slot. */
  readonly seats: number | null;
}

/**
 * A booking that holds its time (`pending`, `awaiting_payment`, `accepted`), with the buffers its
 * event type had when it was made.
 */
export interface HoldingBooking {
  readonly start: number;
  readonly end: number;
  /** `null` for busy time that belongs to no event type of ours. */
  readonly eventTypeId: number | null;
  readonly beforeBufferMinutes: number;
  readonly afterBufferMinutes: number;
  /** Seats this booking takes in a seated slot (1 for an ordinary booking). */
  readonly attendees: number;
}

export interface HostInput {
  readonly username: string;
  /** Round robin: a fixed host must attend every meeting. Ignored for collective events. */
  readonly fixed: boolean;
  readonly schedule: ScheduleRules;
  /** The host's holding bookings overlapping `bookingsQueryWindow(range, eventType)`; any order. */
  readonly bookings: readonly HoldingBooking[];
}

export interface AvailabilityInput {
  /** Slots whose start lies in `[range.start, range.end)` are returned. */
  readonly range: Interval;
  /** The current instant (the caller's clock). */
  readonly now: number;
  readonly eventType: SchedulingEventType;
  /** `null` (a single host) behaves as `collective`. */
  readonly schedulingType: SchedulingType;
  readonly hosts: readonly HostInput[];
}

export interface ComputedSlot {
  readonly start: number;
  readonly end: number;
  /** Only for seated event types: seats still free in this slot (always ≥ 1). */
  readonly seatsLeft?: number;
  /** Usernames of the hosts free for this slot, in input order (all of them for collective). */
  readonly hosts: string[];
}
