// `npm run bench:slots`: one host with a year of bookings; slots over 1, 3 and 6 months, timed in
// the pure core alone and through the HTTP endpoint (server time from Server-Timing). It prints
// the growth between ranges, which should stay at or below linear (3× and 6×). Then teams, and a
// host with two connected calendars (calendars.ts).
import { createEventTypeInput } from '@openslot/sdk/schemas';
import { computeSlots } from '../scheduling/index.js';
import { newUid } from '../bookings/bookings.service.js';
import { ADMIN, benchApp, fmt, medianMs, parseServerTiming } from './support.js';
import { benchCalendars } from './calendars.js';
import { benchTeams } from './teams.js';

const DAY = 86_400_000;
const YEAR_START = Date.parse('2026-01-05T00:00:00Z'); // a Monday

async function main() {
  const bench = await benchApp('slots', '2026-01-01T00:00:00Z');
  const { services } = bench;
  await services.users.create({ username: 'host', name: 'Host', email: 'host@example.com', timeZone: 'Europe/Berlin', allowDynamicGroup: false });
  const eventType = await services.eventTypes.create(
    ADMIN,
    createEventTypeInput.parse({ owner: 'host', slug: 'meet', title: 'Meet', durationMinutes: 30, slotIntervalMinutes: 15, afterBufferMinutes: 10, bookingWindow: { type: 'unlimited' } }),
  );
  const host = (await services.usersRepo.findByUsername('host'))!;

  // A busy year: four 30-minute meetings on every weekday (09:00, 11:00, 13:30, 15:00 Berlin).
  let count = 0;
  await services.db.transaction(async (trx) => {
    for (let day = 0; day < 364; day++) {
      if (day % 7 >= 5) continue;
      for (const minutes of [8 * 60, 10 * 60, 12.5 * 60, 14 * 60]) {
        const start = YEAR_START + day * DAY + minutes * 60_000;
        await services.bookingsRepo.insert(
          {
            uid: newUid(), eventTypeId: eventType.id, status: 'accepted', title: 'Seeded', start, end: start + 30 * 60_000,
            beforeBufferMinutes: 0, afterBufferMinutes: 10, timeZone: 'Europe/Berlin',
            attendee: { name: 'A', email: 'a@example.com', timeZone: 'Europe/Berlin', locale: null },
            guests: [], responses: {}, metadata: {}, location: { type: 'jitsi', url: null, address: null },
            manageKey: 'seed', recurringSeriesUid: null, rescheduledFromUid: null, hostIds: [host.id],
          },
          Date.parse('2026-01-01T00:00:00Z'),
          trx,
        );
        count++;
      }
    }
  });

  const resolved = await services.eventTypes.resolve('host/meet');
  const from = Date.parse('2026-03-02T00:00:00Z');
  const ranges = [
    { label: '1 month', months: 1, end: '2026-03-31' },
    { label: '3 months', months: 3, end: '2026-05-31' },
    { label: '6 months', months: 6, end: '2026-08-31' },
  ];

  console.log(`bench:slots — one host, ${count} bookings over a year, ${process.env.DATABASE_URL?.startsWith('mysql') ? 'MySQL' : 'SQLite'}`);
  console.log('range      slots   core ms   server ms     db ms  queries   client ms');
  const rows = [];
  for (const range of ranges) {
    const interval = { start: from, end: Date.parse(`${range.end}T00:00:00Z`) + DAY };
    const input = await services.availability.input(resolved, interval, Date.parse('2026-01-01T00:00:00Z'));
    const slots = computeSlots(input).length;
    const core = await medianMs(() => computeSlots(input), 50);
    const url = `${bench.url}/v1/slots?event=host/meet&start=2026-03-02&end=${range.end}&timeZone=UTC`;
    let timing = { dbMs: 0, queries: 0, totalMs: 0 };
    const server: number[] = [];
    const client = await medianMs(async () => {
      const res = await fetch(url);
      await res.arrayBuffer();
      timing = parseServerTiming(res.headers.get('server-timing'));
      server.push(timing.totalMs);
    });
    server.sort((a, b) => a - b);
    const serverMedian = server[Math.floor(server.length / 2)]!;
    rows.push({ ...range, core, server: serverMedian });
    console.log(`${range.label.padEnd(9)} ${String(slots).padStart(6)} ${fmt(core)}  ${fmt(serverMedian)}  ${fmt(timing.dbMs)} ${String(timing.queries).padStart(8)}  ${fmt(client)}`);
  }
  const [one, three, six] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
  console.log(`growth (linear would be 3.0 and 6.0): core ${(three.core / one.core).toFixed(2)} / ${(six.core / one.core).toFixed(2)}, server ${(three.server / one.server).toFixed(2)} / ${(six.server / one.server).toFixed(2)}`);
  console.log(`target: one month under 5 ms of server time — ${one.server < 5 ? 'met' : 'NOT met'} (${one.server.toFixed(2)} ms)`);
  await bench.close();
}

await main();
await benchTeams();
await benchCalendars();
