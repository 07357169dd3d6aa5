import { busyEvents, parseCalendar, type ParsedCalendar } from '../ical/busy-events.js';
import { calendarRequest } from '../http.js';
import { asCalendarError, CalendarError, type BusyByCalendar, type CalendarProvider, type ProviderConnection } from '../provider.js';

/** An ICS feed is one read-only calendar; its id is this constant. */
export const FEED_CALENDAR_ID = 'feed';

/** `webcal://` is a hint for calendar apps; the feed itself is served over https. */
export function feedUrl(url: string): string {
  return url.replace(/^webcals?:\/\//i, 'https://');
}

/**
 * Read-only ICS feeds (Outlook's and Google's "secret address", any published calendar). Each
 * fetch is conditional (ETag / Last-Modified): a 304 reuses the feed parsed last time in this
 * process, so an unchanged feed costs one round trip and no parsing.
 */
export function createIcsProvider(options: { allowPrivate: boolean }): CalendarProvider {
  const lastFeed = new Map<number, { url: string; etag: string | null; lastModified: string | null; calendar: ParsedCalendar }>();

  async function fetchFeed(connection: ProviderConnection, signal: AbortSignal): Promise<ParsedCalendar> {
    if (connection.credentials.type !== 'ics') throw new CalendarError('unavailable', 'not an ICS connection');
    const url = feedUrl(connection.credentials.url);
    const known = lastFeed.get(connection.id);
    const cached = known?.url === url ? known : undefined;
    const headers: Record<string, string> = { accept: 'text/calendar, */*;q=0.5' };
    if (cached?.etag) headers['if-none-match'] = cached.etag;
    if (cached?.lastModified) headers['if-modified-since'] = cached.lastModified;
    const answer = await calendarRequest(url, { headers, signal, allowPrivate: options.allowPrivate });
    if (answer.status === 304 && cached) return cached.calendar;
    if (answer.status === 401 || answer.status === 403) throw new CalendarError('auth', `the feed answered ${answer.status}`);
    if (answer.status === 404 || answer.status === 410) throw new CalendarError('not_found', `the feed answered ${answer.status}`);
    if (answer.status !== 200) throw new CalendarError('unavailable', `the feed answered ${answer.status}`);
    let calendar: ParsedCalendar;
    try {
      calendar = parseCalendar(answer.body);
    } catch (error) {
      throw new CalendarError('unavailable', `the feed is not iCalendar: ${(error as Error).message}`);
    }
    const header = (name: string) => {
      const value = answer.headers[name];
      return typeof value === 'string' ? value : null;
    };
    lastFeed.set(connection.id, { url, etag: header('etag'), lastModified: header('last-modified'), calendar });
    return calendar;
  }

  return {
    type: 'ics',
    busyHasUids: true,
    async listCalendars(connection, signal) {
      const calendar = await fetchFeed(connection, signal);
      const name = String((calendar.vcalendar as Record<string, unknown> | undefined)?.['WR-CALNAME'] ?? '') || 'Calendar feed';
      return [{ externalId: FEED_CALENDAR_ID, name: name.slice(0, 200), primary: true, writable: false }];
    },
    async busy(connection, calendarIds, range, signal) {
      const result: BusyByCalendar = new Map();
      try {
        const calendar = await fetchFeed(connection, signal);
        for (const id of calendarIds) result.set(id, busyEvents(calendar, range, connection));
      } catch (error) {
        for (const id of calendarIds) result.set(id, asCalendarError(error));
      }
      return result;
    },
  };
}
