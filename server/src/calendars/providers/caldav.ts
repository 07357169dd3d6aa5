import { XMLParser } from 'fast-xml-parser';
import { busyEvents, parseCalendar, type BusyEvent } from '../ical/busy-events.js';
import { calendarObject } from '../ical/outbound.js';
import { calendarRequest, type HttpAnswer } from '../http.js';
import { asCalendarError, CalendarError, type BusyByCalendar, type CalendarProvider, type ProviderCalendar, type ProviderConnection } from '../provider.js';

const xml = new XMLParser({ removeNSPrefix: true, ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'response' || name === 'propstat' || name === 'comp' || name === 'href' });
const NS = 'xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"';

interface DavResponse {
  href: string;
  props: Record<string, unknown>;
}

/** The 200 propstats of a multistatus, one entry per response. */
function multistatus(answer: HttpAnswer, base: string): DavResponse[] {
  if (answer.status !== 207) throw new CalendarError('unavailable', `the server answered ${answer.status}`);
  const doc = xml.parse(answer.body) as { multistatus?: { response?: Array<Record<string, any>> } };
  return (doc.multistatus?.response ?? []).map((response) => {
    const props: Record<string, unknown> = {};
    for (const propstat of response.propstat ?? []) {
      if (!/\s200\s/.test(` ${String(propstat.status ?? '')} `)) continue;
      Object.assign(props, propstat.prop ?? {});
    }
    return { href: new URL(String(response.href?.[0] ?? ''), base).toString(), props };
  });
}

const hrefOf = (value: unknown, base: string): string | null => {
  const href = (value as { href?: unknown[] } | undefined)?.href?.[0];
  return typeof href === 'string' ? new URL(href, base).toString() : null;
};
const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'object' && value && '#text' in value ? String((value as { '#text': unknown })['#text']) : '');
const isCalendar = (props: Record<string, unknown>) => typeof props.resourcetype === 'object' && props.resourcetype !== null && 'calendar' in props.resourcetype;
const holdsEvents = (props: Record<string, unknown>) => {
  const comps = (props['supported-calendar-component-set'] as { comp?: Array<{ name?: string }> } | undefined)?.comp;
  return !comps || comps.some((comp) => comp.name === 'VEVENT');
};
const utcStamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** The resource name of our event in a calendar: its UID, kept to characters every server takes. */
export function resourceName(icalUid: string): string {
  return `${icalUid.replace(/[^A-Za-z0-9._-]/g, '-')}.ics`;
}

/**
 * CalDAV (RFC 4791): iCloud, Fastmail, Nextcloud, Radicale. Discovery from any URL of the server
 * (well-known URL → principal → calendar home → calendars); busy time from a time-range
 * `calendar-query`, expanded here (servers' `<expand>` and free-busy reports are optional and
 * unreliable); writes as PUT/DELETE of `<uid>.ics` guarded by ETags.
 */
