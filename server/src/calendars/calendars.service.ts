import type { Knex } from 'knex';
import type { CalendarConnection, CreateCalendarConnectionInput, UpdateCalendarConnectionInput } from '@openslot/sdk/schemas';
import type { z } from 'zod';
import type { createCalendarConnectionInput, updateCalendarConnectionInput } from '@openslot/sdk/schemas';
import type { Clock } from '../clock.js';
import { DomainError, NotFoundError, ValidationError } from '../errors.js';
import { requireActingAs, type Principal } from '../authorization/index.js';
import type { UserRow, UsersRepo } from '../users/users.repo.js';
import { checkWebhookUrl } from '../webhooks/url-guard.js';
import type { BusyCache } from './busy-cache.js';
import type { CalendarsRepo, ConnectionRow } from './calendars.repo.js';
import type { Connections } from './connections.js';
import { feedUrl } from './providers/ics.js';
import { asCalendarError, type ConnectionType, type Credentials, type ProviderCalendar } from './provider.js';

export type { CreateCalendarConnectionInput, UpdateCalendarConnectionInput };
type ParsedCreate = z.output<typeof createCalendarConnectionInput>;
type ParsedUpdate = z.output<typeof updateCalendarConnectionInput>;

/** How long the first read of a new connection may take (it lists the account's calendars). */
const PROBE_MS = 15_000;

