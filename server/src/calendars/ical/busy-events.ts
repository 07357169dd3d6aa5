/**
 * iCalendar text → the busy time it holds in a window. node-ical parses and expands recurrences
 * (RRULE, RDATE, EXDATE, RECURRENCE-ID overrides, TZIDs including Windows names); this file adds
 * what it leaves to the caller: occurrences moved into the window from outside it, floating and
 * all-day times read in the host's zone (node-ical reads them in the process's), and which events
 * count as busy.
 */
import ical, { type CalendarResponse, type EventInstance, type VEvent } from 'node-ical';
import type { Interval } from '../../scheduling/index.js';
import { instantToLocal, wallToInstant } from '../../scheduling/zoned-time.js';

/** One busy stretch of an external calendar; `uid` lets a booking recognise its own event. */
export interface BusyEvent {
  start: number;
  end: number;
  uid: string | null;
}

export interface ReadOptions {
  /** The zone floating times and all-day dates belong to: the host's. */
  timeZone: string;
  /** The calendar owner's addresses: an event they declined is not busy. */
  ownerEmails: readonly string[];
}

export type ParsedCalendar = CalendarResponse;

/** Parses iCalendar text; throws on text that is not iCalendar at all. */
export function parseCalendar(text: string): ParsedCalendar {
  if (!/^\s*BEGIN:VCALENDAR/i.test(text)) throw new Error('not an iCalendar document');
  return ical.sync.parseICS(text);
}

// Expansion runs on a wider window, then keeps what really overlaps: floating times move by up
// to a day when read in the host's zone instead of the process's.
const PAD = 36 * 3_600_000;

/** The busy stretches of `calendar` overlapping `window`, unsorted, possibly overlapping each other. */
export function busyEvents(calendar: ParsedCalendar, window: Interval, options: ReadOptions): BusyEvent[] {
  const from = new Date(window.start - PAD);
  const to = new Date(window.end + PAD);
  const out: BusyEvent[] = [];
  for (const component of Object.values(calendar)) {
    if (!component || typeof component !== 'object' || (component as { type?: string }).type !== 'VEVENT') continue;
    const event = component as VEvent;
    if (!event.start) continue;
    let instances: EventInstance[];
    try {
      instances = ical.expandRecurringEvent(event, { from, to, expandOngoing: true });
    } catch {
      continue; // one malformed rule must not hide the rest of the calendar
    }
    const seen = new Set(instances.map((instance) => instance.event));
    // An override moved into the window from an occurrence outside it is not among the instances.
    // (Omit<> of node-ical's index-signed type loses its fields: an override is read as the VEvent it is.)
    for (const override of new Set(Object.values(event.recurrences ?? {}) as VEvent[])) {
      if (seen.has(override) || !override.start) continue;
      const end = override.end ?? override.start;
      if (end.getTime() > from.getTime() && override.start.getTime() < to.getTime()) {
        instances.push({ start: override.start, end, summary: override.summary, isFullDay: override.datetype === 'date', isRecurring: true, isOverride: true, event: override });
      }
    }
    for (const instance of instances) {
      if (!isBusy(instance.event, options.ownerEmails)) continue;
      const start = instant(instance.start, instance.isFullDay, options.timeZone);
      const end = instant(instance.end ?? instance.start, instance.isFullDay, options.timeZone);
      if (end > start && end > window.start && start < window.end) out.push({ start, end, uid: event.uid ?? null });
    }
  }
  return out;
}

/**
 * Transparent, cancelled and free events don't block; neither does one the owner declined
 * (iCalendar would still call it opaque). Tentative does.
 */
function isBusy(event: VEvent, ownerEmails: readonly string[]): boolean {
  if (String(event.transparency ?? '').toUpperCase() === 'TRANSPARENT') return false;
  if (String(event.status ?? '').toUpperCase() === 'CANCELLED') return false;
  const msStatus = (event as unknown as Record<string, unknown>)['MICROSOFT-CDO-BUSYSTATUS'];
  if (typeof msStatus === 'string' && msStatus.toUpperCase() === 'FREE') return false;
  if (ownerEmails.length > 0) {
    const attendees = event.attendee === undefined ? [] : Array.isArray(event.attendee) ? event.attendee : [event.attendee];
    const owners = new Set(ownerEmails.map((email) => email.toLowerCase()));
    for (const attendee of attendees) {
      const value = typeof attendee === 'string' ? attendee : (attendee as { val?: string }).val;
      const params = typeof attendee === 'string' ? {} : ((attendee as { params?: Record<string, unknown> }).params ?? {});
      const email = String(value ?? '').replace(/^mailto:/i, '').toLowerCase();
      if (owners.has(email) && String(params.PARTSTAT ?? '').toUpperCase() === 'DECLINED') return false;
    }
  }
  return true;
}

/**
 * A parsed time as an instant, with RFC 5545's rules for wall-clock times (a repeated hour means
 * its first occurrence; one skipped by a change, the offset before the gap), which node-ical does
 * not follow. Floating times and dates it builds in the process's zone (a 10:00 floating event is
 * 15:00Z under TZ=America/New_York): their wall-clock fields are read in the host's zone instead.
 */
function instant(date: Date & { tz?: string; dateOnly?: boolean }, fullDay: boolean, timeZone: string): number {
  if (!fullDay && !date.dateOnly && date.tz) {
    if (/^(Etc\/)?UTC$|^Z$/i.test(date.tz)) return date.getTime();
    try {
      return wallToInstant(date.tz, instantToLocal(date.tz, date.getTime()));
    } catch {
      return date.getTime(); // a zone this runtime does not know: node-ical's reading stands
    }
  }
  const wall = Date.UTC(date.getFullYear(), date.getMonth(), date.getDate(), fullDay ? 0 : date.getHours(), fullDay ? 0 : date.getMinutes(), fullDay ? 0 : date.getSeconds());
  return wallToInstant(timeZone, wall);
}
