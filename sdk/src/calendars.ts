import type { ConnectCalendarInput, CreateCalendarConnectionInput, UpdateCalendarConnectionInput } from './schemas/index.js';
import type { CalendarConnectUrl, CalendarConnectionEnvelope, CalendarConnectionList } from './responses.js';
import type { RequestOptions, Transport } from './transport.js';
import { path } from './path.js';

/** A host's calendar connections: their busy time hides slots; bookings are written to the destination. */
export class Calendars {
  constructor(private readonly transport: Transport) {}

  /** Connects an ICS feed or a CalDAV account (iCloud, Fastmail …); the server reads it once to list its calendars. */
  create(username: string, input: CreateCalendarConnectionInput, options?: RequestOptions): Promise<CalendarConnectionEnvelope> {
    return this.transport.request({ method: 'POST', path: path`/v1/users/${username}/calendars`, body: input, options });
  }

  list(username: string, options?: RequestOptions): Promise<CalendarConnectionList> {
    return this.transport.request({ method: 'GET', path: path`/v1/users/${username}/calendars`, options });
  }

  get(username: string, id: string, options?: RequestOptions): Promise<CalendarConnectionEnvelope> {
    return this.transport.request({ method: 'GET', path: path`/v1/users/${username}/calendars/${id}`, options });
  }

  /** Chooses busy calendars and the destination, the error policy, or repairs a broken connection's credentials. */
  update(username: string, id: string, patch: UpdateCalendarConnectionInput, options?: RequestOptions): Promise<CalendarConnectionEnvelope> {
    return this.transport.request({ method: 'PATCH', path: path`/v1/users/${username}/calendars/${id}`, body: patch, options });
  }

  delete(username: string, id: string, options?: RequestOptions): Promise<void> {
    return this.transport.request({ method: 'DELETE', path: path`/v1/users/${username}/calendars/${id}`, options });
  }

  /** The Google consent page to send the host to; its callback stores the connection. */
  connectGoogle(username: string, input: ConnectCalendarInput = {}, options?: RequestOptions): Promise<CalendarConnectUrl> {
    return this.transport.request({ method: 'POST', path: path`/v1/users/${username}/calendars/google/connect`, body: input, options });
  }

  /** The Microsoft consent page (Microsoft 365, Outlook.com). */
  connectMicrosoft(username: string, input: ConnectCalendarInput = {}, options?: RequestOptions): Promise<CalendarConnectUrl> {
    return this.transport.request({ method: 'POST', path: path`/v1/users/${username}/calendars/microsoft/connect`, body: input, options });
  }
}
