import type { Knex } from 'knex';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Interval } from '../scheduling/index.js';
import type { SecretBox } from '../webhooks/secrets.js';
import type { CalendarsRepo, ConnectionRow } from './calendars.repo.js';
import { CalendarError, type BusyByCalendar, type CalendarProvider, type ConnectionType, type Credentials, type ProviderConnection } from './provider.js';

type StoredConnection = Omit<ConnectionRow, 'calendars'>;

/**
 * Stored connections as providers see them: credentials opened from their sealed form only here,
 * rotated tokens sealed back, and a refused credential turned into a broken connection (once,
 * with `onBroken` told so it can tell the host).
 */
export function createConnections(deps: {
  db: Knex;
  repo: CalendarsRepo;
  providers: Partial<Record<ConnectionType, CalendarProvider>>;
  secrets: SecretBox;
  clock: Clock;
  logger: Logger;
  /** Inside the transaction that marks it broken: the host's email and webhook are recorded with it. */
  onBroken: (trx: Knex, connection: StoredConnection, reason: string, now: number) => Promise<void>;
}) {
  const { repo, providers, secrets, clock, logger } = deps;

  function provider(type: ConnectionType): CalendarProvider {
    const found = providers[type];
    if (!found) throw new CalendarError('unavailable', `${type} calendars are not configured on this server`);
    return found;
  }

  function open(connection: StoredConnection, host: { timeZone: string; ownerEmails: readonly string[] }): ProviderConnection {
    return {
      id: connection.id,
      credentials: JSON.parse(secrets.open(connection.credentials)) as Credentials,
      timeZone: host.timeZone,
      ownerEmails: host.ownerEmails,
      save: (credentials) => repo.updateConnection(connection.id, { credentials: seal(credentials) }, clock.now()),
    };
  }

  const seal = (credentials: Credentials) => secrets.seal(JSON.stringify(credentials));

  return {
    seal,
    open,
    provider,
    busyHasUids: (type: ConnectionType) => providers[type]?.busyHasUids ?? true,

    busy(connection: StoredConnection, host: { timeZone: string; ownerEmails: readonly string[] }, calendarIds: readonly string[], range: Interval, signal: AbortSignal): Promise<BusyByCalendar> {
      return provider(connection.type).busy(open(connection, host), calendarIds, range, signal);
    },

    /** The credential was refused: the connection stops counting until the host reconnects. */
    async markBroken(connection: StoredConnection, reason: string): Promise<void> {
      const now = clock.now();
      const marked = await deps.db.transaction(async (trx) => {
        if (!(await repo.markBroken(connection.id, reason, now, trx))) return false;
        await deps.onBroken(trx, connection, reason, now);
        return true;
      });
      if (marked) logger.warn('calendar connection broken', { connection: connection.id, type: connection.type });
    },
  };
}

export type Connections = ReturnType<typeof createConnections>;
