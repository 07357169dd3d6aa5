import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { book, bookingBody, createHost, outboxTypes } from '../test-support/bookings.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

describe('POST /v1/bookings: bad input and idempotent retries', () => {
  let app: TestApp;
  let rosa: Awaited<ReturnType<typeof createHost>>;
  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-01T08:00:00Z' });
    rosa = await createHost(app, 'rosa', {
      minimumNoticeMinutes: 120,
      bookingFields: [{ name: 'topic', label: 'Topic', type: 'text', required: true }],
    });
  });
  afterAll(() => app.close());

  const post = (body: unknown, headers: Record<string, string> = {}) => app.api('POST', '/v1/bookings', body, { token: null, headers });
  const valid = (start = '2026-12-02T09:00:00Z', extra: Record<string, unknown> = {}) => bookingBody(rosa.event, start, { responses: { topic: 'Roadmap' }, ...extra });
  const bookingCount = async () => Number((await app.testDb.db('bookings').count({ n: '*' }).first())!.n);

  describe('bad input gets the SPEC error body with a 4xx, never a 500', () => {
    it.each([
      ['an empty body', {}, 'event'],
      ['no attendee', { event: 'rosa/meet', start: '2026-12-02T09:00:00Z', timeZone: 'UTC' }, 'attendee'],
      ['a bad email', { ...bookingBody('rosa/meet', '2026-12-02T09:00:00Z'), attendee: { name: 'Dana', email: 'not-an-email' } }, 'attendee.email'],
      ['a blank name', { ...bookingBody('rosa/meet', '2026-12-02T09:00:00Z'), attendee: { name: '  ', email: 'dana@example.net' } }, 'attendee.name'],
      ['a start that is no instant', bookingBody('rosa/meet', 'tomorrow at ten'), 'start'],
      ['an unknown time zone', { ...bookingBody('rosa/meet', '2026-12-02T09:00:00Z'), timeZone: 'Mars/Olympus' }, 'timeZone'],
      ['a bad guest', { ...bookingBody('rosa/meet', '2026-12-02T09:00:00Z'), guests: ['x'] }, 'guests.0'],
    ])('%s → 400 validation_failed naming the field', async (_name, body, field) => {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'validation_failed', message: expect.any(String), details: { fields: expect.arrayContaining([expect.objectContaining({ field })]) } });
    });

    it('a missing required answer → 400 naming responses.topic', async () => {
      const res = await post(bookingBody(rosa.event, '2026-12-02T09:00:00Z'));
      expect(res.status).toBe(400);
      expect(res.body.error.details.fields).toEqual([{ field: 'responses.topic', message: 'required' }]);
    });

    it('malformed JSON → 400, a body over 1 MB → 413, a body that is not JSON → 415', async () => {
      const malformed = await post('{"event": "rosa/meet", "start":');
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.code).toBe('validation_failed');
      const huge = await post({ ...valid(), metadata: { note: 'x'.repeat(1_000_001) } });
      expect(huge.status).toBe(413);
      expect(huge.body.error.code).toBe('payload_too_large');
      const text = await fetch(`${app.url}/v1/bookings`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
      expect(text.status).toBe(415);
      expect(((await text.json()) as { error: { code: string } }).error.code).toBe('unsupported_media_type');
    });

    it('an unknown event → 404 not_found', async () => {
      for (const event of ['nobody/meet', 'rosa/nothing', 'no-slash']) {
        const res = await post(bookingBody(event, '2026-12-02T09:00:00Z'));
        expect(res.status, event).toBe(404);
        expect(res.body.error.code).toBe('not_found');
      }
    });

    it('a time not offered → 409 slot_unavailable (weekend, off the grid, inside the notice, past, outside the window)', async () => {
      for (const start of ['2026-12-05T10:00:00Z', '2026-12-02T09:10:00Z', '2026-12-01T09:00:00Z', '2026-11-30T10:00:00Z', '2027-03-01T10:00:00Z']) {
        const res = await post(valid(start));
        expect(res.status, start).toBe(409);
        expect(res.body.error).toMatchObject({ code: 'slot_unavailable', message: expect.stringContaining(new Date(start).toISOString()) });
      }
      expect(await bookingCount()).toBe(0);
    });

    it('a bad Idempotency-Key header → 400', async () => {
      const res = await post(valid(), { 'idempotency-key': 'k'.repeat(201) });
      expect(res.status).toBe(400);
      expect(res.body.error.details.fields[0].field).toBe('Idempotency-Key');
    });
  });

  describe('Idempotency-Key', () => {
    it('the same key and body give the same booking and token, booked and announced once', async () => {
      const headers = { 'idempotency-key': 'retry-1' };
      const first = await post(valid('2026-12-03T09:00:00Z'), headers);
      const retry = await post(valid('2026-12-03T09:00:00Z'), headers);
      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(await app.testDb.db('bookings').where({ start_ms: Date.parse('2026-12-03T09:00:00Z') }).count({ n: '*' }).first()).toMatchObject({ n: 1 });
      expect((await outboxTypes(app.testDb.db, first.body.booking.uid)).map((e) => e.type)).toEqual(['BOOKING_CREATED', 'BOOKING_CONFIRMED']);
    });

    it('the same key with another body → 409 idempotency_conflict', async () => {
      const headers = { 'idempotency-key': 'retry-2' };
      expect((await post(valid('2026-12-03T10:00:00Z'), headers)).status).toBe(201);
      const other = await post(valid('2026-12-03T11:00:00Z'), headers);
      expect(other.status).toBe(409);
      expect(other.body.error).toMatchObject({ code: 'idempotency_conflict', message: expect.any(String) });
      const free = await post(valid('2026-12-03T11:00:00Z'));
      expect(free.status).toBe(201);
    });

    it('eight simultaneous requests with one key make one booking and all get it', async () => {
      const before = await bookingCount();
      const results = await Promise.all(Array.from({ length: 8 }, () => post(valid('2026-12-03T13:00:00Z'), { 'idempotency-key': 'burst' })));
      expect(results.map((r) => r.status)).toEqual(Array(8).fill(201));
      expect(new Set(results.map((r) => r.body.booking.uid)).size).toBe(1);
      expect(await bookingCount()).toBe(before + 1);
    });

    it('a failed attempt is not remembered: the retry is tried again', async () => {
      const taken = await book(app, rosa.event, '2026-12-03T14:00:00Z', { responses: { topic: 'x' } });
      const headers = { 'idempotency-key': 'after-failure' };
      expect((await post(valid('2026-12-03T14:00:00Z'), headers)).status).toBe(409);
      await app.api('POST', `/v1/bookings/${taken.booking.uid}/cancel`, {}, { token: taken.manageToken });
      const retry = await post(valid('2026-12-03T14:00:00Z'), headers);
      expect(retry.status).toBe(201);
    });
  });
});
