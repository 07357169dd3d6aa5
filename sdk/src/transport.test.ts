import { http, HttpResponse, delay } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient } from './client.js';
import {
  AuthError,
  IdempotencyConflictError,
  NetworkError,
  NotFoundError,
  OpenSlotError,
  RateLimitError,
  ServerError,
  SlotUnavailableError,
  ValidationError,
} from './errors.js';
import type { CreateBookingInput } from './schemas/index.js';
import { BASE_URL, server, useTestServer } from './test-server.js';

useTestServer();

const client = createClient({ baseUrl: BASE_URL });
const bookingInput: CreateBookingInput = {
  event: 'alice/intro',
  start: '2026-12-01T09:00:00Z',
  timeZone: 'Europe/Berlin',
  attendee: { name: 'Bob', email: 'bob@example.com' },
};

function errorResponse(status: number, code: string, headers: Record<string, string> = {}) {
  return HttpResponse.json(
    { error: { code, message: `it failed: ${code}`, details: { field: 'x' } } },
    { status, headers: { 'x-request-id': `req_${status}`, ...headers } },
  );
}

/** Advances fake time until the promise settles, so backoff and timeouts never really wait. */
async function settle<T>(promise: Promise<T>): Promise<T> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  while (!done) await vi.advanceTimersByTimeAsync(250);
  return promise;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('errors', () => {
  it.each([
    [400, 'validation_failed', ValidationError],
    [422, 'unprocessable', ValidationError],
    [401, 'unauthorized', AuthError],
    [403, 'forbidden', AuthError],
    [404, 'not_found', NotFoundError],
    [409, 'slot_unavailable', SlotUnavailableError],
    [409, 'idempotency_conflict', IdempotencyConflictError],
    [429, 'rate_limited', RateLimitError],
    [503, 'unavailable', ServerError],
  ] as const)('maps %i %s to %s with status, code, requestId and details', async (status, code, ErrorClass) => {
    server.use(http.get(`${BASE_URL}/v1/event-types/alice/intro`, () => errorResponse(status, code)));

    const error = await settle(client.eventTypes.getPublic('alice/intro', { maxRetries: 0 })).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(OpenSlotError);
    expect(error).toMatchObject({ status, code, requestId: `req_${status}`, details: { field: 'x' }, message: `it failed: ${code}` });
  });

  it('still gives a typed error when the body is not the error format', async () => {
    server.use(http.get(`${BASE_URL}/v1/slots`, () => new HttpResponse('<html>bad gateway</html>', { status: 404 })));

    const error = await settle(client.slots.list({ event: 'alice/intro', start: '2026-12-01', end: '2026-12-31' })).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'http_404', requestId: undefined });
  });
});

