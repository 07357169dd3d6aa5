import { createEventTypeInput } from '@openslot/sdk/schemas';
import type { Services } from '../app.js';
import type { Logger } from '../logger.js';

/**
 * `openslot seed --demo`: a host (alice, Mon–Fri 09:00–17:00 in Europe/London) with a 30-minute
 * `alice/intro`, so a fresh install has something to book. Running it again changes nothing.
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
  logger.info('seeded demo host', { event: 'alice/intro' });
  return { created: true };
}
