import express, { type Express } from 'express';
import type { Knex } from 'knex';
import { LIMITS } from '@openslot/sdk/schemas';
import { createBookingsRepo } from './bookings/bookings.repo.js';
import { createCalendars, createCalendarsRouter } from './calendars/index.js';
import { createBookingsRouter } from './bookings/bookings.router.js';
import { createBookingsService } from './bookings/bookings.service.js';
import { createIdempotencyStore } from './bookings/idempotency.js';
import { createManageRouter } from './manage/manage.router.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { meterQueries, writeTiming } from './db/query-meter.js';
import { createEventTypesRepo } from './event-types/event-types.repo.js';
import { createEventTypesRouter } from './event-types/event-types.router.js';
import { createEventTypesService } from './event-types/event-types.service.js';
import { authenticate, sessionTokenLimits } from './http/auth.js';
import { compressResponses } from './http/compression.js';
import { errorHandler, notFoundHandler } from './http/error-middleware.js';
import { cors, jsonBodiesOnly, requestId } from './http/middleware.js';
import { securityHeaders } from './http/security-headers.js';
import { createMeetingLocations } from './locations/index.js';
import { createLogger, type Logger } from './logger.js';
import { createJobs } from './jobs/index.js';
import { registerRetention } from './maintenance/retention.js';
import { createMailCap, createMailCapRepo, createMailer, registerMailJobs } from './notifications/index.js';
import { createMetaRouter } from './meta/meta.router.js';
import { createOpenApiRouter } from './openapi/openapi.router.js';
import { createOutbox } from './outbox/outbox.js';
import { createPayments, createPaymentsRouter, createStripeWebhookRouter } from './payments/index.js';
import { createSchedulesRepo } from './schedules/schedules.repo.js';
import { createSchedulesRouter } from './schedules/schedules.router.js';
import { createSchedulesService } from './schedules/schedules.service.js';
import { createRateLimiter } from './rate-limits/limiter.js';
import { createMemoryCounters } from './rate-limits/counters.js';
import { rateLimits } from './rate-limits/rate-limits.middleware.js';
import { createRedisCounters } from './rate-limits/redis-counters.js';
import { loadSigner } from './security/signing.js';
import { auditSessionChanges } from './audit/audit.middleware.js';
import { createAuditRepo } from './audit/audit.repo.js';
import { createAuditRouter } from './audit/audit.router.js';
import { createAuditService } from './audit/audit.service.js';
import { createConsoleRouter } from './console/console.router.js';
import { createConsoleService } from './console/console.service.js';
import { createSessionsRepo } from './sessions/sessions.repo.js';
import { createSessionTokensRouter } from './sessions/session-tokens.router.js';
import { createSessionTokensService } from './sessions/session-tokens.service.js';
import { createAvailabilityService } from './availability/availability.service.js';
import { bookingsSource, schedulesSource } from './availability/sources.js';
import { createSlotsRouter } from './slots/slots.router.js';
import { createTeamsRepo } from './teams/teams.repo.js';
import { createTeamsRouter } from './teams/teams.router.js';
import { createTeamsService } from './teams/teams.service.js';
import { createInvitationLinks } from './teams/invitations.js';
import { createUsersRepo } from './users/users.repo.js';
import { createUsersRouter } from './users/users.router.js';
import { createApiKeysRepo } from './api-keys/api-keys.repo.js';
import { createApiKeysRouter } from './api-keys/api-keys.router.js';
import { createApiKeysService } from './api-keys/api-keys.service.js';
import { createKeyUsage } from './api-keys/usage.js';
import { createUsersService } from './users/users.service.js';
import { createWebhooks, createWebhooksRouter } from './webhooks/index.js';
import { builtHostPath, createWidgetRouter } from './widget/widget.router.js';

export interface AppDeps {
  config: Config;
  db: Knex;
  clock?: Clock;
  logger?: Logger;
}

