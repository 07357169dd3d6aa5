import { createEventTypeInput, createTeamInput } from '@openslot/sdk/schemas';
import type { Services } from '../app.js';
import { FEED_CALENDAR_ID } from '../calendars/providers/ics.js';
import type { Logger } from '../logger.js';

const admin = { kind: 'admin' } as const;

/**
 * `openslot seed --demo`: a host (alice, Mon–Fri 09:00–17:00 in Europe/London) with a 30-minute
 * `alice/intro` and a calendar feed from the demo site, so a fresh install has something to book
 * (and a busy block that came from an external calendar); and the coaching team `harbor` (Noah
 * and Ivy) whose `harbor/discovery` goes round robin, one coach a booking. Running it again
 * changes nothing.
 */
export async function seedDemo(services: Services, logger: Logger): Promise<{ created: boolean }> {
  const created = [await seedHost(services), await seedTeam(services)].some(Boolean);
  logger.info(created ? 'seeded demo data' : 'demo data already present', { events: ['alice/intro', 'harbor/discovery'] });
  return { created };
}

async function seedHost(services: Services): Promise<boolean> {
  if (await services.usersRepo.findByUsername('alice')) return false;
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
      // The demo shows the guest field; a new event type leaves it off unless its host turns it on.
      allowGuests: true,
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
  return true;
}

async function seedTeam(services: Services): Promise<boolean> {
  if (await services.usersRepo.findByUsername('noah')) return false;
  for (const [username, name] of [['noah', 'Noah Pine'], ['ivy', 'Ivy Harbor']] as const) {
    await services.users.create({ username, name, email: `${username}@example.com`, timeZone: 'Europe/London', allowDynamicGroup: false });
  }
  // The platform key adds members directly (anyone else's invitation waits for their consent).
  await services.teams.create(admin, createTeamInput.parse({ slug: 'harbor', name: 'Harbor & Pine Coaching', members: [{ username: 'noah' }, { username: 'ivy' }] }));
  await services.eventTypes.create(
    admin,
    createEventTypeInput.parse({
      owner: 'harbor',
      slug: 'discovery',
      title: 'Discovery call',
      description: 'Thirty minutes with whichever of our coaches is free.',
      durationMinutes: 30,
      schedulingType: 'round_robin',
      hosts: [{ username: 'noah' }, { username: 'ivy' }],
      location: { type: 'jitsi' },
    }),
  );
  return true;
}