/** A connection as the API shows it: no credentials, ever. */
export function publicConnection(row: ConnectionRow): CalendarConnection {
  return {
    id: String(row.id),
    type: row.type,
    label: row.label,
    status: row.status,
    statusReason: row.statusReason,
    onError: row.onError,
    calendars: row.calendars.map((c) => ({ id: String(c.id), name: c.name, busy: c.busy, destination: c.destination, writable: c.writable })),
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

/** The host's connections: added, read once to list their calendars, chosen, repaired, removed. */
export function createCalendarsService(deps: {
  db: Knex;
  repo: CalendarsRepo;
  usersRepo: UsersRepo;
  connections: Connections;
  cache: BusyCache;
  clock: Clock;
  allowPrivateUrls: boolean;
}) {
  const { db, repo, usersRepo, connections, cache, clock } = deps;

  async function requireHost(principal: Principal, username: string): Promise<UserRow> {
    const user = await usersRepo.findByUsername(username);
    if (!user) throw new NotFoundError(`User "${username}"`);
    requireActingAs(principal, user.id);
    return user;
  }

  async function requireConnection(principal: Principal, username: string, id: string): Promise<{ user: UserRow; row: ConnectionRow }> {
    const user = await requireHost(principal, username);
    const row = /^\d{1,10}$/.test(id) ? await repo.find(Number(id)) : null;
    if (!row || row.userId !== user.id) throw new NotFoundError(`Calendar connection "${id}"`);
    return { user, row };
  }

  /** Reads the account once: its calendars, or a 422 saying why it cannot be used. */
  async function probe(user: UserRow, type: ConnectionType, credentials: Credentials): Promise<ProviderCalendar[]> {
    try {
      const provider = connections.provider(type);
      return await provider.listCalendars({ id: 0, credentials, timeZone: user.timeZone, ownerEmails: [user.email], save: async () => undefined }, AbortSignal.timeout(PROBE_MS));
    } catch (error) {
      const failure = asCalendarError(error);
      if (failure.reason === 'auth') throw new DomainError('unprocessable', 'The calendar server refused these credentials', { reason: failure.reason }, 'calendar_auth_failed');
      throw new DomainError('unprocessable', `The calendar could not be read: ${failure.message}`, { reason: failure.reason }, 'calendar_unreachable');
    }
  }

  async function checkUrl(raw: string): Promise<string> {
    const url = feedUrl(raw);
    await checkWebhookUrl(url, deps.allowPrivateUrls);
    return url;
  }

  const labelOf = (credentials: Credentials): string => {
    if (credentials.type === 'ics') return new URL(credentials.url).host;
    if (credentials.type === 'caldav') return `${credentials.username} at ${new URL(credentials.url).host}`.slice(0, 320);
    return credentials.type;
  };

  return {
    requireHost,

    async list(principal: Principal, username: string): Promise<CalendarConnection[]> {
      const user = await requireHost(principal, username);
      return (await repo.listForUser(user.id)).map(publicConnection);
    },

    async get(principal: Principal, username: string, id: string): Promise<CalendarConnection> {
      return publicConnection((await requireConnection(principal, username, id)).row);
    },

    async create(principal: Principal, username: string, input: ParsedCreate): Promise<CalendarConnection> {
      const user = await requireHost(principal, username);
      const url = await checkUrl(input.url);
      const credentials: Credentials = input.type === 'ics' ? { type: 'ics', url } : { type: 'caldav', url, username: input.username!, password: input.password! };
      const calendars = await probe(user, input.type, credentials);
      return publicConnection(await this.store(user, { type: input.type, label: labelOf(credentials), credentials, onError: input.onError }, calendars));
    },

    /**
     * Stores a checked connection. Defaults: the primary calendar counts as busy and, when it is
     * writable and the host has no destination yet, receives new bookings.
     */
    async store(user: UserRow, connection: { type: ConnectionType; label: string; credentials: Credentials; onError: 'block' | 'ignore' }, calendars: ProviderCalendar[]): Promise<ConnectionRow> {
      const id = await db.transaction(async (trx) => {
        const takesDestination = !(await repo.hasDestination(user.id, trx));
        const primary = calendars.find((c) => c.primary) ?? calendars[0];
        const id = await repo.insertConnection(
          trx,
          { userId: user.id, type: connection.type, label: connection.label.slice(0, 320), credentials: connections.seal(connection.credentials), onError: connection.onError },
          calendars.map((c) => ({ externalId: c.externalId, name: c.name, writable: c.writable, busy: c === primary, destination: c === primary && c.writable && takesDestination })),
          clock.now(),
        );
        await repo.recountBusy(user.id, trx);
        return id;
      });
      cache.forgetHost(user.id);
      return (await repo.find(id))!;
    },

    async update(principal: Principal, username: string, id: string, patch: ParsedUpdate): Promise<CalendarConnection> {
      const { user, row } = await requireConnection(principal, username, id);
      let credentials: Credentials | null = null;
      let listed: ProviderCalendar[] | null = null;
      if (patch.url !== undefined || patch.username !== undefined || patch.password !== undefined) {
        const current = connections.open(row, { timeZone: user.timeZone, ownerEmails: [user.email] }).credentials;
        if (current.type === 'ics') {
          if (patch.username !== undefined || patch.password !== undefined) throw new ValidationError('Invalid body: an ICS feed has only a url', { fields: [{ field: 'password', message: 'not for an ICS feed' }] });
          credentials = { type: 'ics', url: await checkUrl(patch.url ?? current.url) };
        } else if (current.type === 'caldav') {
          credentials = { type: 'caldav', url: patch.url ? await checkUrl(patch.url) : current.url, username: patch.username ?? current.username, password: patch.password ?? current.password };
        } else throw new ValidationError('Invalid body: reconnect Google or Microsoft through its consent page', { fields: [{ field: 'password', message: 'not for an OAuth connection' }] });
        listed = await probe(user, row.type, credentials);
      }
      const choices = patch.calendars ?? [];
      for (const choice of choices) {
        const calendar = row.calendars.find((c) => String(c.id) === choice.id);
        if (!calendar) throw new ValidationError(`Invalid body: calendars: no calendar "${choice.id}" in this connection`, { fields: [{ field: 'calendars', message: `unknown calendar ${choice.id}` }] });
        if (choice.destination && !calendar.writable) throw new ValidationError(`Invalid body: calendars: "${calendar.name}" is read-only`, { fields: [{ field: 'calendars', message: 'a destination must be writable' }] });
      }
      await db.transaction(async (trx) => {
        if (credentials) {
          await repo.updateConnection(row.id, { credentials: connections.seal(credentials), label: labelOf(credentials), status: 'ok', statusReason: null }, clock.now(), trx);
          const known = new Set(row.calendars.map((c) => c.externalId));
          const added = (listed ?? []).filter((c) => !known.has(c.externalId));
          if (added.length > 0) {
            await repo.insertCalendars(trx, row.id, added.map((c) => ({ externalId: c.externalId, name: c.name, writable: c.writable, busy: false, destination: false })), clock.now());
          }
        }
        if (patch.onError !== undefined) await repo.updateConnection(row.id, { onError: patch.onError }, clock.now(), trx);
        if (choices.some((choice) => choice.destination)) await repo.clearDestinations(user.id, trx);
        for (const choice of choices) await repo.updateCalendar(Number(choice.id), { ...(choice.busy !== undefined && { busy: choice.busy }), ...(choice.destination !== undefined && { destination: choice.destination }) }, trx);
        await repo.recountBusy(user.id, trx);
      });
      for (const calendar of row.calendars) cache.forget(calendar.id);
      cache.forgetHost(user.id);
      return publicConnection((await repo.find(row.id))!);
    },

    async delete(principal: Principal, username: string, id: string): Promise<void> {
      const { user, row } = await requireConnection(principal, username, id);
      await db.transaction(async (trx) => {
        await repo.deleteConnection(row.id, trx);
        await repo.recountBusy(user.id, trx);
      });
      for (const calendar of row.calendars) cache.forget(calendar.id);
      cache.forgetHost(user.id);
    },
  };
}

export type CalendarsService = ReturnType<typeof createCalendarsService>;
