import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingBody, expectNoOverlap, holdingBookings } from '../test-support/bookings.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

const HOUR = 3_600_000;
const hostsOf = (booking: { hosts: Array<{ username: string }> }) => booking.hosts.map((host) => host.username);

describe('team, dynamic-group and recurring bookings', () => {
  let app: TestApp;
  const post = (event: string, start: string, overrides: Record<string, unknown> = {}) => app.api('POST', '/v1/bookings', bookingBody(event, start, overrides), { token: null });
  /** Books `event` at consecutive hours from `first`, one minute apart on the clock (so "least recently booked" means something). */
  const bookHours = async (event: string, first: string, n: number) => {
    const picks: string[][] = [];
    for (let k = 0; k < n; k++) {
      app.clock.advance(60_000);
      const res = await post(event, new Date(Date.parse(first) + k * HOUR).toISOString());
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      picks.push(hostsOf(res.body.booking));
    }
    return picks;
  };
  const tally = (picks: string[][]) => Object.fromEntries([...new Set(picks.flat())].sort().map((u) => [u, picks.flat().filter((p) => p === u).length]));
  const team = async (slug: string, members: string[], eventTypes: Array<Record<string, unknown>>) => {
    expect((await app.api('POST', '/v1/teams', { slug, name: slug, members: members.map((username) => ({ username })) })).status).toBe(201);
    for (const eventType of eventTypes) {
      const res = await app.api('POST', '/v1/event-types', { owner: slug, title: 'Team', durationMinutes: 60, bookingWindow: { type: 'unlimited' }, ...eventType });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
  };

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-01T00:00:00Z' });
    for (const [username, timeZone] of [['al', 'UTC'], ['bo', 'UTC'], ['cy', 'UTC'], ['di', 'UTC'], ['ed', 'America/New_York'], ['fi', 'Europe/Berlin']] as const) {
      expect((await app.api('POST', '/v1/users', { username, name: username.toUpperCase(), email: `${username}@example.com`, timeZone, allowDynamicGroup: true })).status).toBe(201);
      await app.api('POST', '/v1/event-types', { owner: username, slug: 'own', title: 'Own', durationMinutes: 60, bookingWindow: { type: 'unlimited' } });
    }
  });
  afterAll(() => app.close());

  describe('round robin', () => {
    it('rotates fairly among equal hosts, one host a booking', async () => {
      await team('rot', ['al', 'bo', 'cy'], [{ slug: 'rr', schedulingType: 'round_robin', hosts: [{ username: 'al' }, { username: 'bo' }, { username: 'cy' }] }]);
      const picks = await bookHours('rot/rr', '2026-12-07T09:00:00Z', 6);
      expect(picks.every((hosts) => hosts.length === 1)).toBe(true);
      expect(picks.flat()).toEqual(['al', 'bo', 'cy', 'al', 'bo', 'cy']);
    });

    it('gives weights 2:1:1 four, two and two of eight bookings', async () => {
      await team('wei', ['al', 'bo', 'cy'], [{ slug: 'rr', schedulingType: 'round_robin', hosts: [{ username: 'al', weight: 2 }, { username: 'bo' }, { username: 'cy' }] }]);
      expect(tally(await bookHours('wei/rr', '2026-12-08T09:00:00Z', 8))).toEqual({ al: 4, bo: 2, cy: 2 });
    });

    it('skips a host who is busy then, and includes every fixed host in every booking', async () => {
      await team('fix', ['al', 'bo', 'cy', 'di'], [{ slug: 'rr', schedulingType: 'round_robin', hosts: [{ username: 'di', fixed: true }, { username: 'al' }, { username: 'bo' }, { username: 'cy' }] }]);
      expect((await post('al/own', '2026-12-09T09:00:00Z')).status).toBe(201); // al is out at 09:00
      const picks = await bookHours('fix/rr', '2026-12-09T09:00:00Z', 4);
      expect(picks.every((hosts) => hosts.includes('di') && hosts.length === 2)).toBe(true);
      // al is skipped at 09:00 and first in line at 10:00; then the rotation goes on (bo, booked longest ago, before al).
      expect(picks.map((hosts) => hosts.find((host) => host !== 'di'))).toEqual(['bo', 'al', 'cy', 'bo']);
      await expectNoOverlap(app.services.db, 'al');
    });
  });

  describe('collective and dynamic groups', () => {
    it('a collective booking holds every host, across time zones', async () => {
      await team('col', ['ed', 'fi'], [{ slug: 'all', schedulingType: 'collective', hosts: [{ username: 'ed' }, { username: 'fi' }] }]);
      // New York 09–17 (14–22Z) ∩ Berlin 09–17 (08–16Z): 14:00Z fits a one-hour meeting.
      const booked = await post('col/all', '2026-12-10T14:00:00Z');
      expect(booked.status).toBe(201);
      expect(hostsOf(booked.body.booking)).toEqual(['ed', 'fi']);
      for (const own of ['ed/own', 'fi/own']) expect((await post(own, '2026-12-10T14:00:00Z')).status).toBe(409);
      expect((await post('col/all', '2026-12-10T10:00:00Z')).status).toBe(409); // 10:00Z is before New York's day
    });

    it('a dynamic group books every listed person', async () => {
      const booked = await post('fi+ed/own', '2026-12-11T15:00:00Z');
      expect(booked.status).toBe(201);
      expect(hostsOf(booked.body.booking)).toEqual(['ed', 'fi']);
      expect((await post('ed/own', '2026-12-11T15:00:00Z')).status).toBe(409);
    });
  });

  describe('recurring series', () => {
    let series: { booking: any; bookings: any[]; manageToken: string };
    beforeAll(async () => {
      const res = await app.api('POST', '/v1/event-types', { owner: 'fi', slug: 'weekly', title: 'Weekly', durationMinutes: 60, bookingWindow: { type: 'unlimited' }, recurring: { freq: 'weekly', interval: 1, maxCount: 6 } });
      expect(res.status).toBe(201);
    });

    it('books every occurrence at the same Berlin time across the spring change, under one manage token', async () => {
      // Wednesdays 10:00 Berlin from 17 March 2027: CET (09:00Z) until the 28th, CEST (08:00Z) after.
      const res = await post('fi/weekly', '2027-03-17T09:00:00Z', { recurrence: { count: 4 } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      series = res.body;
      expect(series.bookings.map((b) => b.start)).toEqual(['2027-03-17T09:00:00.000Z', '2027-03-24T09:00:00.000Z', '2027-03-31T08:00:00.000Z', '2027-04-07T08:00:00.000Z']);
      expect(series.booking).toEqual(series.bookings[0]);
      expect(new Set(series.bookings.map((b) => b.recurringSeriesUid)).size).toBe(1);
      expect(series.booking.recurringSeriesUid).toEqual(expect.any(String));
      const third = await app.api('GET', `/v1/bookings/${series.bookings[2].uid}`, undefined, { token: series.manageToken });
      expect(third.status).toBe(200);
    });

    it('announces the series once: one event listing every booking', async () => {
      const rows = await app.services.db('outbox_events').whereIn('booking_uid', series.bookings.map((b) => b.uid));
      expect(rows.map((row) => row.type).sort()).toEqual(['BOOKING_CONFIRMED', 'BOOKING_CREATED']);
      const created = JSON.parse(rows.find((row) => row.type === 'BOOKING_CREATED')!.payload);
      expect(created.data.booking.uid).toBe(series.bookings[0].uid);
      expect(created.data.bookings.map((b: { uid: string }) => b.uid)).toEqual(series.bookings.map((b) => b.uid));
    });

    it('creates nothing when any occurrence clashes, and names every clashing one', async () => {
      // fi is busy at the 2nd and 4th Wednesday 10:00 of a new series.
      for (const start of ['2027-05-12T08:00:00Z', '2027-05-26T08:00:00Z']) expect((await post('fi/own', start)).status).toBe(201);
      const before = await holdingBookings(app.services.db, 'fi');
      const res = await post('fi/weekly', '2027-05-05T08:00:00Z', { recurrence: { count: 5 } });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('slot_unavailable');
      expect(res.body.error.details.occurrences).toEqual([
        { index: 1, start: '2027-05-12T08:00:00.000Z' },
        { index: 3, start: '2027-05-26T08:00:00.000Z' },
      ]);
      expect(await holdingBookings(app.services.db, 'fi')).toEqual(before);
    });

    it('answers a retried series request (same Idempotency-Key) with the same series', async () => {
      const body = bookingBody('fi/weekly', '2027-06-09T08:00:00Z', { recurrence: { count: 2 } });
      const headers = { 'idempotency-key': 'series-retry-1' };
      const [first, again] = [await app.api('POST', '/v1/bookings', body, { token: null, headers }), await app.api('POST', '/v1/bookings', body, { token: null, headers })];
      expect([first.status, again.status]).toEqual([201, 201]);
      expect(again.body.bookings.map((b: { uid: string }) => b.uid)).toEqual(first.body.bookings.map((b: { uid: string }) => b.uid));
      expect(again.body.manageToken).toBe(first.body.manageToken);
    });

    it('refuses more occurrences than the event type allows, or a series of a one-off event type', async () => {
      const tooMany = await post('fi/weekly', '2027-06-02T08:00:00Z', { recurrence: { count: 7 } });
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.error.details.fields[0].field).toBe('recurrence.count');
      expect((await post('fi/own', '2027-06-02T08:00:00Z', { recurrence: { count: 2 } })).status).toBe(400);
    });

    it('round robin: gives the whole series to one host free at every occurrence', async () => {
      await team('ser', ['al', 'bo'], [{ slug: 'rr', schedulingType: 'round_robin', hosts: [{ username: 'al' }, { username: 'bo' }], recurring: { freq: 'weekly', interval: 1, maxCount: 4 } }]);
      // al would be next in the rotation (alphabetical at equal counts), but is busy at the 3rd occurrence.
      expect((await post('al/own', '2027-01-18T10:00:00Z')).status).toBe(201);
      const res = await post('ser/rr', '2027-01-04T10:00:00Z', { recurrence: { count: 3 } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.bookings.map(hostsOf)).toEqual([['bo'], ['bo'], ['bo']]);
    });

    it('cancels one occurrence and all later ones in one event; reschedules one occurrence within the series', async () => {
      const moved = await app.api('POST', `/v1/bookings/${series.bookings[0].uid}/reschedule`, { start: '2027-03-18T09:00:00Z' }, { token: series.manageToken });
      expect(moved.status, JSON.stringify(moved.body)).toBe(201);
      expect(moved.body.booking).toMatchObject({ recurringSeriesUid: series.booking.recurringSeriesUid, rescheduledFromUid: series.bookings[0].uid });

      const cancelled = await app.api('POST', `/v1/bookings/${series.bookings[2].uid}/cancel`, { allRemaining: true }, { token: series.manageToken });
      expect(cancelled.status).toBe(200);
      const statuses = await Promise.all(series.bookings.map(async (b) => (await app.api('GET', `/v1/bookings/${b.uid}`, undefined, { token: series.manageToken })).body.booking.status));
      expect(statuses).toEqual(['cancelled', 'accepted', 'cancelled', 'cancelled']); // the first was moved
      const events = await app.services.db('outbox_events').where({ type: 'BOOKING_CANCELLED' }).whereIn('booking_uid', series.bookings.map((b) => b.uid));
      expect(events).toHaveLength(1);
      expect(JSON.parse(events[0].payload).data.bookings.map((b: { uid: string }) => b.uid)).toEqual([series.bookings[2].uid, series.bookings[3].uid]);
    });
  });
});
