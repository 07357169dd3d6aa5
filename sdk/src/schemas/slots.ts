import { z } from 'zod';
import { degradedCalendar } from './calendars.js';
import { eventRef, isoDate, isoInstant, timeZone } from './common.js';

/** `start`/`end` are dates in `timeZone` (inclusive) or ISO instants. */
export const slotsQuery = z.object({
  event: eventRef,
  start: z.union([isoDate, isoInstant]),
  end: z.union([isoDate, isoInstant]),
  timeZone: timeZone.default('UTC'),
});
export type SlotsQuery = z.input<typeof slotsQuery>;

export const slot = z.object({
  start: z.string(),
  end: z.string(),
  seatsLeft: z.number().int().optional(),
});
export type Slot = z.infer<typeof slot>;

export const slotsResponse = z.object({
  eventType: z.string(),
  timeZone: z.string(),
  /** Slots keyed by the viewer's date, `2026-12-01`, in ascending order. */
  slots: z.record(z.string(), z.array(slot)),
  /**
   * Hosts' calendars that could not be read just now: their busy time is the last good copy, or,
   * without one, their slots are left out. Absent when every calendar answered.
   */
  degraded: z.array(degradedCalendar).optional(),
});
export type SlotsResponse = z.infer<typeof slotsResponse>;