describe('retries', () => {
  it('retries a GET after 5xx and network errors, then succeeds', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE_URL}/v1/event-types/alice/intro`, () => {
        calls++;
        if (calls === 1) return HttpResponse.error();
        if (calls === 2) return errorResponse(502, 'bad_gateway');
        return HttpResponse.json({ event: 'alice/intro', title: 'Intro' });
      }),
    );

    await expect(settle(client.eventTypes.getPublic('alice/intro'))).resolves.toMatchObject({ title: 'Intro' });
    expect(calls).toBe(3);
  });

  it('gives up after maxRetries and throws the last error', async () => {
    let calls = 0;
    server.use(http.get(`${BASE_URL}/v1/slots`, () => (calls++, errorResponse(500, 'internal_error'))));

    const error = await settle(client.slots.list({ event: 'alice/intro', start: '2026-12-01', end: '2026-12-31' })).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ServerError);
    expect(calls).toBe(3);
  });

  it('never retries a 4xx', async () => {
    let calls = 0;
    server.use(http.get(`${BASE_URL}/v1/slots`, () => (calls++, errorResponse(400, 'validation_failed'))));

    await expect(settle(client.slots.list({ event: 'a/b', start: 'x', end: 'y' }))).rejects.toBeInstanceOf(ValidationError);
    expect(calls).toBe(1);
  });

  it('never retries a POST without an idempotency key', async () => {
    let calls = 0;
    server.use(http.post(`${BASE_URL}/v1/bookings/:uid/cancel`, () => (calls++, errorResponse(503, 'unavailable'))));

    await expect(settle(client.bookings.cancel('bk_1', {}, { token: 't' }))).rejects.toBeInstanceOf(ServerError);
    expect(calls).toBe(1);
  });

  it.each([
    [429, 'rate_limited'],
    [503, 'unavailable'],
  ] as const)('respects Retry-After on %i', async (status, code) => {
    const seen: number[] = [];
    server.use(
      http.get(`${BASE_URL}/v1/event-types/alice/intro`, () => {
        seen.push(Date.now());
        return seen.length === 1 ? errorResponse(status, code, { 'retry-after': '7' }) : HttpResponse.json({ title: 'Intro' });
      }),
    );

    await settle(client.eventTypes.getPublic('alice/intro'));

    expect(seen).toHaveLength(2);
    expect(seen[1]! - seen[0]!).toBeGreaterThanOrEqual(7000);
  });

  it('a Retry-After beyond 10 s is not waited out: RateLimitError carries it to the caller', async () => {
    let calls = 0;
    server.use(http.get(`${BASE_URL}/v1/event-types/alice/intro`, () => (calls++, errorResponse(429, 'rate_limited', { 'retry-after': '42' }))));

    const error = await settle(client.eventTypes.getPublic('alice/intro')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(42_000);
    expect(calls).toBe(1);
  });
});

describe('idempotency', () => {
  it('sends a generated Idempotency-Key and keeps it across retries of a booking', async () => {
    const keys: Array<string | null> = [];
    server.use(
      http.post(`${BASE_URL}/v1/bookings`, ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        if (keys.length === 1) return HttpResponse.error();
        return HttpResponse.json({ booking: { uid: 'bk_1' }, manageToken: 'mt' }, { status: 201 });
      }),
    );

    const result = await settle(client.bookings.create(bookingInput));

    expect(result).toMatchObject({ booking: { uid: 'bk_1' }, manageToken: 'mt' });
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(keys[1]).toBe(keys[0]);
  });

  it('uses the caller key, and a fresh key for each new call', async () => {
    const keys: Array<string | null> = [];
    server.use(
      http.post(`${BASE_URL}/v1/bookings`, ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        return HttpResponse.json({ booking: { uid: 'bk_1' }, manageToken: 'mt' }, { status: 201 });
      }),
    );

    await settle(client.bookings.create(bookingInput, { idempotencyKey: 'mine-1' }));
    await settle(client.bookings.create(bookingInput));
    await settle(client.bookings.create(bookingInput));

    expect(keys[0]).toBe('mine-1');
    expect(keys[1]).not.toBe(keys[2]);
  });

  it('does not retry a 409 slot_unavailable', async () => {
    let calls = 0;
    server.use(http.post(`${BASE_URL}/v1/bookings`, () => (calls++, errorResponse(409, 'slot_unavailable'))));

    await expect(settle(client.bookings.create(bookingInput))).rejects.toBeInstanceOf(SlotUnavailableError);
    expect(calls).toBe(1);
  });
});

describe('timeout and abort', () => {
  it('turns a timeout into NetworkError with code "timeout"', async () => {
    server.use(http.get(`${BASE_URL}/v1/event-types/alice/intro`, () => delay('infinite')));
    const slow = createClient({ baseUrl: BASE_URL, timeoutMs: 1000, maxRetries: 0 });

    const error = await settle(slow.eventTypes.getPublic('alice/intro')).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ code: 'timeout', status: undefined });
  });

  it('passes the caller abort through, rejecting with its reason and without retrying', async () => {
    let calls = 0;
    server.use(http.get(`${BASE_URL}/v1/event-types/alice/intro`, () => (calls++, delay('infinite'))));
    const controller = new AbortController();

    const pending = client.eventTypes.getPublic('alice/intro', { signal: controller.signal });
    await vi.advanceTimersByTimeAsync(10);
    controller.abort(new DOMException('user left', 'AbortError'));

    await expect(settle(pending)).rejects.toMatchObject({ name: 'AbortError', message: 'user left' });
    expect(calls).toBe(1);
  });
});

describe('requests', () => {
  it('sends the API key, or the manage token instead, as a bearer token', async () => {
    const auth: Array<string | null> = [];
    server.use(
      http.get(`${BASE_URL}/v1/bookings/:uid`, ({ request, params }) => {
        auth.push(request.headers.get('authorization'));
        return HttpResponse.json({ booking: { uid: params.uid } });
      }),
    );
    const owner = createClient({ baseUrl: `${BASE_URL}/`, apiKey: 'osk_owner' });

    await settle(owner.bookings.get('bk 1'));
    await settle(owner.bookings.get('bk_2', { token: 'mt_abc' }));

    expect(auth).toEqual(['Bearer osk_owner', 'Bearer mt_abc']);
  });

  it('builds slot queries from typed parameters', async () => {
    let url: URL | undefined;
    server.use(http.get(`${BASE_URL}/v1/slots`, ({ request }) => ((url = new URL(request.url)), HttpResponse.json({ slots: {} }))));

    await settle(client.slots.list({ event: 'alice+bob/intro', start: '2026-12-01', end: '2026-12-31', timeZone: 'Europe/Berlin' }));

    expect(Object.fromEntries(url!.searchParams)).toEqual({
      event: 'alice+bob/intro',
      start: '2026-12-01',
      end: '2026-12-31',
      timeZone: 'Europe/Berlin',
    });
  });
});
