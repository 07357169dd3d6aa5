/**
 * The pure scheduling core: no I/O, no clock, no environment. Instants are epoch milliseconds;
 * wall-clock rules are read in IANA zones with RFC 5545 semantics.
 */
export type { AvailabilityInput, ComputedSlot, HoldingBooking, HostInput, SchedulingEventType } from './types.js';
export { computeSlots, isSlotOffered, offeredSlotAt } from './slots.js';
export { bookingsQueryWindow } from './query-window.js';
export { groupSlotsByDate, resolveQueryRange } from './group-by-date.js';
export {
  type Interval,
  intersectAllIntervals,
  intersectIntervals,
  normalizeIntervals,
  subtractIntervals,
  unionAllIntervals,
  unionIntervals,
} from './intervals.js';
export { freeIntervals, type ScheduleRules } from './weekly-hours.js';
export { blockedSpan } from './busy.js';
export { bookingWindowStarts } from './policies.js';
export { dayNumberAt, startOfDay, wallToInstant } from './zoned-time.js';