/** Wires repos → services → routers. Everything stateful lives in the database, so any number of these can run behind a load balancer. */
export async function createServices(deps: AppDeps) {
  const { config, db } = deps;
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? createLogger(config.logLevel);
  meterQueries(db);

  const usersRepo = createUsersRepo(db);
  const schedulesRepo = createSchedulesRepo(db);
  const eventTypesRepo = createEventTypesRepo(db);
  const bookingsRepo = createBookingsRepo(db, { publicUrl: config.publicUrl });

  const users = createUsersService({ db, users: usersRepo, schedules: schedulesRepo, clock });
  const apiKeysRepo = createApiKeysRepo(db);
  const apiKeyUsage = createKeyUsage({ repo: apiKeysRepo, logger });
  const apiKeys = createApiKeysService({ repo: apiKeysRepo, users, usage: apiKeyUsage, clock });
  const schedules = createSchedulesService({ schedules: schedulesRepo, users, clock });
  const locations = createMeetingLocations(config.locations);
  const signer = await loadSigner(db);
  // Work that follows a commit (mail, calendar writes, Stripe and Svix calls) is a job row in the
  // same transaction, run by the worker of any process; without SMTP_URL mail is not sent.
  const { queue: jobs, worker } = createJobs({ db, clock, logger });
  const teams = createTeamsService({ db, teams: createTeamsRepo(db), usersRepo, clock, jobs, links: createInvitationLinks({ publicUrl: config.publicUrl, signer }) });
  const eventTypes = createEventTypesService({ eventTypes: eventTypesRepo, schedules: schedulesRepo, usersRepo, teams, locations, clock, publicUrl: config.publicUrl, paymentsConfigured: config.stripe !== null });
  const idempotency = createIdempotencyStore(db);
  const outbox = createOutbox(db);
  const webhooks = await createWebhooks({ db, config, clock, logger, outbox, jobs, worker, teams });
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom });
  const mailCap = createMailCap({ repo: createMailCapRepo(db), limit: config.mailDailyLimitPerRecipient, clock });
  registerMailJobs(worker, { mailer, logger, cap: mailCap });
  registerRetention(worker, { db, retentionDays: config.retentionDays });
  const calendars = await createCalendars({ db, config, clock, logger, outbox, jobs, worker, mailer, usersRepo, bookings: bookingsRepo });
  const availability = createAvailabilityService({ sources: [schedulesSource(schedulesRepo), bookingsSource(bookingsRepo), calendars.busySource] });
  const payments = createPayments({ db, config, clock, logger, bookings: bookingsRepo, outbox, jobs, worker, signer, usersRepo, teams, idempotency });
  const bookings = createBookingsService({
    db, config, clock, bookings: bookingsRepo, eventTypes, eventTypesRepo, usersRepo, availability, locations, signer, idempotency, outbox, jobs, payments: payments.port,
  });

  const sessionsRepo = createSessionsRepo(db);
  const sessionTokens = createSessionTokensService({ db, sessions: sessionsRepo, clock, defaultMinutes: config.sessions.tokenMinutes });
  const audit = createAuditService({ audit: createAuditRepo(db), clock });
  const consoleService = createConsoleService({
    db, sessions: sessionsRepo, usersRepo, sessionTokens, audit, jobs, signer, clock, publicUrl: config.publicUrl, signInLinkMinutes: config.sessions.signInLinkMinutes, consoleDays: config.sessions.consoleDays,
  });

  // Counters in memory, or in Redis when REDIS_URL is set so every process shares them.
  const rateLimiter = config.rateLimits
    ? createRateLimiter({ settings: config.rateLimits, clock, store: config.redis ? createRedisCounters({ ...config.redis, logger }) : createMemoryCounters() })
    : null;

  return { config, db, clock, logger, rateLimiter, outbox, sessionsRepo, sessionTokens, audit, console: consoleService, jobs, worker, mailer, usersRepo, schedulesRepo, eventTypesRepo, bookingsRepo, users, apiKeys, apiKeyUsage, schedules, teams, eventTypes, availability, bookings, calendars, payments, webhooks: webhooks.service, webhookDispatcher: webhooks.dispatcher };
}

export type Services = Awaited<ReturnType<typeof createServices>>;

export function createApp(services: Services): Express {
  const { config, db, logger } = services;
  const app = express();
  app.disable('x-powered-by');
  // Which hop's X-Forwarded-For names the client (rate limits count by it): none unless TRUST_PROXY says.
  app.set('trust proxy', config.trustProxy);
  app.use(securityHeaders({ publicUrl: config.publicUrl }));
  app.use(requestId);
  app.use(cors);
  app.use(compressResponses());
  app.use(writeTiming());
  // Before the JSON checks and parser: Stripe signs the raw body.
  app.use(createStripeWebhookRouter({ payments: services.payments }));
  app.use('/v1', jsonBodiesOnly);
  app.use(express.json({ limit: LIMITS.bodyBytes }));

  app.get('/health', async (_req, res) => {
    const db_ = await db.raw('select 1').then(() => 'ok', () => 'unreachable');
    res.status(db_ === 'ok' ? 200 : 503).json({ status: db_ === 'ok' ? 'ok' : 'degraded', db: db_ });
  });
  app.use(createMetaRouter({ publicUrl: config.publicUrl }));
  app.use(createWidgetRouter());
  app.use(createWidgetRouter({ path: '/host.js', file: builtHostPath }));
  app.use(createOpenApiRouter({ publicUrl: config.publicUrl }));
  app.use(authenticate({ authenticateApiKey: services.apiKeys.authenticate, findLiveSessionToken: services.sessionsRepo.findLiveToken }, config.adminKey, services.clock));
  app.use(rateLimits(services.rateLimiter));
  // After the limits: its sign-in form sends mail.
  app.use(createConsoleRouter({ console: services.console, publicUrl: config.publicUrl }));
  app.use(sessionTokenLimits);
  app.use(auditSessionChanges({ audit: services.audit, logger }));
  app.use(createSessionTokensRouter({ users: services.users, sessionTokens: services.sessionTokens }));
  app.use(createAuditRouter({ users: services.users, audit: services.audit }));
  app.use(createUsersRouter({ users: services.users }));
  app.use(createApiKeysRouter({ apiKeys: services.apiKeys }));
  app.use(createSchedulesRouter({ schedules: services.schedules }));
  app.use(createTeamsRouter({ teams: services.teams }));
  app.use(createEventTypesRouter({ eventTypes: services.eventTypes, schedules: services.schedulesRepo }));
  app.use(createSlotsRouter({ eventTypes: services.eventTypes, availability: services.availability, clock: services.clock }));
  app.use(createBookingsRouter({ bookings: services.bookings }));
  app.use(createPaymentsRouter({ payments: services.payments }));
  app.use(createWebhooksRouter({ webhooks: services.webhooks }));
  app.use(createCalendarsRouter({ calendars: services.calendars.service, oauth: services.calendars.oauth }));
  app.use(createManageRouter({ bookings: services.bookings, teams: services.teams, clock: services.clock }));

  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}
