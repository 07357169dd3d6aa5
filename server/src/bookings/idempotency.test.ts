import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingBody, createHost } from '../test-support/bookings.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

const HOUR = 3_600_000;

/** Idempotency keys as an attacker and a careless client would use them (issue 12), on SQLite and MariaDB. */
describe('idempotency keys belong to their caller, expire after a day, and compare byte for byte', () => {
  let app: TestApp;
  let alice: Awaited<ReturnType<typeof createHost>>;
  let bob: Awaited<ReturnType<typeof createHost>>;
  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-01T08:00:00Z' });
    alice = await createHost(app, 'alice');
    bob = await createHost(app, 'bob');
  });
  afterAll(() => app?.close());

  const post = (body: unknown, key: string) => app.api('POST', '/v1/bookings', body, { token: null, headers: { 'idempotency-key': key } });

  it('two sites using the same order number each get their own booking; a replay never hands over the other’s', async () => {
    const forAlice = bookingBody(alice.event, '2026-12-02T09:00:00Z');
    const aliceFirst = await post(forAlice, 'order-1001');
    expect(aliceFirst.status).toBe(201);
    // Bob's site books the very same body shape with the same order number on his own event type.
    const forBob = bookingBody(bob.event, '2026-12-02T09:00:00Z');
    const bobFirst = await post(forBob, 'order-1001');
    expect(bobFirst.status).toBe(201);
    expect(bobFirst.body.booking.uid).not.toBe(aliceFirst.body.booking.uid);
    expect(bobFirst.body.manageToken).not.toBe(aliceFirst.body.manageToken);
    // Each replay answers its own booking.
    expect((await post(forAlice, 'order-1001')).body).toEqual(aliceFirst.body);
    expect((await post(forBob, 'order-1001')).body).toEqual(bobFirst.body);
    // An attacker replaying Alice's key against Bob's event type with another body learns nothing of Alice's booking.
    const probe = await post(bookingBody(bob.event, '2026-12-02T10:00:00Z'), 'order-1001');
    expect(probe.status).toBe(409);
    expect(JSON.stringify(probe.body)).not.toContain(aliceFirst.body.booking.uid);
    // Alice's booking is unchanged and still hers alone.
    const aliceView = await app.api('GET', `/v1/bookings/${aliceFirst.body.booking.uid}`, undefined, { token: alice.apiKey });
    expect(aliceView.body.booking).toEqual(aliceFirst.body.booking);
  });

  it('`abc` and `ABC` are two keys', async () => {
    const lower = await post(bookingBody(alice.event, '2026-12-03T09:00:00Z'), 'abc');
    const upper = await post(bookingBody(alice.event, '2026-12-03T10:00:00Z'), 'ABC');
    expect([lower.status, upper.status]).toEqual([201, 201]);
    expect(upper.body.booking.uid).not.toBe(lower.body.booking.uid);
    expect((await post(bookingBody(alice.event, '2026-12-03T10:00:00Z'), 'ABC')).body.booking.uid).toBe(upper.body.booking.uid);
  });

  it('a key older than a day is a new key, even before retention prunes it', async () => {
    const body = bookingBody(alice.event, '2026-12-04T09:00:00Z');
    const first = await post(body, 'order-2002');
    app.clock.advance(24 * HOUR + 1);
    // No worker run: the row is still there, and ignored.
    const again = await post(body, 'order-2002');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('slot_unavailable');
    const later = await post(bookingBody(alice.event, '2026-12-04T10:00:00Z'), 'order-2002');
    expect(later.status).toBe(201);
    expect(later.body.booking.uid).not.toBe(first.body.booking.uid);
    expect((await post(bookingBody(alice.event, '2026-12-04T10:00:00Z'), 'order-2002')).body.booking.uid).toBe(later.body.booking.uid);
  });

  it('booking uids compare byte for byte: another case is another (unknown) booking, and two uids may differ only in case', async () => {
    const { body } = await post(bookingBody(alice.event, '2026-12-07T09:00:00Z'), 'order-3003');
    const uid: string = body.booking.uid;
    const swapped = [...uid].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
    expect(swapped).not.toBe(uid);
    expect((await app.api('GET', `/v1/bookings/${swapped}`, undefined, { token: alice.apiKey })).status).toBe(404);
    expect((await app.api('GET', `/v1/bookings/${swapped}?token=${encodeURIComponent(body.manageToken)}`, undefined, { token: null })).status).toBe(404);
    // A second booking whose uid differs only in case is its own row (the unique index is binary too).
    const other = await post(bookingBody(alice.event, '2026-12-07T10:00:00Z'), 'order-3004');
    await app.testDb.db('bookings').where({ uid: other.body.booking.uid }).update({ uid: swapped });
    expect((await app.api('GET', `/v1/bookings/${uid}`, undefined, { token: alice.apiKey })).body.booking.start).toBe('2026-12-07T09:00:00.000Z');
    expect((await app.api('GET', `/v1/bookings/${swapped}`, undefined, { token: alice.apiKey })).body.booking.start).toBe('2026-12-07T10:00:00.000Z');
  });
});
