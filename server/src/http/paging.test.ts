import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { book, createHost } from '../test-support/bookings.js';
import { startTestApp, type ApiResponse, type TestApp } from '../test-support/test-app.js';
import { startReceiver, type TestReceiver } from '../test-support/webhook-receiver.js';

// Every list takes `limit` and `cursor` and answers `nextCursor`: walking the pages gives every
// item once, in the list's order, whatever the page size.
describe('cursor paging of every list', () => {
  let app: TestApp;
  let receiver: TestReceiver;
  let webhookId = '';
  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-01T08:00:00Z' });
    receiver = await startReceiver();
    for (const name of ['hana', 'ines', 'jo', 'kai', 'lea']) await createHost(app, name, { bookingWindow: { type: 'unlimited' } });
    for (const slug of ['t1', 't2', 't3', 't4', 't5']) await app.api('POST', '/v1/teams', { slug, name: slug, members: [{ username: 'hana' }] });
    webhookId = (await app.api('POST', '/v1/webhooks', { owner: 'hana', url: receiver.url, events: ['BOOKING_CREATED'] })).body.webhook.id;
    for (const extra of ['w2', 'w3', 'w4', 'w5']) await app.api('POST', '/v1/webhooks', { owner: 'hana', url: `${receiver.url}/${extra}`, events: ['BOOKING_CANCELLED'] });
    // Bookings on purpose out of order, two at the same start (for other hosts), to pin the tie-break.
    for (const [host, start] of [['hana', '2026-12-04T10:00:00Z'], ['hana', '2026-12-02T10:00:00Z'], ['ines', '2026-12-03T10:00:00Z'], ['jo', '2026-12-03T10:00:00Z'], ['hana', '2026-12-07T09:00:00Z'], ['hana', '2026-12-08T09:00:00Z'], ['hana', '2026-12-09T09:00:00Z']] as const) {
      await book(app, `${host}/meet`, start);
    }
    await app.services.webhookDispatcher.runOnce();
  });
  afterAll(async () => {
    await receiver.close();
    await app.close();
  });

  const lists: Array<[path: string, key: string, id: (item: any) => string]> = [
    ['/v1/users', 'users', (u) => u.username],
    ['/v1/teams', 'teams', (t) => t.slug],
    ['/v1/schedules', 'schedules', (s) => String(s.id)],
    ['/v1/event-types', 'eventTypes', (e) => String(e.id)],
    ['/v1/webhooks', 'webhooks', (w) => w.id],
    ['/v1/bookings', 'bookings', (b) => b.uid],
    ['/v1/webhooks/{hook}/deliveries', 'deliveries', (d) => d.id],
  ];

  it.each(lists)('%s: pages of 2 give every item once, in the order of one big page', async (template, key, id) => {
    const path = template.replace('{hook}', webhookId);
    const whole = await app.api('GET', `${path}?limit=500`);
    expect(whole.status, JSON.stringify(whole.body)).toBe(200);
    expect(whole.body.nextCursor).toBeNull();
    const all = whole.body[key].map(id);
    expect(all.length).toBeGreaterThanOrEqual(5);

    const walked: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: ApiResponse = await app.api('GET', `${path}?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body[key].length).toBeLessThanOrEqual(2);
      walked.push(...res.body[key].map(id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(walked).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 2));
  });

  it('refuses a cursor the list did not make, and limits outside 1–500', async () => {
    for (const query of ['cursor=bm9wZQ', 'cursor=%5B%5D', 'limit=0', 'limit=501', 'limit=ten']) {
      const res = await app.api('GET', `/v1/bookings?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    const teams = await app.api('GET', '/v1/teams?limit=2');
    const other = await app.api('GET', `/v1/bookings?cursor=${encodeURIComponent(teams.body.nextCursor)}`);
    expect(other.status).toBe(400);
  });

  it('bookings: from/to are dates in timeZone (inclusive), status upcoming or past', async () => {
    const uids = async (query: string) => ((await app.api('GET', `/v1/bookings?${query}`)).body.bookings as Array<{ start: string }>).map((b) => b.start);
    // 3 December in Tokyo runs from 2 Dec 15:00Z to 3 Dec 15:00Z.
    expect(await uids('from=2026-12-03&to=2026-12-03&timeZone=Asia/Tokyo')).toEqual(['2026-12-03T10:00:00.000Z', '2026-12-03T10:00:00.000Z']);
    expect(await uids('from=2026-12-03&to=2026-12-04&timeZone=UTC')).toEqual(['2026-12-03T10:00:00.000Z', '2026-12-03T10:00:00.000Z', '2026-12-04T10:00:00.000Z']);
    expect(await uids('from=2026-12-04T00:00:00Z&to=2026-12-07T23:59:59Z')).toEqual(['2026-12-04T10:00:00.000Z', '2026-12-07T09:00:00.000Z']);

    app.clock.set('2026-12-03T12:00:00Z');
    const last = (await app.api('GET', '/v1/bookings?from=2026-12-09')).body.bookings[0];
    expect((await app.api('POST', `/v1/bookings/${last.uid}/cancel`, {})).status).toBe(200);
    expect(await uids('status=upcoming')).toEqual(['2026-12-04T10:00:00.000Z', '2026-12-07T09:00:00.000Z', '2026-12-08T09:00:00.000Z']);
    expect(await uids('status=past')).toEqual(['2026-12-03T10:00:00.000Z', '2026-12-03T10:00:00.000Z', '2026-12-02T10:00:00.000Z']);
    expect(await uids('status=upcoming&limit=1')).toEqual(['2026-12-04T10:00:00.000Z']);
    expect((await app.api('GET', '/v1/bookings?from=2026-12-32')).status).toBe(400);
  });

  it('bookings: q searches the title and the attendee’s name and email, wildcards taken literally', async () => {
    await book(app, 'kai/meet', '2026-12-10T09:00:00Z', { attendee: { name: 'Zoë Quartz', email: 'zoe@quartz.example' } });
    await book(app, 'kai/meet', '2026-12-11T09:00:00Z', { attendee: { name: 'Max 100%', email: 'max@example.com' } });
    const names = async (q: string) => ((await app.api('GET', `/v1/bookings?q=${encodeURIComponent(q)}`)).body.bookings as Array<{ attendee: { name: string } }>).map((b) => b.attendee.name);
    expect(await names('QUARTZ')).toEqual(['Zoë Quartz']);
    expect(await names('Zoë')).toEqual(['Zoë Quartz']);
    expect(await names('100%')).toEqual(['Max 100%']);
    expect(await names('_')).toEqual([]);
    expect(await names('kai')).toEqual(['Zoë Quartz', 'Max 100%']); // the title names the host
    const page = await app.api('GET', '/v1/bookings?q=kai&limit=1');
    expect(page.body.bookings).toHaveLength(1);
    const next = await app.api('GET', `/v1/bookings?q=kai&limit=1&cursor=${encodeURIComponent(page.body.nextCursor)}`);
    expect(next.body.bookings[0].attendee.name).toBe('Max 100%');
    expect((await app.api('GET', `/v1/bookings?q=${'x'.repeat(201)}`)).status).toBe(400);
  });
});
