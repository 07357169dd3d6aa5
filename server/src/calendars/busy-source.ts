import type { AvailabilitySource, Degradation, HostFacts, OwnBooking } from '../availability/sources.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { HoldingBooking, Interval } from '../scheduling/index.js';
import { monthEnd, monthsCovering, type BusyCache } from './busy-cache.js';
import type { BusyCalendarRow, CalendarsRepo } from './calendars.repo.js';
import type { Connections } from './connections.js';
import { asCalendarError, type BusyEvent, type CalendarError } from './provider.js';

export interface BusyBudgets {
  /** How long the slots view waits for a provider before serving the last good data. */
  slotsMs: number;
  /** How long a booking waits for a provider before failing closed. */
  bookingMs: number;
  /** How long fetched busy time is fresh enough for the slots view. */
  ttlMs: number;
  /** How old last good data may be to stand in for a provider that fails. */
  staleMs: number;
}

export const DEFAULT_BUDGETS: BusyBudgets = { slotsMs: 2_500, bookingMs: 8_000, ttlMs: 60_000, staleMs: 24 * 3_600_000 };

/**
 * Connected calendars as a source of busy time. Hosts whose `busyCalendars` is 0 cost nothing (no
 * query); the others' busy calendars come from one query, then each connection is read in
 * parallel within a time budget, so the slowest provider bounds the wait, not the sum. The slots
 * view reads whole UTC months and keeps them (`BusyCache`); a booking check always reads fresh
 * and, for a calendar it cannot read, makes the host busy unless they chose to ignore its errors.
 */
