import type { Knex } from 'knex';
import type { ConnectionType } from './provider.js';

export interface CalendarRow {
  id: number;
  connectionId: number;
  externalId: string;
  name: string;
  busy: boolean;
  destination: boolean;
  writable: boolean;
}

export interface ConnectionRow {
  id: number;
  userId: number;
  type: ConnectionType;
  label: string;
  /** Sealed JSON of `Credentials`. */
  credentials: string;
  status: 'ok' | 'broken';
  statusReason: string | null;
  onError: 'block' | 'ignore';
  createdAt: number;
  updatedAt: number;
  calendars: CalendarRow[];
}

/** One busy calendar of a host, with its connection: what availability reads. */
export interface BusyCalendarRow {
  userId: number;
  /** The host's zone and address: how floating times and declined invitations are read. */
  timeZone: string;
  email: string;
  calendarId: number;
  externalId: string;
  connection: Omit<ConnectionRow, 'calendars'>;
}

/** What write-back put in one calendar for one iCalendar UID. */
export interface EventRefRow {
  id: number;
  icalUid: string;
  calendarId: number;
  externalId: string;
  etag: string | null;
}

const toConnection = (row: Record<string, any>): Omit<ConnectionRow, 'calendars'> => ({
  id: row.id,
  userId: row.user_id,
  type: row.type,
  label: row.label,
  credentials: row.credentials,
  status: row.status,
  statusReason: row.status_reason,
  onError: row.on_error,
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
});

const toCalendar = (row: Record<string, any>): CalendarRow => ({
  id: row.id,
  connectionId: row.connection_id,
  externalId: row.external_id,
  name: row.name,
  busy: Boolean(row.busy),
  destination: Boolean(row.destination),
  writable: Boolean(row.writable),
});