export function createCaldavProvider(options: { allowPrivate: boolean }): CalendarProvider {
  function credentials(connection: ProviderConnection) {
    if (connection.credentials.type !== 'caldav') throw new CalendarError('unavailable', 'not a CalDAV connection');
    return connection.credentials;
  }

  async function dav(connection: ProviderConnection, url: string, method: string, signal: AbortSignal, init: { depth?: string; body?: string; headers?: Record<string, string> } = {}): Promise<HttpAnswer> {
    const { username, password } = credentials(connection);
    const answer = await calendarRequest(url, {
      method,
      signal,
      allowPrivate: options.allowPrivate,
      headers: {
        authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
        ...(init.body !== undefined && { 'content-type': method === 'PUT' ? 'text/calendar; charset=utf-8' : 'application/xml; charset=utf-8' }),
        ...(init.depth !== undefined && { depth: init.depth }),
        ...init.headers,
      },
      ...(init.body !== undefined && { body: init.body }),
    });
    if (answer.status === 401) throw new CalendarError('auth', 'the server refused the username or password');
    if (answer.status === 429 || answer.status === 503) {
      const seconds = Number(answer.headers['retry-after']);
      throw new CalendarError('rate_limited', `the server answered ${answer.status}`, Number.isFinite(seconds) ? seconds * 1000 : undefined);
    }
    return answer;
  }

  const propfind = (connection: ProviderConnection, url: string, depth: string, props: string, signal: AbortSignal) =>
    dav(connection, url, 'PROPFIND', signal, { depth, body: `<?xml version="1.0" encoding="utf-8"?><d:propfind ${NS}><d:prop>${props}</d:prop></d:propfind>` });

  async function discover(connection: ProviderConnection, signal: AbortSignal): Promise<ProviderCalendar[]> {
    const start = credentials(connection).url;
    const calendarProps = '<d:resourcetype/><d:displayname/><c:supported-calendar-component-set/>';
    // The URL may be the server, the well-known URL, a principal, a calendar home or one calendar.
    let first: DavResponse | undefined;
    for (const candidate of [start, new URL('/.well-known/caldav', start).toString()]) {
      const answer = await propfind(connection, candidate, '0', `<d:current-user-principal/><c:calendar-home-set/>${calendarProps}`, signal);
      if (answer.status === 207) {
        first = multistatus(answer, candidate)[0];
        if (first) break;
      }
    }
    if (!first) throw new CalendarError('not_found', 'no CalDAV service at that URL');
    if (isCalendar(first.props)) return [toCalendar(first, true)];
    let home = hrefOf(first.props['calendar-home-set'], first.href);
    const principal = hrefOf(first.props['current-user-principal'], first.href);
    if (!home && principal) {
      const answer = await propfind(connection, principal, '0', '<c:calendar-home-set/>', signal);
      home = hrefOf(multistatus(answer, principal)[0]?.props['calendar-home-set'], principal);
    }
    if (!home) throw new CalendarError('not_found', 'the server names no calendar home for this account');
    const listing = multistatus(await propfind(connection, home, '1', calendarProps, signal), home);
    const calendars = listing.filter((entry) => isCalendar(entry.props) && holdsEvents(entry.props));
    return calendars.map((entry, index) => toCalendar(entry, index === 0));
  }

  function toCalendar(entry: DavResponse, primary: boolean): ProviderCalendar {
    const name = text(entry.props.displayname) || decodeURIComponent(new URL(entry.href).pathname.split('/').filter(Boolean).at(-1) ?? 'Calendar');
    return { externalId: entry.href, name: name.slice(0, 200), primary, writable: true };
  }

  async function calendarBusy(connection: ProviderConnection, calendarUrl: string, range: { start: number; end: number }, signal: AbortSignal): Promise<BusyEvent[]> {
    const body = `<?xml version="1.0" encoding="utf-8"?><c:calendar-query ${NS}><d:prop><d:getetag/><c:calendar-data/></d:prop><c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT"><c:time-range start="${utcStamp(range.start)}" end="${utcStamp(range.end)}"/></c:comp-filter></c:comp-filter></c:filter></c:calendar-query>`;
    const answer = await dav(connection, calendarUrl, 'REPORT', signal, { depth: '1', body });
    if (answer.status === 404) throw new CalendarError('not_found', 'the calendar is gone');
    const out: BusyEvent[] = [];
    for (const entry of multistatus(answer, calendarUrl)) {
      const data = text(entry.props['calendar-data']);
      if (!data) continue;
      try {
        out.push(...busyEvents(parseCalendar(data), range, connection));
      } catch {
        // One unreadable object must not hide the rest of the calendar.
      }
    }
    return out;
  }

  async function currentEtag(connection: ProviderConnection, url: string, signal: AbortSignal): Promise<string | null> {
    const answer = await propfind(connection, url, '0', '<d:getetag/>', signal);
    if (answer.status === 404) return null;
    return text(multistatus(answer, url)[0]?.props.getetag) || null;
  }

  const etagOf = (answer: HttpAnswer) => (typeof answer.headers.etag === 'string' ? answer.headers.etag : null);

  return {
    type: 'caldav',
    busyHasUids: true,
    listCalendars: discover,

    async busy(connection, calendarIds, range, signal) {
      const result: BusyByCalendar = new Map();
      await Promise.all(
        calendarIds.map(async (id) => {
          try {
            result.set(id, await calendarBusy(connection, id, range, signal));
          } catch (error) {
            result.set(id, asCalendarError(error));
          }
        }),
      );
      return result;
    },

    async putEvent(connection, calendarId, event, existing, signal) {
      const url = existing?.externalId ?? new URL(resourceName(event.icalUid), calendarId.endsWith('/') ? calendarId : `${calendarId}/`).toString();
      const body = calendarObject(event, Date.now());
      const put = (condition: Record<string, string>) => dav(connection, url, 'PUT', signal, { body, headers: condition });
      // Create only if absent; a 412 means an earlier try got there (or the host kept the event): update it.
      let answer = await put(existing?.etag ? { 'if-match': existing.etag } : { 'if-none-match': '*' });
      if (answer.status === 412) {
        const etag = await currentEtag(connection, url, signal);
        answer = await put(etag ? { 'if-match': etag } : { 'if-none-match': '*' });
      }
      if (answer.status < 200 || answer.status >= 300) throw new CalendarError(answer.status === 404 ? 'not_found' : 'unavailable', `PUT answered ${answer.status}`);
      return { externalId: url, etag: etagOf(answer) ?? (await currentEtag(connection, url, signal)) };
    },

    async deleteEvent(connection, _calendarId, ref, signal) {
      let answer = await dav(connection, ref.externalId, 'DELETE', signal, { headers: ref.etag ? { 'if-match': ref.etag } : {} });
      // Changed since we wrote it (the host moved it): it is still our booking's event, so it goes.
      if (answer.status === 412) answer = await dav(connection, ref.externalId, 'DELETE', signal);
      if (answer.status === 404 || answer.status === 410) return;
      if (answer.status < 200 || answer.status >= 300) throw new CalendarError('unavailable', `DELETE answered ${answer.status}`);
    },
  };
}
