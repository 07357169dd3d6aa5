import type { BusyEvent } from './provider.js';

const MONTH_CACHE_LIMIT = 20_000;

/** The UTC month starts whose months meet [start, end). */
export function monthsCovering(start: number, end: number): number[] {
  const months: number[] = [];
  const first = new Date(start);
  for (let m = Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1); m < end; ) {
    months.push(m);
    const d = new Date(m);
    m = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  return months;
}

export function monthEnd(month: number): number {
  const d = new Date(month);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/**
 * Last good busy time per calendar and UTC month, in this process. The slots view reads it while
 * fresh (`ttlMs`) and, when a provider fails, while merely stale; booking checks never read it.
 * Bounded: the oldest months go first.
 */
export function createBusyCache() {
  const months = new Map<string, { events: BusyEvent[]; fetchedAt: number }>();
  const hostRows = new Map<number, { rows: unknown[]; readAt: number }>();
  const key = (calendarId: number, month: number) => `${calendarId}:${month}`;

  return {
    /** The events of every month of `monthStarts` if all are cached no earlier than `since`, else null. */
    read(calendarId: number, monthStarts: readonly number[], since: number): BusyEvent[] | null {
      const out: BusyEvent[] = [];
      for (const month of monthStarts) {
        const entry = months.get(key(calendarId, month));
        if (!entry || entry.fetchedAt < since) return null;
        out.push(...entry.events);
      }
      return out;
    },

    /** Stores what a fetch over whole months returned, month by month. */
    write(calendarId: number, monthStarts: readonly number[], events: readonly BusyEvent[], fetchedAt: number): void {
      for (const month of monthStarts) {
        const end = monthEnd(month);
        const k = key(calendarId, month);
        months.delete(k);
        months.set(k, { events: events.filter((e) => e.end > month && e.start < end), fetchedAt });
      }
      while (months.size > MONTH_CACHE_LIMIT) months.delete(months.keys().next().value!);
    },

    /** Forgets a calendar (its connection changed or went away). */
    forget(calendarId: number): void {
      for (const k of [...months.keys()]) if (k.startsWith(`${calendarId}:`)) months.delete(k);
    },

    /**
     * A host's busy calendars as last read (no older than `since`), so a warm slots view makes no
     * query for them; a change made in this process forgets them at once, one made in another
     * process is seen within the TTL. Booking checks always read them.
     */
    hostCalendars<T>(hostId: number, since: number): T[] | null {
      const entry = hostRows.get(hostId);
      return entry && entry.readAt >= since ? (entry.rows as T[]) : null;
    },
    keepHostCalendars<T>(hostId: number, rows: T[], readAt: number): void {
      hostRows.set(hostId, { rows, readAt });
      while (hostRows.size > MONTH_CACHE_LIMIT) hostRows.delete(hostRows.keys().next().value!);
    },
    forgetHost(hostId: number): void {
      hostRows.delete(hostId);
    },
  };
}

export type BusyCache = ReturnType<typeof createBusyCache>;