export function createCalendarsRepo(db: Knex) {
  async function withCalendars(rows: Array<Record<string, any>>, trx: Knex): Promise<ConnectionRow[]> {
    if (rows.length === 0) return [];
    const calendars = await trx('calendar_connection_calendars').whereIn('connection_id', rows.map((row) => row.id)).orderBy('id');
    return rows.map((row) => ({ ...toConnection(row), calendars: calendars.filter((c) => c.connection_id === row.id).map(toCalendar) }));
  }

  const repo = {
    async insertConnection(
      trx: Knex,
      connection: { userId: number; type: ConnectionType; label: string; credentials: string; onError: 'block' | 'ignore' },
      calendars: Array<Omit<CalendarRow, 'id' | 'connectionId'>>,
      now: number,
    ): Promise<number> {
      const [id] = await trx('calendar_connections').insert({
        user_id: connection.userId,
        type: connection.type,
        label: connection.label,
        credentials: connection.credentials,
        on_error: connection.onError,
        status: 'ok',
        created_at: now,
        updated_at: now,
      });
      const connectionId = Number(id);
      await repo.insertCalendars(trx, connectionId, calendars, now);
      return connectionId;
    },

    async insertCalendars(trx: Knex, connectionId: number, calendars: Array<Omit<CalendarRow, 'id' | 'connectionId'>>, now: number): Promise<void> {
      if (calendars.length === 0) return;
      await trx('calendar_connection_calendars').insert(
        calendars.map((c) => ({ connection_id: connectionId, external_id: c.externalId, name: c.name, busy: c.busy, destination: c.destination, writable: c.writable, created_at: now })),
      );
    },

    async listForUser(userId: number, trx: Knex = db): Promise<ConnectionRow[]> {
      return withCalendars(await trx('calendar_connections').where({ user_id: userId }).orderBy('id'), trx);
    },

    async find(id: number, trx: Knex = db): Promise<ConnectionRow | null> {
      return (await withCalendars(await trx('calendar_connections').where({ id }), trx))[0] ?? null;
    },

    async updateConnection(
      id: number,
      patch: Partial<Pick<ConnectionRow, 'label' | 'credentials' | 'status' | 'statusReason' | 'onError'>>,
      now: number,
      trx: Knex = db,
    ): Promise<void> {
      const row: Record<string, unknown> = { updated_at: now };
      if (patch.label !== undefined) row.label = patch.label;
      if (patch.credentials !== undefined) row.credentials = patch.credentials;
      if (patch.status !== undefined) row.status = patch.status;
      if (patch.statusReason !== undefined) row.status_reason = patch.statusReason;
      if (patch.onError !== undefined) row.on_error = patch.onError;
      await trx('calendar_connections').where({ id }).update(row);
    },

    /** Marks a connection broken, once: false when it already was (so its owner hears of it once). */
    async markBroken(id: number, reason: string, now: number, trx: Knex = db): Promise<boolean> {
      const changed = await trx('calendar_connections').where({ id, status: 'ok' }).update({ status: 'broken', status_reason: reason.slice(0, 500), updated_at: now });
      return changed === 1;
    },

    async updateCalendar(id: number, patch: { busy?: boolean; destination?: boolean }, trx: Knex): Promise<void> {
      const row: Record<string, unknown> = {};
      if (patch.busy !== undefined) row.busy = patch.busy;
      if (patch.destination !== undefined) row.destination = patch.destination;
      if (Object.keys(row).length > 0) await trx('calendar_connection_calendars').where({ id }).update(row);
    },

    /** A host has one destination: clears it everywhere else. */
    async clearDestinations(userId: number, trx: Knex): Promise<void> {
      await trx('calendar_connection_calendars')
        .whereIn('connection_id', trx('calendar_connections').select('id').where({ user_id: userId }))
        .update({ destination: false });
    },

    async hasDestination(userId: number, trx: Knex): Promise<boolean> {
      const row = await trx('calendar_connection_calendars')
        .join('calendar_connections', 'calendar_connections.id', 'calendar_connection_calendars.connection_id')
        .where({ 'calendar_connections.user_id': userId, 'calendar_connection_calendars.destination': true })
        .first('calendar_connection_calendars.id');
      return Boolean(row);
    },

    async deleteConnection(id: number, trx: Knex): Promise<void> {
      await trx('calendar_connections').where({ id }).delete();
    },

    /**
     * Keeps `users.busy_calendars` and `users.calendar_connections` in step, so hosts without
     * busy calendars skip the calendar read and hosts without connections the write-back job.
     */
    async recountBusy(userId: number, trx: Knex): Promise<void> {
      const counted = trx('calendar_connection_calendars')
        .join('calendar_connections', 'calendar_connections.id', 'calendar_connection_calendars.connection_id')
        .where({ 'calendar_connections.user_id': userId, 'calendar_connection_calendars.busy': true })
        .count({ n: '*' })
        .first();
      const n = Number((await counted)?.n ?? 0);
      const connections = Number((await trx('calendar_connections').where({ user_id: userId }).count({ n: '*' }).first())?.n ?? 0);
      await trx('users').where({ id: userId }).update({ busy_calendars: n, calendar_connections: connections });
    },

    /** Every busy calendar of these hosts with its connection: one query. */
    async busyCalendarsOf(userIds: readonly number[], trx: Knex = db): Promise<BusyCalendarRow[]> {
      if (userIds.length === 0) return [];
      const rows = await trx('calendar_connection_calendars')
        .join('calendar_connections', 'calendar_connections.id', 'calendar_connection_calendars.connection_id')
        .join('users', 'users.id', 'calendar_connections.user_id')
        .select('calendar_connections.*', 'calendar_connection_calendars.id as calendar_id', 'calendar_connection_calendars.external_id', 'users.time_zone as user_time_zone', 'users.email as user_email')
        .whereIn('calendar_connections.user_id', userIds)
        .where('calendar_connection_calendars.busy', true)
        .orderBy('calendar_connection_calendars.id');
      return rows.map((row) => ({ userId: row.user_id, timeZone: row.user_time_zone, email: row.user_email, calendarId: row.calendar_id, externalId: row.external_id, connection: toConnection(row) }));
    },

    /** The host's destination calendar and its connection, if any. */
    async destinationOf(userId: number, trx: Knex = db): Promise<{ calendar: CalendarRow; connection: Omit<ConnectionRow, 'calendars'> } | null> {
      const row = await trx('calendar_connection_calendars')
        .join('calendar_connections', 'calendar_connections.id', 'calendar_connection_calendars.connection_id')
        .select('calendar_connections.*', 'calendar_connection_calendars.id as calendar_id', 'calendar_connection_calendars.connection_id', 'calendar_connection_calendars.external_id', 'calendar_connection_calendars.name', 'calendar_connection_calendars.busy', 'calendar_connection_calendars.destination', 'calendar_connection_calendars.writable')
        .where({ 'calendar_connections.user_id': userId, 'calendar_connection_calendars.destination': true })
        .first();
      if (!row) return null;
      return { calendar: toCalendar({ ...row, id: row.calendar_id }), connection: toConnection(row) };
    },

    /** What write-back put where for this UID, with each calendar's connection. */
    async eventRefs(icalUid: string, trx: Knex = db): Promise<Array<EventRefRow & { userId: number; calendarExternalId: string; connection: Omit<ConnectionRow, 'calendars'> }>> {
      const rows = await trx('booking_calendar_events')
        .join('calendar_connection_calendars', 'calendar_connection_calendars.id', 'booking_calendar_events.calendar_id')
        .join('calendar_connections', 'calendar_connections.id', 'calendar_connection_calendars.connection_id')
        .select('calendar_connections.*', 'booking_calendar_events.id as ref_id', 'booking_calendar_events.ical_uid', 'booking_calendar_events.calendar_id', 'booking_calendar_events.external_id as ref_external_id', 'booking_calendar_events.etag', 'calendar_connection_calendars.external_id as calendar_external_id')
        .where('booking_calendar_events.ical_uid', icalUid);
      return rows.map((row) => ({
        id: row.ref_id,
        icalUid: row.ical_uid,
        calendarId: row.calendar_id,
        externalId: row.ref_external_id,
        etag: row.etag,
        userId: row.user_id,
        calendarExternalId: row.calendar_external_id,
        connection: toConnection(row),
      }));
    },

    async saveEventRef(ref: Omit<EventRefRow, 'id'>, now: number): Promise<void> {
      const updated = await db('booking_calendar_events').where({ ical_uid: ref.icalUid, calendar_id: ref.calendarId }).update({ external_id: ref.externalId, etag: ref.etag, updated_at: now });
      if (updated === 0) await db('booking_calendar_events').insert({ ical_uid: ref.icalUid, calendar_id: ref.calendarId, external_id: ref.externalId, etag: ref.etag, updated_at: now });
    },

    async deleteEventRef(id: number): Promise<void> {
      await db('booking_calendar_events').where({ id }).delete();
    },

    async insertOauthState(state: { state: string; userId: number; provider: string; verifier: string; returnTo: string | null; expiresAt: number }): Promise<void> {
      await db('calendar_oauth_states').insert({ state: state.state, user_id: state.userId, provider: state.provider, verifier: state.verifier, return_to: state.returnTo, expires_at: state.expiresAt });
    },

    /** Takes a state once: the row is deleted whether or not it is still valid. */
    async takeOauthState(state: string): Promise<{ userId: number; provider: string; verifier: string; returnTo: string | null; expiresAt: number } | null> {
      const row = await db('calendar_oauth_states').where({ state }).first();
      if (!row) return null;
      const deleted = await db('calendar_oauth_states').where({ state }).delete();
      if (deleted !== 1) return null;
      return { userId: row.user_id, provider: row.provider, verifier: row.verifier, returnTo: row.return_to, expiresAt: Number(row.expires_at) };
    },
  };
  return repo;
}

export type CalendarsRepo = ReturnType<typeof createCalendarsRepo>;
