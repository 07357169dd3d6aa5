import type { Knex } from 'knex';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { MailOutbox } from '../notifications/index.js';
import type { Outbox } from '../outbox/outbox.js';
import type { UsersRepo } from '../users/users.repo.js';
import { loadSecretBox } from '../webhooks/secrets.js';
import { brokenConnectionEmail, recordBrokenEvent } from './broken-notice.js';
import { createBusyCache } from './busy-cache.js';
import { createCalendarBusySource } from './busy-source.js';
import { createCalendarsRepo } from './calendars.repo.js';
import { createCalendarsService, publicConnection } from './calendars.service.js';
import { createConnections } from './connections.js';
import { createOAuthConnect } from './oauth.js';
import { createCaldavProvider } from './providers/caldav.js';
import { createGoogleProvider } from './providers/google.js';
import { createIcsProvider } from './providers/ics.js';
import { createMicrosoftProvider } from './providers/microsoft.js';
import { createCalendarWriteBack, type BookingLookup } from './write-back.js';

export { createCalendarsRouter } from './calendars.router.js';
export { CALENDAR_SYNC, calendarSyncJob, type CalendarWriteBack } from './write-back.js';
export { CalendarError } from './provider.js';

/** External calendars wired: the API service, the OAuth flow, the availability source, write-back. */
export async function createCalendars(deps: { db: Knex; config: Config; clock: Clock; logger: Logger; outbox: Outbox; mail: MailOutbox; usersRepo: UsersRepo; bookings: BookingLookup }) {
  const { db, config, clock, logger, outbox, usersRepo } = deps;
  const allowPrivate = config.webhookAllowPrivateUrls;
  const repo = createCalendarsRepo(db);
  const secrets = await loadSecretBox(db);
  const { google: googleConfig, microsoft: microsoftConfig } = config.calendars;
  const google = googleConfig ? createGoogleProvider({ ...googleConfig, redirectUri: `${config.publicUrl}/v1/calendars/google/callback` }) : undefined;
  const microsoft = microsoftConfig ? createMicrosoftProvider({ ...microsoftConfig, redirectUri: `${config.publicUrl}/v1/calendars/microsoft/callback` }) : undefined;
  const pendingMail: Array<ReturnType<typeof brokenConnectionEmail>> = [];

  const connections = createConnections({
    db,
    repo,
    providers: { ics: createIcsProvider({ allowPrivate }), caldav: createCaldavProvider({ allowPrivate }), ...(google && { google }), ...(microsoft && { microsoft }) },
    secrets,
    clock,
    logger,
    async onBroken(trx, connection, reason, now) {
      const host = (await usersRepo.findByIds([connection.userId], trx))[0];
      const row = await repo.find(connection.id, trx);
      if (!host || !row) return;
      const shown = publicConnection({ ...row, status: 'broken', statusReason: reason });
      await recordBrokenEvent(outbox, trx, host, shown, now);
      pendingMail.push(brokenConnectionEmail(host, shown, `${config.publicUrl}/console`));
    },
    // The email goes out after the transaction that marked the connection broken.
    afterBroken: () => {
      for (const message of pendingMail.splice(0)) deps.mail.enqueue(message);
    },
  });
  const cache = createBusyCache();
  const service = createCalendarsService({ db, repo, usersRepo, connections, cache, clock, allowPrivateUrls: allowPrivate });
  const oauth = createOAuthConnect({ repo, usersRepo, calendars: service, secrets, clock, logger, providers: { google, microsoft } });
  const busySource = createCalendarBusySource({ repo, connections, cache, clock, logger, budgets: { slotsMs: config.calendars.slotsBudgetMs, bookingMs: config.calendars.bookingBudgetMs } });
  const writeBack = createCalendarWriteBack({ repo, connections, bookings: deps.bookings, clock, logger });
  return { service, oauth, busySource, writeBack, repo };
}

export type Calendars = Awaited<ReturnType<typeof createCalendars>>;
