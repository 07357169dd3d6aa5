import { afterEach, describe, expect, it } from 'vitest';
import { createHost, expectNoOverlap } from '../test-support/bookings.js';
import { requestFrom } from '../test-support/loopback/client-from.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';
import { testDialect } from '../test-support/test-db.js';

// The app's clock stands at Tuesday 2026-12-01 08:00 UTC; the host works Mon–Fri 09:00–17:00 UTC.
/** The `n`-th half-hour slot of the host's working weeks from Wednesday 2 December on. */
function slot(n: number): string {
  const day = new Date(Date.UTC(2026, 11, 2));
  let left = Math.floor(n / 16);
  while (left > 0 || [0, 6].includes(day.getUTCDay())) {
    if (![0, 6].includes(day.getUTCDay())) left--;
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return new Date(day.getTime() + 9 * 3_600_000 + (n % 16) * 1_800_000).toISOString();
}

const booking = (event: string, n: number, email = `visitor${n}@example.net`) => ({ event, start: slot(n), timeZone: 'UTC', attendee: { name: 'Visitor', email } });

describe(`rate limits (${testDialect()})`, () => {
  let app: TestApp;
  afterEach(async () => app.close());

  it('a 300-booking burst from one address: 5 go through, the rest are 429 with Retry-After; over a minute at most 30, and the host keeps their month', async () => {
    app = await startTestApp({ env: { RATE_LIMITS: 'on' } });
    const host = await createHost(app, 'hana', { bookingWindow: { type: 'unlimited' } });
    const answers = [];
    // The attacker rotates attendee emails, so only the per-address limit stands in the way.
    for (let batch = 0; batch < 300; batch += 25) {
      answers.push(...(await Promise.all(Array.from({ length: 25 }, (_, i) => app.api('POST', '/v1/bookings', booking(host.event, batch + i), { token: null })))));
    }
    const created = answers.filter((answer) => answer.status === 201);
    const limited = answers.filter((answer) => answer.status === 429);
    // 30 a minute, spread: at most 5 in each 10 s window (the app's clock stands still at 08:00:00).
    expect(created).toHaveLength(5);
    expect(limited).toHaveLength(295);
    expect(limited[0]!.body.error).toMatchObject({ code: 'rate_limited', details: { limit: 'bookings', retryAfterSeconds: 10 } });
    expect(limited[0]!.headers.get('retry-after')).toBe('10');
    expect(limited[0]!.headers.get('ratelimit-limit')).toBe('5');
    expect(limited[0]!.headers.get('ratelimit-remaining')).toBe('0');

    // Hammering on through the minute: 5 more in each 10 s, 30 in all, then the minute is used up.
    let n = 300;
    for (let window = 1; window < 6; window++) {
      app.clock.advance(10_000);
      const statuses = [];
      for (let i = 0; i < 8; i++) statuses.push((await app.api('POST', '/v1/bookings', booking(host.event, n++), { token: null })).status);
      expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429, 429]);
    }
    expect(await expectNoOverlap(app.testDb.db, 'hana')).toBe(30);
    // And only the bookings that went through were mailed about (one for the booker, one for the host).
    expect(await app.testDb.db('jobs').where({ kind: 'mail.booking' }).count({ n: '*' }).first()).toMatchObject({ n: 60 });

    // Another client is not affected; the next minute the first may book again.
    const other = await requestFrom('127.0.0.2', `${app.url}/v1/bookings`, { method: 'POST', body: booking(host.event, n++) });
    expect(other.status).toBe(201);
    // Its headers tell the closest limit: the host's hour, which the 30 bookings have half used.
    expect(other.headers['ratelimit-limit']).toBe('60');
    expect(other.headers['ratelimit-remaining']).toBe('29');
    app.clock.advance(10_000);
    expect((await app.api('POST', '/v1/bookings', booking(host.event, n++), { token: null })).status).toBe(201);
  }, 60_000);

  it('a forged X-Forwarded-For does not change the counted address unless TRUST_PROXY trusts the proxy', async () => {
    // 18 a minute: 3 in each 10 s.
    app = await startTestApp({ env: { RATE_LIMITS: 'on', RATE_LIMIT_SLOTS_PER_MINUTE: '18' } });
    const host = await createHost(app, 'ivo');
    const slots = (forwardedFor: string) => app.api('GET', `/v1/slots?event=${host.event}&start=2026-12-02&end=2026-12-02&timeZone=UTC`, undefined, { token: null, headers: { 'x-forwarded-for': forwardedFor } });
    const statuses = [];
    for (let i = 1; i <= 5; i++) statuses.push((await slots(`203.0.113.${i}`)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    await app.close();

    // Behind a trusted proxy on loopback, the address it forwards is the client.
    app = await startTestApp({ env: { RATE_LIMITS: 'on', RATE_LIMIT_SLOTS_PER_MINUTE: '18', TRUST_PROXY: 'loopback' } });
    await createHost(app, 'ivo');
    const trusted = [];
    for (let i = 1; i <= 5; i++) trusted.push((await slots(`203.0.113.${i}`)).status);
    expect(trusted).toEqual([200, 200, 200, 200, 200]);
    for (let i = 0; i < 3; i++) expect((await slots('203.0.113.9')).status).toBe(200);
    expect((await slots('203.0.113.9')).status).toBe(429);
  });

  it('bookings are limited per attendee email and per host, whichever address they come from', async () => {
    app = await startTestApp({ env: { RATE_LIMITS: 'on', RATE_LIMIT_BOOKINGS_PER_EMAIL_PER_HOUR: '2', RATE_LIMIT_BOOKINGS_PER_HOST_PER_HOUR: '4' } });
    const host = await createHost(app, 'jules', { bookingWindow: { type: 'unlimited' } });
    const from = (address: string, n: number, email?: string) => requestFrom(address, `${app.url}/v1/bookings`, { method: 'POST', body: booking(host.event, n, email) });

    expect((await from('127.0.0.2', 0, 'Victim@Example.net')).status).toBe(201);
    expect((await from('127.0.0.3', 1, 'victim@example.net')).status).toBe(201);
    const third = await from('127.0.0.4', 2, 'victim@example.net');
    expect(third.status).toBe(429);
    expect(third.body.error.details.limit).toBe('bookingsPerEmail');
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(60);

    expect((await from('127.0.0.5', 3)).status).toBe(201);
    expect((await from('127.0.0.6', 4)).status).toBe(201);
    const fifth = await from('127.0.0.7', 5);
    expect(fifth.status).toBe(429);
    expect(fifth.body.error.details.limit).toBe('bookingsPerHost');
    expect(await expectNoOverlap(app.testDb.db, 'jules')).toBe(4);
  });

  it('owner API calls count per key; the admin key is not limited; public pages count per address', async () => {
    // 12 a minute: 2 in each 10 s.
    app = await startTestApp({ env: { RATE_LIMITS: 'on', RATE_LIMIT_API_KEY_PER_MINUTE: '12', RATE_LIMIT_PUBLIC_PER_MINUTE: '12' } });
    const kim = await createHost(app, 'kim');
    const lea = await createHost(app, 'lea');
    const list = (token: string) => app.api('GET', '/v1/event-types', undefined, { token });
    expect((await list(kim.apiKey)).headers.get('ratelimit-limit')).toBe('2');
    expect((await list(kim.apiKey)).status).toBe(200);
    expect((await list(kim.apiKey)).status).toBe(429);
    expect((await list(lea.apiKey)).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await app.api('GET', '/v1/event-types')).status).toBe(200);

    const view = () => app.api('GET', `/v1/event-types/${kim.event}`, undefined, { token: null });
    expect((await view()).status).toBe(200);
    expect((await view()).status).toBe(200);
    expect((await view()).status).toBe(429);
    const manage = await app.api('GET', '/manage/bookings/nope?token=x', undefined, { token: null });
    expect(manage.status).toBe(429);
  });

  it('the console counts sign-in requests (they send mail) per address, not its pages', async () => {
    // 12 a minute: 2 in each 10 s.
    app = await startTestApp({ env: { RATE_LIMITS: 'on', RATE_LIMIT_PUBLIC_PER_MINUTE: '12' } });
    const signIn = () => fetch(`${app.url}/console/sign-in`, { method: 'POST', headers: { origin: app.url }, body: new URLSearchParams({ email: 'someone@example.net' }) });
    expect((await signIn()).status).toBe(200);
    expect((await signIn()).status).toBe(200);
    const refused = await signIn();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) expect((await fetch(`${app.url}/console/sign-in`)).status).toBe(200);
  });

  it('RATE_LIMITS=off: no counting, no headers', async () => {
    app = await startTestApp({ env: { RATE_LIMITS: 'off', RATE_LIMIT_SLOTS_PER_MINUTE: '1' } });
    const host = await createHost(app, 'max');
    for (let i = 0; i < 3; i++) {
      const answer = await app.api('GET', `/v1/slots?event=${host.event}&start=2026-12-02&end=2026-12-02&timeZone=UTC`, undefined, { token: null });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('ratelimit-limit')).toBeNull();
    }
  });
});
