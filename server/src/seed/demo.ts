import { createEventTypeInput } from '@openslot/sdk/schemas';
import type { Services } from '../app.js';
import { FEED_CALENDAR_ID } from '../calendars/providers/ics.js';
import type { Logger } from '../logger.js';

/**
 * `openslot seed --demo`: a host (alice, Mon–Fri 09:00–17:00 in Europe/London) with a 30-minute
 * `alice/intro` and a calendar feed from the demo site, so a fresh install has something to book. Running it again changes nothing.
 */
export async function seedDemo(services: Services, logger: Logger): Promise<{ created: boolean }> {
  if (await services.usersRepo.findByUsername('alice')) {
    logger.info('demo data already present');
    return { created: false };
  }
  const admin = { kind: 'admin' } as const;
  await services.users.create({ username: 'alice', name: 'Alice Example', email: 'alice@example.com', timeZone: 'Europe/London', allowDynamicGroup: true });
  await services.eventTypes.create(
    admin,
    createEventTypeInput.parse({
      owner: 'alice',
      slug: 'intro',
      title: 'Intro call',
      description: 'A 30-minute call to get to know each other.',
      durationMinutes: 30,
      location: { type: 'jitsi' },
    }),
  );
  // A calendar feed served by the demo site: its busy block shows how external calendars hide
  // slots. Stored without reading it now (the demo site starts after the seed); its errors are
  // ignored so the demo books even when the site is not running.
  const alice = (await services.usersRepo.findByUsername('alice'))!;
  const feed = `${services.config.demoSiteUrl}/calendar.ics`;
  await services.calendars.service.store(
    alice,
    { type: 'ics', label: new URL(feed).host, credentials: { type: 'ics', url: feed }, onError: 'ignore' },
    [{ externalId: FEED_CALENDAR_ID, name: 'Alice’s personal calendar', primary: true, writable: false }],
  );
  logger.info('seeded demo host', { event: 'alice/intro', calendarFeed: feed });
  return { created: true };
}
