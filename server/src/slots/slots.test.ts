import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

const slotsUrl = (params: Record<string, string>) => `/v1/slots?${new URLSearchParams(params)}`;

describe('GET /v1/slots', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-01T00:00:00Z' });
    await app.api('POST', '/v1/users', { username: 'kenji', name: 'Kenji', email: 'kenji@example.com', timeZone: 'Asia/Tokyo' });
    await app.api('POST', '/v1/event-types', { owner: 'kenji', slug: 'hour', title: 'Hour', durationMinutes: 60, bookingWindow: { type: 'unlimited' } });
    await app.api('POST', '/v1/users', { username: 'greta', name: 'Greta', email: 'greta@example.com', timeZone: 'Europe/Berlin' });
    await app.api('POST', '/v1/event-types', { owner: 'greta', slug: 'talk', title: 'Talk', durationMinutes: 30, bookingWindow: { type: 'unlimited' } });
  });
  afterAll(() => app.close());

  it("keys days by the viewer's dates: Tokyo mornings are the previous evening in Los Angeles", async () => {
    const res = await app.api('GET', slotsUrl({ event: 'kenji/hour', start: '2026-12-07', end: '2026-12-07', timeZone: 'America/Los_Angeles' }), undefined, { token: null });
    expect(res.status).toBe(200);
    expect(res.body.timeZone).toBe('America/Los_Angeles');
    // Monday 2026-12-07 in LA runs 08:00Z Mon → 08:00Z Tue; Tokyo's Tuesday 09:00–17:00 is 00:00Z–08:00Z Tue.
    expect(Object.keys(res.body.slots)).toEqual(['2026-12-07']);
    const starts = res.body.slots['2026-12-07'].map((slot: { start: string }) => slot.start);
    expect(starts[0]).toBe('2026-12-08T00:00:00.000Z');
    expect(starts.at(-1)).toBe('2026-12-08T07:00:00.000Z');
    expect(starts).toHaveLength(8);
  });

  it('takes ISO instants as the range too (end exclusive)', async () => {
    const res = await app.api('GET', slotsUrl({ event: 'kenji/hour', start: '2026-12-08T02:00:00Z', end: '2026-12-08T05:00:00Z', timeZone: 'UTC' }), undefined, { token: null });
    expect(res.body.slots).toEqual({
      '2026-12-08': ['02', '03', '04'].map((h) => ({ start: `2026-12-08T${h}:00:00.000Z`, end: `2026-12-08T${String(Number(h) + 1).padStart(2, '0')}:00:00.000Z` })),
    });
  });

  it('keeps Berlin 09:00 at 09:00 across the spring change (07:00Z after, 08:00Z before)', async () => {
    const res = await app.api('GET', slotsUrl({ event: 'greta/talk', start: '2027-03-26', end: '2027-03-29', timeZone: 'Europe/Berlin' }), undefined, { token: null });
    expect(res.body.slots['2027-03-26'][0].start).toBe('2027-03-26T08:00:00.000Z'); // Friday, CET
    expect(res.body.slots['2027-03-27']).toBeUndefined(); // weekend
    expect(res.body.slots['2027-03-29'][0].start).toBe('2027-03-29T07:00:00.000Z'); // Monday, CEST
    expect(res.body.slots['2027-03-29']).toHaveLength(16);
  });

  it('says how many queries it made, their time and the total server time, in Server-Timing', async () => {
    const res = await app.api('GET', slotsUrl({ event: 'greta/talk', start: '2026-12-01', end: '2026-12-31', timeZone: 'UTC' }), undefined, { token: null });
    expect(res.headers.get('server-timing')).toMatch(/^db;dur=\d+(\.\d+)?;desc="\d+ queries", total;dur=\d+(\.\d+)?$/);
  });

  it('makes the same number of queries for a week or six months, with no bookings or hundreds', async () => {
    const queries = async (end: string) => {
      const res = await app.api('GET', slotsUrl({ event: 'greta/talk', start: '2026-12-01', end, timeZone: 'UTC' }), undefined, { token: null });
      return Number(/desc="(\d+) queries"/.exec(res.headers.get('server-timing')!)![1]);
    };
    const before = [await queries('2026-12-07'), await queries('2027-05-31')];
    for (let day = 1; day <= 28; day++) {
      for (const hour of ['09', '11', '14']) {
        const start = `2027-01-${String(day).padStart(2, '0')}T${hour}:00:00+01:00`;
        const res = await app.api('POST', '/v1/bookings', { event: 'greta/talk', start, timeZone: 'Europe/Berlin', attendee: { name: 'B', email: 'b@example.com' } }, { token: null });
        // Weekends are not offered; weekdays are.
        expect([201, 409]).toContain(res.status);
      }
    }
    const after = [await queries('2026-12-07'), await queries('2027-05-31')];
    expect(new Set([...before, ...after]).size).toBe(1);
  });

  it('refuses a range past the maximum, a reversed range, an unknown zone and an unknown event', async () => {
    const tooLong = await app.api('GET', slotsUrl({ event: 'greta/talk', start: '2026-12-01', end: '2027-12-01', timeZone: 'UTC' }), undefined, { token: null });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toMatch(/at most 186 days/);
    const reversed = await app.api('GET', slotsUrl({ event: 'greta/talk', start: '2026-12-10', end: '2026-12-01', timeZone: 'UTC' }), undefined, { token: null });
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.details.fields[0].field).toBe('end');
    const zone = await app.api('GET', slotsUrl({ event: 'greta/talk', start: '2026-12-01', end: '2026-12-02', timeZone: 'Moon/Base' }), undefined, { token: null });
    expect(zone.status).toBe(400);
    expect(zone.body.error.details.fields[0].field).toBe('timeZone');
    const unknown = await app.api('GET', slotsUrl({ event: 'greta/nothing', start: '2026-12-01', end: '2026-12-02' }), undefined, { token: null });
    expect(unknown.status).toBe(404);
    const missing = await app.api('GET', '/v1/slots', undefined, { token: null });
    expect(missing.status).toBe(400);
  });
});
