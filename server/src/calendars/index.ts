import type { Knex } from 'knex';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { PermanentJobError, RetryLaterError, type JobQueue, type Worker } from '../jobs/index.js';
import { isPermanentMailError, type Mailer, type MailMessage } from '../notifications/index.js';
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
import { CalendarError } from './provider.js';
import { CALENDAR_SYNC, createCalendarWriteBack, type BookingLookup } from './write-back.js';

export { createCalendarsRouter } from './calendars.router.js';
export { CALENDAR_SYNC, calendarSyncJob, type CalendarWriteBack } from './write-back.js';
export { CalendarError } from './provider.js';

/** External calendars wired: the API service, the OAuth flow, the availability source, write-back. */
/** The job kind of the email telling a host their calendar connection broke. */
export const CALENDAR_MAIL = 'mail.calendar';

// Calendar writes: 5 s, 1 min, 5 min, 30 min, 2 h, 6 h, 12 h, then given up on (the booking stands).
const SYNC_RETRY_DELAYS_MS = [5_000, 60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000];

export async function createCalendars(deps: {
  db: Knex;
  config: Config;
  clock: Clock;
  logger: Logger;
  outbox: Outbox;
  jobs: JobQueue;
  worker: Worker;
  mailer: Mailer;
  usersRepo: UsersRepo;
  bookings: BookingLookup;
}) {
  const { db, config, clock, logger, outbox, jobs, worker, mailer, usersRepo } = deps;
  const allowPrivate = config.webhookAllowPrivateUrls;
  const repo = createCalendarsRepo(db);
  const secrets = await loadSecretBox(db);
  const { google: googleConfig, microsoft: microsoftConfig } = config.calendars;
  const google = googleConfig ? createGoogleProvider({ ...googleConfig, redirectUri: `${config.publicUrl}/v1/calendars/google/callback` }) : undefined;
  const microsoft = microsoftConfig ? createMicrosoftProvider({ ...microsoftConfig, redirectUri: `${config.publicUrl}/v1/calendars/microsoft/callback` }) : undefined;

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
      await jobs.enqueue(trx, { kind: CALENDAR_MAIL, payload: { message: brokenConnectionEmail(host, shown, `${config.publicUrl}/console`) } }, now);
    },
  });
  const cache = createBusyCache();
  const service = createCalendarsService({ db, repo, usersRepo, connections, cache, clock, allowPrivateUrls: allowPrivate });
  const oauth = createOAuthConnect({ repo, usersRepo, calendars: service, secrets, clock, logger, providers: { google, microsoft } });
  const busySource = createCalendarBusySource({ repo, connections, cache, clock, logger, budgets: { slotsMs: config.calendars.slotsBudgetMs, bookingMs: config.calendars.bookingBudgetMs } });
  const writeBack = createCalendarWriteBack({ repo, connections, bookings: deps.bookings, clock, logger });

  worker.handle(
    CALENDAR_SYNC,
    async (job) => {
      try {
        await writeBack.sync(String(job.payload.bookingUid));
      } catch (error) {
        if (error instanceof CalendarError && error.reason === 'rate_limited' && error.retryAfterMs) throw new RetryLaterError(clock.now() + error.retryAfterMs, error.message);
        throw error;
      }
    },
    { retryDelaysMs: SYNC_RETRY_DELAYS_MS, leaseMs: 2 * 60_000 },
  );
  worker.handle(CALENDAR_MAIL, async (job) => {
    if (!mailer.sends) return logger.info('mail not sent: no SMTP_URL configured', { job: job.id, email: 'calendar-broken' });
    try {
      await mailer.send(job.payload.message as unknown as MailMessage);
    } catch (error) {
      if (isPermanentMailError(error)) throw new PermanentJobError(`refused: ${(error as Error).message}`);
      throw error;
    }
  });
  return { service, oauth, busySource, writeBack, repo };
}

export type Calendars = Awaited<ReturnType<typeof createCalendars>>;
