import { QueryObserver } from '@tanstack/query-core';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createClient } from './client.js';
import { createQueryClient, eventTypeQuery, invalidateSlots, prefetchNextMonth, slotsQuery } from './queries.js';
import { BASE_URL, server, useTestServer } from './test-server.js';

useTestServer();

const client = createClient({ baseUrl: BASE_URL });
const december = { event: 'alice/intro', month: '2026-12', timeZone: 'Europe/Berlin' };

/** Counts slot requests per `start..end` range and answers with one slot on the range's first day. */
function countSlotRequests(): Map<string, number> {
  const counts = new Map<string, number>();
  server.use(
    http.get(`${BASE_URL}/v1/slots`, ({ request }) => {
      const query = new URL(request.url).searchParams;
      const range = `${query.get('start')}..${query.get('end')}`;
      counts.set(range, (counts.get(range) ?? 0) + 1);
      return HttpResponse.json({
        eventType: query.get('event'),
        timeZone: query.get('timeZone'),
        slots: { [query.get('start')!]: [{ start: `${query.get('start')}T08:00:00Z`, end: `${query.get('start')}T08:30:00Z` }] },
      });
    }),
  );
  return counts;
}

describe('slotsQuery', () => {
  it('asks for exactly one month in the viewer zone', async () => {
    const counts = countSlotRequests();
    const queryClient = createQueryClient();

    const data = await queryClient.fetchQuery(slotsQuery(client, { ...december, month: '2027-02' }));

    expect([...counts.keys()]).toEqual(['2027-02-01..2027-02-28']);
    expect(data.timeZone).toBe('Europe/Berlin');
    expect(Object.keys(data.slots)).toEqual(['2027-02-01']);
  });

  it('dedupes concurrent requests and serves the month from cache', async () => {
    const counts = countSlotRequests();
    const queryClient = createQueryClient();

    await Promise.all([
      queryClient.fetchQuery(slotsQuery(client, december)),
      queryClient.fetchQuery(slotsQuery(client, december)),
    ]);
    await queryClient.fetchQuery(slotsQuery(client, december));

    expect(counts.get('2026-12-01..2026-12-31')).toBe(1);
  });

  it('keeps months and time zones apart', async () => {
    const counts = countSlotRequests();
    const queryClient = createQueryClient();

    const berlin = await queryClient.fetchQuery(slotsQuery(client, december));
    const tokyo = await queryClient.fetchQuery(slotsQuery(client, { ...december, timeZone: 'Asia/Tokyo' }));

    expect(berlin.timeZone).toBe('Europe/Berlin');
    expect(tokyo.timeZone).toBe('Asia/Tokyo');
    expect(counts.get('2026-12-01..2026-12-31')).toBe(2);
  });

  it('prefetches the next month, across a year end', async () => {
    const counts = countSlotRequests();
    const queryClient = createQueryClient();

    await prefetchNextMonth(queryClient, client, december);
    const january = queryClient.getQueryData(slotsQuery(client, { ...december, month: '2027-01' }).queryKey);

    expect(counts.get('2027-01-01..2027-01-31')).toBe(1);
    expect(january).toMatchObject({ slots: { '2027-01-01': [{ start: '2027-01-01T08:00:00Z' }] } });
  });

  it('refetches every watched month of the event after a booking, and only that event', async () => {
    const counts = countSlotRequests();
    const queryClient = createQueryClient();
    const observer = new QueryObserver(queryClient, slotsQuery(client, december));
    const unsubscribe = observer.subscribe(() => {});
    await queryClient.fetchQuery(slotsQuery(client, december));
    await queryClient.fetchQuery(slotsQuery(client, { ...december, event: 'bob/intro' }));

    await invalidateSlots(queryClient, client, 'alice/intro');

    expect(counts.get('2026-12-01..2026-12-31')).toBe(3); // alice fetched twice, bob once
    expect(queryClient.getQueryState(slotsQuery(client, december).queryKey)?.isInvalidated).toBe(false);
    expect(queryClient.getQueryState(slotsQuery(client, { ...december, event: 'bob/intro' }).queryKey)?.isInvalidated).toBe(false);
    unsubscribe();
  });

  it('asks past the HTTP cache after a booking, and lets it answer otherwise', async () => {
    countSlotRequests();
    const modes: Array<RequestCache | undefined> = [];
    const recording = createClient({ baseUrl: BASE_URL, fetch: (input, init) => (modes.push(init?.cache), fetch(input, init)) });
    const queryClient = createQueryClient();
    const observer = new QueryObserver(queryClient, slotsQuery(recording, december));
    const unsubscribe = observer.subscribe(() => {});
    await queryClient.fetchQuery(slotsQuery(recording, december));
    await invalidateSlots(queryClient, recording, 'alice/intro');
    // The server keeps slots 5 s in HTTP caches; the refetch after the booking revalidates with it.
    expect(modes).toEqual([undefined, 'no-cache']);
    unsubscribe();
  });
});

describe('eventTypeQuery', () => {
  it('loads the public event type once per client', async () => {
    let calls = 0;
    server.use(http.get(`${BASE_URL}/v1/event-types/alice/intro`, () => (calls++, HttpResponse.json({ eventType: { event: 'alice/intro', title: 'Intro' } }))));
    const queryClient = createQueryClient();

    await queryClient.fetchQuery(eventTypeQuery(client, 'alice/intro'));
    const again = await queryClient.fetchQuery(eventTypeQuery(client, 'alice/intro'));

    expect(again).toMatchObject({ title: 'Intro' });
    expect(calls).toBe(1);
  });
});
