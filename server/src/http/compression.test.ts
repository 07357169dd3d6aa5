import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

/** A raw GET (fetch would decode the body): the bytes on the wire and the headers. */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, bytes: Buffer.concat(chunks) }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

describe('compression and caching', () => {
  let app: TestApp;
  const sixMonths = () => `${app.url}/v1/slots?event=ava/five&start=2027-01-01&end=2027-07-05&timeZone=UTC`;

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-01T00:00:00Z' });
    await app.api('POST', '/v1/users', { username: 'ava', name: 'Ava', email: 'ava@example.com', timeZone: 'UTC' });
    const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
    const schedule = await app.api('POST', '/v1/schedules', { owner: 'ava', name: 'Always', timeZone: 'UTC', weeklyHours: days.map((day) => ({ day, start: '00:00', end: '24:00' })) });
    const created = await app.api('POST', '/v1/event-types', {
      owner: 'ava', slug: 'five', title: 'Five', durationMinutes: 5, slotIntervalMinutes: 5, bookingWindow: { type: 'unlimited' }, scheduleId: schedule.body.schedule.id,
    });
    expect(created.status).toBe(201);
  });
  afterAll(() => app.close());

  it('sends six months of a 5-minute grid at least 10× smaller, with brotli or gzip', async () => {
    const plain = await rawGet(sixMonths());
    expect(plain.headers['content-encoding']).toBeUndefined();
    const slotCount = Object.values(JSON.parse(plain.bytes.toString()).slots as Record<string, unknown[]>).flat().length;
    expect(slotCount).toBe(186 * 288);

    const br = await rawGet(sixMonths(), { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.bytes).equals(plain.bytes)).toBe(true);
    expect(plain.bytes.length / br.bytes.length).toBeGreaterThanOrEqual(10);
    console.log(`six months, 5-minute grid: ${plain.bytes.length} bytes; brotli ${br.bytes.length} (${(plain.bytes.length / br.bytes.length).toFixed(1)}×)`);

    const gzip = await rawGet(sixMonths(), { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.bytes).equals(plain.bytes)).toBe(true);
    expect(plain.bytes.length / gzip.bytes.length).toBeGreaterThanOrEqual(10);
    console.log(`gzip ${gzip.bytes.length} (${(plain.bytes.length / gzip.bytes.length).toFixed(1)}×)`);
  });

  it('sends small answers as they are', async () => {
    const health = await rawGet(`${app.url}/health`, { 'accept-encoding': 'br, gzip' });
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(health.bytes.toString())).toMatchObject({ status: 'ok' });
  });

  it('keeps slots a few seconds (served stale while revalidating) and answers a matching ETag with 304', async () => {
    const first = await rawGet(`${app.url}/v1/slots?event=ava/five&start=2027-01-04&end=2027-01-04&timeZone=UTC`);
    expect(first.headers['cache-control']).toBe('public, max-age=5, stale-while-revalidate=25');
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await rawGet(`${app.url}/v1/slots?event=ava/five&start=2027-01-04&end=2027-01-04&timeZone=UTC`, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.bytes.length).toBe(0);

    // Once booked, the same question has a different answer, so a revalidation gets it whole.
    const booked = await app.api('POST', '/v1/bookings', { event: 'ava/five', start: '2027-01-04T10:00:00Z', timeZone: 'UTC', attendee: { name: 'B', email: 'b@example.com' } }, { token: null });
    expect(booked.status).toBe(201);
    // Writes say what they cost the database too.
    expect(booked.headers.get('server-timing')).toMatch(/^db;dur=\d+(\.\d+)?;desc="\d+ queries", total;dur=\d+(\.\d+)?$/);
    expect(Number(/desc="(\d+) queries"/.exec(booked.headers.get('server-timing')!)![1])).toBeGreaterThan(3);
    const after = await rawGet(`${app.url}/v1/slots?event=ava/five&start=2027-01-04&end=2027-01-04&timeZone=UTC`, { 'if-none-match': etag });
    expect(after.status).toBe(200);
    const starts = (JSON.parse(after.bytes.toString()).slots['2027-01-04'] as Array<{ start: string }>).map((slot) => slot.start);
    expect(starts).not.toContain('2027-01-04T10:00:00.000Z');
  });

  it('gives the public event view an ETag and a Cache-Control', async () => {
    const view = await rawGet(`${app.url}/v1/event-types/ava/five`);
    expect(view.status).toBe(200);
    expect(view.headers['cache-control']).toBe('public, max-age=60, stale-while-revalidate=600');
    const revalidated = await rawGet(`${app.url}/v1/event-types/ava/five`, { 'if-none-match': view.headers.etag as string });
    expect(revalidated.status).toBe(304);
  });
});
