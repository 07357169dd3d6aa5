// The team case of `npm run bench:slots`: round robin and collective event types with 2, 10, 50
// and 200 hosts, every host with a month of bookings; one month of slots timed in the pure core
// and through the HTTP endpoint (server time and query count from Server-Timing). The query count
// must not grow with the hosts, and a month for 50 hosts should take under 50 ms of server time.
import { createEventTypeInput } from '@openslot/sdk/schemas';
import { newUid } from '../bookings/bookings.service.js';
import { computeSlots } from '../scheduling/index.js';
import { ADMIN, benchApp, fmt, medianMs, parseServerTiming } from './support.js';

const DAY = 86_400_000;
const SIZES = [2, 10, 50, 200] as const;
const MONTH_START = Date.parse('2026-03-02T00:00:00Z'); // a Monday
const NOW = '2026-02-01T00:00:00Z';

export async function benchTeams(): Promise<void> {
  const bench = await benchApp('teams', NOW);
  const { services } = bench;
  const usernames = Array.from({ length: 200 }, (_, i) => `h${String(i).padStart(3, '0')}`);
  // Two zones whose working days overlap 09:00–16:00 London, so collective slots exist at any size.
  for (const [i, username] of usernames.entries()) {
    await services.users.create({ username, name: username, email: `${username}@example.com`, timeZone: i % 2 ? 'Europe/London' : 'Europe/Berlin', allowDynamicGroup: false });
  }
  await services.teams.create(ADMIN, { slug: 'team', name: 'Team', members: usernames.map((username) => ({ username, role: 'member' as const })) });
  for (const size of SIZES) {
    for (const schedulingType of ['round_robin', 'collective'] as const) {
      await services.eventTypes.create(
        ADMIN,
        createEventTypeInput.parse({
          owner: 'team', slug: `${schedulingType.replace('_', '-')}-${size}`, title: `${size}`, durationMinutes: 30, schedulingType,
          bookingWindow: { type: 'unlimited' }, hosts: usernames.slice(0, size).map((username) => ({ username })),
        }),
      );
    }
  }
  // Everyone's month: a one-hour meeting each weekday, its time moving with the host and the day.
  const template = await services.eventTypes.create(ADMIN, createEventTypeInput.parse({ owner: usernames[0], slug: 'other', title: 'Other', durationMinutes: 60 }));
  const hosts = await services.usersRepo.findByUsernames(usernames);
  let count = 0;
  await services.db.transaction(async (trx) => {
    for (const [i, host] of hosts.entries()) {
      for (let day = 0; day < 33; day++) {
        if (day % 7 >= 5) continue;
        const start = MONTH_START + day * DAY + (8 + ((i + day) % 7)) * 3_600_000;
        await services.bookingsRepo.insert(
          {
            uid: newUid(), eventTypeId: template.id, status: 'accepted', title: 'Seeded', start, end: start + 3_600_000,
            beforeBufferMinutes: 0, afterBufferMinutes: 0, timeZone: host.timeZone,
            attendee: { name: 'A', email: 'a@example.com', timeZone: host.timeZone, locale: null },
            guests: [], responses: {}, metadata: {}, location: { type: 'jitsi', url: null, address: null },
            manageKey: 'seed', recurringSeriesUid: null, rescheduledFromUid: null, hostIds: [host.id],
          },
          Date.parse(NOW),
          trx,
        );
        count++;
      }
    }
  });

  console.log(`\nbench:slots (teams) — 200 hosts, ${count} bookings in March 2026, ${process.env.DATABASE_URL?.startsWith('mysql') ? 'MySQL' : 'SQLite'}; slots for 2026-03-02 … 2026-03-31`);
  console.log('type          hosts  slots   core ms   server ms     db ms  queries   client ms');
  const server = new Map<string, number>();
  for (const schedulingType of ['round-robin', 'collective']) {
    for (const size of SIZES) {
      const event = `team/${schedulingType}-${size}`;
      const resolved = await services.eventTypes.resolve(event);
      const input = await services.availability.input(resolved, { start: MONTH_START, end: MONTH_START + 30 * DAY }, Date.parse(NOW));
      const slots = computeSlots(input).length;
      const core = await medianMs(() => computeSlots(input), 20, 3);
      const url = `${bench.url}/v1/slots?event=${event}&start=2026-03-02&end=2026-03-31&timeZone=UTC`;
      let timing = { dbMs: 0, queries: 0, totalMs: 0 };
      const totals: number[] = [];
      const client = await medianMs(async () => {
        const res = await fetch(url);
        await res.arrayBuffer();
        timing = parseServerTiming(res.headers.get('server-timing'));
        totals.push(timing.totalMs);
      }, 20, 3);
      totals.sort((a, b) => a - b);
      const median = totals[Math.floor(totals.length / 2)]!;
      server.set(`${schedulingType}-${size}`, median);
      console.log(`${schedulingType.padEnd(12)} ${String(size).padStart(6)} ${String(slots).padStart(6)} ${fmt(core)}  ${fmt(median)}  ${fmt(timing.dbMs)} ${String(timing.queries).padStart(8)}  ${fmt(client)}`);
    }
  }
  for (const schedulingType of ['round-robin', 'collective']) {
    const ratio = server.get(`${schedulingType}-200`)! / server.get(`${schedulingType}-2`)!;
    const fifty = server.get(`${schedulingType}-50`)!;
    console.log(`${schedulingType}: 200 hosts / 2 hosts server time ${ratio.toFixed(1)}×; 50 hosts ${fifty.toFixed(2)} ms (target < 50 ms: ${fifty < 50 ? 'met' : 'NOT met'})`);
  }
  await bench.close();
}