export function createCalendarBusySource(deps: {
  repo: CalendarsRepo;
  connections: Connections;
  cache: BusyCache;
  clock: Clock;
  logger: Logger;
  budgets?: Partial<BusyBudgets>;
}): AvailabilitySource {
  const { repo, connections, cache, clock, logger } = deps;
  const budgets = { ...DEFAULT_BUDGETS, ...deps.budgets };
  const inFlight = new Map<string, Promise<Map<number, BusyEvent[] | CalendarError>>>();

  /** One provider call for the calendars of one connection over `range`, within `budgetMs`. */
  function fetchConnection(rows: readonly BusyCalendarRow[], range: Interval, budgetMs: number): Promise<Map<number, BusyEvent[] | CalendarError>> {
    const connection = rows[0]!.connection;
    // Concurrent reads of the same calendars share one call; a booking check shares only with others (its budget differs).
    const flightKey = `${budgetMs}:${connection.id}:${range.start}:${range.end}:${rows.map((r) => r.calendarId).join(',')}`;
    const running = inFlight.get(flightKey);
    if (running) return running;
    const signal = AbortSignal.timeout(budgetMs);
    const work = (async () => {
      const out = new Map<number, BusyEvent[] | CalendarError>();
      try {
        // A provider that ignores the signal still cannot hold us past the budget.
        const byExternal = await Promise.race([
          connections.busy(connection, { timeZone: rows[0]!.timeZone, ownerEmails: [rows[0]!.email] }, rows.map((r) => r.externalId), range, signal),
          new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(Object.assign(new Error('budget'), { name: 'TimeoutError' })), { once: true })),
        ]);
        for (const row of rows) out.set(row.calendarId, byExternal.get(row.externalId) ?? asCalendarError(new Error('no answer for this calendar')));
      } catch (error) {
        for (const row of rows) out.set(row.calendarId, asCalendarError(error));
      }
      return out;
    })().finally(() => inFlight.delete(flightKey));
    inFlight.set(flightKey, work);
    return work;
  }

  /** The hosts' busy calendars: from the cache for the slots view while fresh, else one query. */
  async function calendarsOf(hostIds: number[], purpose: 'slots' | 'booking', now: number): Promise<BusyCalendarRow[]> {
    if (purpose === 'slots') {
      const cached = hostIds.map((id) => cache.hostCalendars<BusyCalendarRow>(id, now - budgets.ttlMs));
      if (cached.every((rows) => rows !== null)) return cached.flat() as BusyCalendarRow[];
    }
    const rows = await repo.busyCalendarsOf(hostIds);
    for (const id of hostIds) cache.keepHostCalendars(id, rows.filter((row) => row.userId === id), now);
    return rows;
  }

  return {
    name: 'calendars',
    locked: false,
    async load({ hosts, window, purpose, own }) {
      const withCalendars = hosts.filter((host) => host.busyCalendars > 0);
      if (withCalendars.length === 0) return { byHost: new Map() };
      const now = clock.now();
      const rows = await calendarsOf(withCalendars.map((host) => host.id), purpose, now);
      const months = monthsCovering(window.start, window.end);
      const span = { start: months[0]!, end: monthEnd(months.at(-1)!) };

      const byConnection = new Map<number, BusyCalendarRow[]>();
      for (const row of rows) byConnection.set(row.connection.id, [...(byConnection.get(row.connection.id) ?? []), row]);

      const events = new Map<number, BusyEvent[]>();
      const degraded: Degradation[] = [];
      const unknownHosts = new Set<number>();
      const hostName = (userId: number) => hosts.find((host) => host.id === userId)?.username ?? String(userId);
      const fail = (row: BusyCalendarRow, reason: Degradation['reason'], stale: boolean) => {
        const ignored = row.connection.onError === 'ignore';
        degraded.push({ hostId: row.userId, host: hostName(row.userId), calendar: String(row.calendarId), reason, ignored, stale });
        if (!ignored && !stale) unknownHosts.add(row.userId);
      };

      await Promise.all(
        [...byConnection.values()].map(async (calendars) => {
          if (calendars[0]!.connection.status === 'broken') {
            for (const row of calendars) {
              const stale = purpose === 'slots' ? cache.read(row.calendarId, months, now - budgets.staleMs) : null;
              if (stale) events.set(row.calendarId, stale);
              fail(row, 'broken', Boolean(stale));
            }
            return;
          }
          const toFetch = purpose === 'booking' ? calendars : calendars.filter((row) => {
            const fresh = cache.read(row.calendarId, months, now - budgets.ttlMs);
            if (fresh) events.set(row.calendarId, fresh);
            return !fresh;
          });
          if (toFetch.length === 0) return;
          const fetched = await fetchConnection(toFetch, span, purpose === 'booking' ? budgets.bookingMs : budgets.slotsMs);
          for (const row of toFetch) {
            const result = fetched.get(row.calendarId)!;
            if (Array.isArray(result)) {
              cache.write(row.calendarId, months, result, now);
              events.set(row.calendarId, result);
              continue;
            }
            if (result.reason === 'auth') {
              await connections.markBroken(row.connection, result.message);
              cache.forgetHost(row.userId);
            }
            logger.warn('calendar read failed', { connection: row.connection.id, calendar: row.calendarId, reason: result.reason, purpose });
            const stale = purpose === 'slots' ? cache.read(row.calendarId, months, now - budgets.staleMs) : null;
            if (stale) events.set(row.calendarId, stale);
            fail(row, result.reason === 'auth' ? 'broken' : result.reason === 'timeout' ? 'timeout' : 'unavailable', Boolean(stale));
          }
        }),
      );

      const byHost = new Map<number, HostFacts>();
      for (const row of rows) {
        const facts = byHost.get(row.userId) ?? { busy: [] as HoldingBooking[] };
        const list = events.get(row.calendarId) ?? [];
        (facts.busy as HoldingBooking[]).push(...asBusy(withoutOwn(list, own, connections.busyHasUids(row.connection.type))));
        if (unknownHosts.has(row.userId)) facts.unknown = true;
        byHost.set(row.userId, facts);
      }
      return { byHost, degraded };
    },
  };
}

/**
 * A booking being moved or confirmed must not be blocked by its own event in the host's calendar:
 * found by UID where the provider names events, else (free/busy carries no ids) by cutting the
 * booking's own time out of the busy stretches.
 */
function withoutOwn(events: readonly BusyEvent[], own: OwnBooking | undefined, hasUids: boolean): BusyEvent[] {
  if (!own) return [...events];
  if (hasUids) return events.filter((event) => event.uid !== own.icalUid);
  return events.flatMap((event) => {
    if (event.end <= own.start || event.start >= own.end) return [event];
    return [
      ...(event.start < own.start ? [{ ...event, end: own.start }] : []),
      ...(event.end > own.end ? [{ ...event, start: own.end }] : []),
    ];
  });
}

const asBusy = (events: readonly BusyEvent[]): HoldingBooking[] =>
  events.map((event) => ({ start: event.start, end: event.end, eventTypeId: null, beforeBufferMinutes: 0, afterBufferMinutes: 0, attendees: 1 }));
