// The calendar case of `npm run bench:slots`: one host with a month of bookings, then the same
// host with two connected calendars (ICS feeds from a local server) that answer in 0, 200 and
// 1,000 ms. Cold reads (cache expired) run the two in parallel within the budget, so the slots
// time follows the slowest calendar (or the budget), not their sum; a warm cache should keep
// slots within 1.5× of the host without calendars.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEventTypeInput } from '@openslot/sdk/schemas';
import { newUid } from '../bookings/bookings.service.js';
import { ADMIN, benchApp, fmt, medianMs, parseServerTiming } from './support.js';

const DAY = 86_400_000;
const NOW = '2026-02-01T00:00:00Z';
const MONTH = { start: '2026-03-02', end: '2026-03-31' };

/** A feed of `events` half-hour events on weekdays of March, answered after `delayMs`. */
function feedServer(): Promise<{ url: string; delayMs: number; setDelay(ms: number): void; close(): Promise<void> }> {
  let delayMs = 0;
  const body = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//bench//EN'];
  for (let day = 0; day < 31; day++) {
    const date = new Date(Date.parse('2026-03-01T00:00:00Z') + day * DAY).toISOString().slice(0, 10).replaceAll('-', '');
    for (const hour of ['09', '12', '16']) body.push('BEGIN:VEVENT', `UID:${date}-${hour}@bench`, 'DTSTAMP:20260101T000000Z', `DTSTART:${date}T${hour}0000Z`, `DTEND:${date}T${hour}3000Z`, 'END:VEVENT');
  }
  body.push('END:VCALENDAR', '');
  const text = body.join('\r\n');
  const server: Server = createServer((_req, res) => {
    setTimeout(() => res.writeHead(200, { 'content-type': 'text/calendar' }).end(text), delayMs);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        get delayMs() {
          return delayMs;
        },
        setDelay: (ms) => void (delayMs = ms),
        close: () => new Promise((done) => server.close(() => done())),
      }),
    ),
  );
}

export async function benchCalendars(): Promise<void> {
  const bench = await benchApp('calendars', NOW, { WEBHOOK_ALLOW_PRIVATE_URLS: 'true', CALENDAR_SLOTS_BUDGET_MS: '2500' });
  const { services } = bench;
  const feeds = [await feedServer(), await feedServer()];
  for (const username of ['plain', 'synced']) {
    await services.users.create({ username, name: username, email: `${username}@example.com`, timeZone: 'Europe/Berlin', allowDynamicGroup: false });
    const eventType = await services.eventTypes.create(ADMIN, createEventTypeInput.parse({ owner: username, slug: 'meet', title: 'Meet', durationMinutes: 30, bookingWindow: { type: 'unlimited' } }));
    const host = (await services.usersRepo.findByUsername(username))!;
    await services.db.transaction(async (trx) => {
      for (let day = 0; day < 30; day++) {
        const start = Date.parse('2026-03-02T10:00:00Z') + day * DAY;
        await services.bookingsRepo.insert(
          {
            uid: newUid(), eventTypeId: eventType.id, status: 'accepted', title: 'Seeded', start, end: start + 30 * 60_000, beforeBufferMinutes: 0, afterBufferMinutes: 0, timeZone: 'UTC',
            attendee: { name: 'A', email: 'a@example.com', timeZone: 'UTC', locale: null }, guests: [], responses: {}, metadata: {}, location: { type: 'jitsi', url: null, address: null },
            manageKey: 'seed', recurringSeriesUid: null, rescheduledFromUid: null, hostIds: [host.id],
          },
          Date.parse(NOW),
          trx,
        );
      }
    });
  }
  for (const [k, feed] of feeds.entries()) {
    const created = await services.calendars.service.create(ADMIN, 'synced', { type: 'ics', url: `${feed.url}/feed-${k}.ics`, onError: 'block' });
    if (created.calendars.length !== 1) throw new Error('feed not connected');
  }

  const time = async (username: string, runs: number, expire: boolean) => {
    const server: number[] = [];
    let degraded = 0;
    const client = await medianMs(
      async () => {
        if (expire) bench.clock.advance(61_000);
        const res = await fetch(`${bench.url}/v1/slots?event=${username}/meet&start=${MONTH.start}&end=${MONTH.end}&timeZone=UTC`);
        const body = (await res.json()) as { degraded?: unknown[] };
        if (body.degraded) degraded++;
        server.push(parseServerTiming(res.headers.get('server-timing')).totalMs);
      },
      runs,
      expire ? 1 : 5,
    );
    server.sort((a, b) => a - b);
    return { client, server: server[Math.floor(server.length / 2)]!, degraded };
  };

  console.log(`\nbench:slots — calendars: one month for a host with two connected calendars, ${process.env.DATABASE_URL?.startsWith('mysql') ? 'MySQL' : 'SQLite'}`);
  console.log('case                                  server ms   client ms   degraded');
  // The two warm cases alternate request by request, so a machine that slows down mid-run slows both.
  await time('synced', 1, false);
  const rounds = { plain: [] as Array<{ client: number; server: number; degraded: number }>, synced: [] as Array<{ client: number; server: number; degraded: number }> };
  for (let k = 0; k < 15; k++) for (const username of ['plain', 'synced'] as const) rounds[username].push(await time(username, 3, false));
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const summary = (runs: typeof rounds.plain) => ({ server: median(runs.map((r) => r.server)), client: median(runs.map((r) => r.client)), degraded: runs.reduce((n, r) => n + r.degraded, 0) });
  const plain = summary(rounds.plain);
  const warm = summary(rounds.synced);
  console.log(`no calendars                           ${fmt(plain.server)}    ${fmt(plain.client)}   ${plain.degraded}`);
  console.log(`two calendars, warm cache              ${fmt(warm.server)}    ${fmt(warm.client)}   ${warm.degraded}`);
  for (const delay of [0, 200, 1_000]) {
    for (const feed of feeds) feed.setDelay(delay);
    const cold = await time('synced', 5, true);
    console.log(`two calendars answering in ${String(delay).padStart(4)} ms    ${fmt(cold.server)}    ${fmt(cold.client)}   ${cold.degraded}   (sum of the two: ${2 * delay} ms)`);
  }
  for (const feed of feeds) feed.setDelay(4_000);
  const hung = await time('synced', 3, true);
  console.log(`two calendars answering in 4000 ms    ${fmt(hung.server)}    ${fmt(hung.client)}   ${hung.degraded}   (budget 2500 ms: last good copy, degraded)`);
  console.log(`warm cache vs no calendars: ${(warm.server / plain.server).toFixed(2)}× server time (target at most 1.5×) — ${warm.server / plain.server <= 1.5 ? 'met' : 'NOT met'}`);
  for (const feed of feeds) await feed.close();
  await bench.close();
}
