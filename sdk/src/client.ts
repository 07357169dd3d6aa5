import { Bookings } from './bookings.js';
import { Calendars } from './calendars.js';
import { EventTypes } from './event-types.js';
import { Meta } from './meta.js';
import { Schedules } from './schedules.js';
import { Audit, SessionTokens } from './session-tokens.js';
import { Slots } from './slots.js';
import { Teams } from './teams.js';
import { Transport, type ClientOptions } from './transport.js';
import { Users } from './users.js';
import { Webhooks } from './webhooks.js';

export interface OpenSlotClient {
  readonly baseUrl: string;
  readonly eventTypes: EventTypes;
  readonly slots: Slots;
  readonly bookings: Bookings;
  readonly users: Users;
  readonly teams: Teams;
  readonly schedules: Schedules;
  readonly webhooks: Webhooks;
  readonly calendars: Calendars;
  readonly sessionTokens: SessionTokens;
  readonly audit: Audit;
  readonly meta: Meta;
}

/**
 * A client for one OpenSlot server. Public calls (event types, slots, booking, managing a booking
 * with its token) need no key; owner calls need `apiKey`: an API key, or in a host's browser a session token.
 */
export function createClient(options: ClientOptions): OpenSlotClient {
  const transport = new Transport(options);
  return {
    baseUrl: transport.baseUrl,
    eventTypes: new EventTypes(transport),
    slots: new Slots(transport),
    bookings: new Bookings(transport),
    users: new Users(transport),
    teams: new Teams(transport),
    schedules: new Schedules(transport),
    webhooks: new Webhooks(transport),
    calendars: new Calendars(transport),
    sessionTokens: new SessionTokens(transport),
    audit: new Audit(transport),
    meta: new Meta(transport),
  };
}
