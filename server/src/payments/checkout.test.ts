import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { book, bookingBody, createHost, expectNoOverlap, outboxTypes } from '../test-support/bookings.js';
import { bookingStatus, sessionOf, startPaymentsApp, WEBHOOK_SECRET, type PaymentsTestApp } from '../test-support/payments.js';

const MINUTE = 60_000;
const PRICE = { amount: 5000, currency: 'eur' };

/** The slots of one day as the public API offers them. */
async function offered(t: PaymentsTestApp, event: string, day: string): Promise<string[]> {
  const res = await t.app.api('GET', `/v1/slots?event=${event}&start=${day}&end=${day}&timeZone=UTC`, undefined, { token: null });
  return (res.body.slots[day] ?? []).map((slot: { start: string }) => slot.start);
}

describe('paid bookings through Stripe Checkout', () => {
  let t: PaymentsTestApp;
  let host: Awaited<ReturnType<typeof createHost>>;
  beforeAll(async () => {
    t = await startPaymentsApp({ now: '2026-12-01T08:00:00Z' });
    host = await createHost(t.app, 'paula', { price: PRICE });
  });
  afterAll(() => t.close());

  it('holds the time awaiting payment, makes the session after commit, and accepts the booking once paid', async () => {
    const { booking } = await book(t.app, host.event, '2026-12-02T09:00:00Z');
    expect(booking).toMatchObject({ status: 'awaiting_payment', payment: { status: 'unpaid', amount: 5000, currency: 'eur', refundedAmount: 0, expiresAt: '2026-12-01T08:15:00.000Z' } });
    expect(booking.payment.checkoutUrl).toBe(`${t.app.services.config.publicUrl}/v1/payments/checkout/${booking.uid}`);
    expect(await offered(t, host.event, '2026-12-02')).not.toContain('2026-12-02T09:00:00.000Z');
    expect((await outboxTypes(t.app.testDb.db, booking.uid)).map((e) => e.type)).toEqual(['BOOKING_CREATED', 'BOOKING_PAYMENT_INITIATED']);

    // One session, keyed by the payment, expiring 30 min + a minute after the hold (Stripe's minimum).
    const session = await sessionOf(t, booking.uid);
    expect(session).toMatchObject({ status: 'open', amount_total: 5000, currency: 'eur', client_reference_id: booking.uid, customer_email: 'dana@example.net' });
    expect(session.expires_at * 1000).toBe(Date.parse('2026-12-01T08:15:00Z') + 31 * MINUTE);
    const creates = t.fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions' && r.params.client_reference_id === booking.uid);
    expect(creates).toHaveLength(1);
    expect(creates[0]!.idempotencyKey).toMatch(/^openslot:cs:pay_/);

    // The checkout link leads to Stripe's page.
    const redirect = await fetch(booking.payment.checkoutUrl.replace(t.app.services.config.publicUrl, t.app.url), { redirect: 'manual' });
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get('location')).toBe(session.url);

    t.fake.pay(session.id);
    expect(await t.fake.deliver()).toEqual(expect.arrayContaining([200]));
    await t.settled();
    expect(await bookingStatus(t, booking.uid)).toMatchObject({ status: 'accepted', payment: { status: 'paid', amount: 5000, refundedAmount: 0, checkoutUrl: null, expiresAt: null } });
    const events = await outboxTypes(t.app.testDb.db, booking.uid);
    expect(events.map((e) => e.type)).toEqual(['BOOKING_CREATED', 'BOOKING_PAYMENT_INITIATED', 'BOOKING_PAID', 'BOOKING_CONFIRMED']);
    expect(events.find((e) => e.type === 'BOOKING_PAID')!.data.payment).toEqual({ status: 'paid', amount: 5000, currency: 'eur', refundedAmount: 0 });
    expect(events.find((e) => e.type === 'BOOKING_CONFIRMED')!.data.confirmedBy).toBe('payment');

    // The confirmation goes only now that it is paid: with the amount, and Stripe's receipt for the booker.
    const mails = await t.mails();
    const booker = mails.find((m) => m.to.includes('dana@example.net'))!;
    const hostMail = mails.find((m) => m.to.includes('paula@example.com'))!;
    expect(booker.subject).toMatch(/^Booked: /);
    expect(booker.text).toContain('Payment: €50.00 paid');
    expect(booker.text).toMatch(/Payment receipt: http:\/\/127\.0\.0\.1:\d+\/receipts\/pi_/);
    expect(hostMail.text).toContain('Payment: €50.00 paid');
    expect(hostMail.text).not.toContain('receipt');
  });

  it('the return page re-reads Stripe (no webhook needed) and sends the booker on to their booking', async () => {
    const { booking, manageToken } = await book(t.app, host.event, '2026-12-02T10:00:00Z');
    const session = await sessionOf(t, booking.uid);
    t.fake.pay(session.id);
    const back = await fetch(`${t.app.url}/v1/payments/return?session_id=${session.id}&token=${encodeURIComponent(manageToken)}`, { redirect: 'manual' });
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe(`${t.app.services.config.publicUrl}/manage/bookings/${booking.uid}?token=${encodeURIComponent(manageToken)}`);
    expect((await bookingStatus(t, booking.uid)).status).toBe('accepted');
    // Without the booker's token the page only says how it went.
    const plain = await fetch(`${t.app.url}/v1/payments/return?session_id=${session.id}`);
    expect(plain.status).toBe(200);
    expect(await plain.text()).toContain('Payment received');
    // The late webhook, twice, changes nothing.
    expect(await t.fake.deliver({ duplicates: true })).not.toContain(500);
    await t.settled();
    expect((await outboxTypes(t.app.testDb.db, booking.uid)).filter((e) => e.type === 'BOOKING_PAID')).toHaveLength(1);
    await t.mails();
  });

  it('frees the time at the end of the hold only through Stripe: the sweeper expires the session', async () => {
    const { booking } = await book(t.app, host.event, '2026-12-02T11:00:00Z');
    const session = await sessionOf(t, booking.uid);
    t.app.clock.advance(14 * MINUTE);
    await t.runWorker();
    expect((await bookingStatus(t, booking.uid)).status).toBe('awaiting_payment');

    t.app.clock.advance(MINUTE);
    await t.runWorker();
    expect(t.fake.sessions.get(session.id)!.status).toBe('expired');
    expect(await bookingStatus(t, booking.uid)).toMatchObject({ status: 'expired', payment: { status: 'expired', checkoutUrl: null } });
    expect(await offered(t, host.event, '2026-12-02')).toContain('2026-12-02T11:00:00.000Z');
    const failed = (await outboxTypes(t.app.testDb.db, booking.uid)).find((e) => e.type === 'BOOKING_PAYMENT_FAILED')!;
    expect(failed.data).toMatchObject({ reason: 'expired', payment: { status: 'expired' } });
    // The hosted page no longer takes a payment, and our link says the time ran out.
    expect(() => t.fake.pay(session.id)).toThrow(/expired/);
    const link = await fetch(`${t.app.url}/v1/payments/checkout/${booking.uid}`, { redirect: 'manual' });
    expect(link.status).toBe(410);
    expect(await link.text()).toContain('Payment time ran out');
    // Stripe's own expiry event afterwards is harmless.
    expect(await t.fake.deliver()).not.toContain(500);
    expect((await outboxTypes(t.app.testDb.db, booking.uid)).filter((e) => e.type === 'BOOKING_PAYMENT_FAILED')).toHaveLength(1);
    t.app.clock.set('2026-12-01T08:00:00Z');
  });

  it('reminds a booker who has not paid after 5 minutes (asking Stripe first), once, with the checkout link', async () => {
    const { booking } = await book(t.app, host.event, '2026-12-03T14:00:00Z', { attendee: { name: 'Rex', email: 'rex@example.net' } });
    await sessionOf(t, booking.uid);
    await t.mails();
    t.app.clock.advance(5 * 60_000);
    await t.runWorker();
    const reminders = (await t.mails()).filter((m) => m.to.includes('rex@example.net'));
    expect(reminders.map((m) => m.subject)).toEqual([expect.stringMatching(/^Complete your payment: /)]);
    expect(reminders[0]!.text).toContain(`Complete payment: ${booking.payment.checkoutUrl}`);
    expect(reminders[0]!.text).toMatch(/holding this time for you until Dec 1, 2026/);
    const retrieved = t.fake.requests.filter((r) => r.method === 'GET' && r.path === `/v1/checkout/sessions/${t.fake.sessionFor(booking.uid)!.id}`);
    expect(retrieved.length).toBeGreaterThan(0);
    t.app.clock.advance(60_000);
    await t.runWorker();
    expect((await t.mails()).filter((m) => m.to.includes('rex@example.net'))).toEqual([]);
    t.app.clock.set('2026-12-01T08:00:00Z');
  });

  it('a payment in the last second before the sweeper wins: accepted, charged once', async () => {
    const { booking } = await book(t.app, host.event, '2026-12-02T12:00:00Z');
    const session = await sessionOf(t, booking.uid);
    t.app.clock.advance(15 * MINUTE - 1000);
    t.fake.pay(session.id); // its webhook has not arrived yet
    t.app.clock.advance(1000);
    await t.runWorker();
    expect(await bookingStatus(t, booking.uid)).toMatchObject({ status: 'accepted', payment: { status: 'paid' } });
    expect(t.fake.sessions.get(session.id)!.status).toBe('complete');
    expect([...t.fake.charges.values()].filter((c) => c.payment_intent === t.fake.sessions.get(session.id)!.payment_intent)).toHaveLength(1);
    await t.fake.deliver();
    await t.settled();
    expect((await outboxTypes(t.app.testDb.db, booking.uid)).map((e) => e.type)).toEqual(['BOOKING_CREATED', 'BOOKING_PAYMENT_INITIATED', 'BOOKING_PAID', 'BOOKING_CONFIRMED']);
    await t.mails();
    t.app.clock.set('2026-12-01T08:00:00Z');
  });

  it('a webhook lost for good is made up: by the reminder’s re-check, and by the hourly reconciler', async () => {
    const { booking } = await book(t.app, host.event, '2026-12-02T13:00:00Z');
    const session = await sessionOf(t, booking.uid);
    t.fake.pay(session.id); // and none of its events is ever delivered
    t.fake.undelivered().forEach((event) => t.fake.events.splice(t.fake.events.indexOf(event), 1));
    t.app.clock.advance(5 * MINUTE); // the reminder asks Stripe first, finds it paid, and sends no reminder
    await t.runWorker();
    expect((await bookingStatus(t, booking.uid)).status).toBe('accepted');
    expect((await t.mails()).map((m) => m.subject)).not.toContainEqual(expect.stringMatching(/Complete your payment/));

    // A delayed (bank) payment succeeds after the hold, and that news is lost: the reconciler reads it.
    const slow = await book(t.app, host.event, '2026-12-02T13:30:00Z');
    const slowSession = await sessionOf(t, slow.booking.uid);
    t.fake.pay(slowSession.id, { async: true });
    await t.fake.deliver();
    await t.settled();
    expect(await bookingStatus(t, slow.booking.uid)).toMatchObject({ status: 'awaiting_payment', payment: { status: 'unpaid', checkoutUrl: null } });
    t.fake.settleAsync(slowSession.id, 'succeeded');
    t.fake.undelivered().forEach((event) => t.fake.events.splice(t.fake.events.indexOf(event), 1));
    t.app.clock.advance(121 * MINUTE); // the hold is long over (a processing payment keeps its time); the hourly task is due
    await t.runWorker();
    expect((await bookingStatus(t, slow.booking.uid)).status).toBe('accepted');
    await t.mails();
    t.app.clock.set('2026-12-01T08:00:00Z');
  });

  it('applies each event once whatever the order, duplicates included, and Stripe expiring a session by itself', async () => {
    const paid = await book(t.app, host.event, '2026-12-02T14:00:00Z');
    const dropped = await book(t.app, host.event, '2026-12-02T14:30:00Z');
    const [a, b] = [await sessionOf(t, paid.booking.uid), await sessionOf(t, dropped.booking.uid)];
    await t.fake.deliver(); // whatever is pending from earlier tests
    t.fake.pay(a.id);
    t.fake.expireSession(b.id);
    const statuses = await t.fake.deliver({ order: 'newest-first', duplicates: true });
    expect(statuses.every((s) => s === 200)).toBe(true);
    await t.settled();
    expect((await bookingStatus(t, paid.booking.uid)).status).toBe('accepted');
    expect((await bookingStatus(t, dropped.booking.uid)).status).toBe('expired');
    // Every event again, oldest first: still nothing new.
    const all = t.fake.events.filter((e) => [a.id, b.id].includes((e.data.object as { id: string }).id));
    await t.fake.deliver({ events: all, duplicates: true });
    await t.settled();
    const types = (await outboxTypes(t.app.testDb.db, paid.booking.uid)).map((e) => e.type);
    expect(types).toEqual(['BOOKING_CREATED', 'BOOKING_PAYMENT_INITIATED', 'BOOKING_PAID', 'BOOKING_CONFIRMED']);
    expect((await outboxTypes(t.app.testDb.db, dropped.booking.uid)).map((e) => e.type)).toEqual(['BOOKING_CREATED', 'BOOKING_PAYMENT_INITIATED', 'BOOKING_PAYMENT_FAILED']);
    await t.mails();
  });

  it('refuses a forged signature and a stale timestamp with a 400, changing nothing', async () => {
    const { booking } = await book(t.app, host.event, '2026-12-02T15:00:00Z');
    const session = await sessionOf(t, booking.uid);
    await t.fake.deliver();
    t.fake.pay(session.id);
    const pending = t.fake.undelivered();
    expect(await t.fake.deliver({ events: pending, secret: 'whsec_forged_by_someone_else' })).toEqual(pending.map(() => 400));
    const stale = Math.floor(t.app.clock.now() / 1000) - 301;
    expect(await t.fake.deliver({ events: pending, timestamp: stale })).toEqual(pending.map(() => 400));
    const unsigned = await fetch(t.fake.webhook!.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(pending[0]) });
    expect(unsigned.status).toBe(400);
    expect((await bookingStatus(t, booking.uid)).status).toBe('awaiting_payment');
    expect(await t.fake.deliver({ events: pending })).toEqual(pending.map(() => 200));
    await t.settled();
    expect((await bookingStatus(t, booking.uid)).status).toBe('accepted');
    await t.mails();
  });

  it('answers no Stripe payload with a 500: odd shapes, unknown objects, other accounts', async () => {
    const before = (await bookingStatus(t, (await book(t.app, host.event, '2026-12-02T16:00:00Z')).booking.uid)).status;
    const odd = [
      {},
      { id: 'evt_1', type: 'checkout.session.completed' },
      { id: 'evt_2', type: 'checkout.session.completed', data: { object: { id: 42 } } },
      { id: 'evt_3', type: 'checkout.session.completed', data: { object: { id: 'cs_test_nobody' } } },
      { id: 'evt_4', type: 'checkout.session.expired', account: 'acct_someone', data: { object: { id: 'cs_test_nobody' } } },
      { id: 'evt_5', type: 'charge.refunded', data: { object: { payment_intent: 'pi_unknown' } } },
      { id: 'evt_6', type: 'account.updated', data: { object: { id: 'acct_unknown', charges_enabled: 'yes' } } },
      { id: 'evt_7', type: 'refund.updated', data: null },
      { id: 'x'.repeat(300), type: 'checkout.session.completed', data: { object: {} } },
    ];
    const statuses = await t.fake.deliver({ events: odd as never, secret: WEBHOOK_SECRET });
    expect(statuses).toEqual(odd.map(() => 200));
    const garbage = await fetch(t.fake.webhook!.url, { method: 'POST', headers: { 'stripe-signature': 't=1,v1=00' }, body: 'not json' });
    expect(garbage.status).toBe(400);
    expect(before).toBe('awaiting_payment');
  });

  it('two bookers for one paid slot: one holds it, the other gets a 409, and only one session exists', async () => {
    const start = '2026-12-03T09:00:00Z';
    const results = await Promise.all(
      ['ann', 'ben', 'cid', 'dot'].map((name) => t.app.api('POST', '/v1/bookings', bookingBody(host.event, start, { attendee: { name, email: `${name}@example.net` } }), { token: null })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    const winner = results.find((r) => r.status === 201)!.body.booking;
    expect(winner.status).toBe('awaiting_payment');
    await t.settled();
    const asked = t.fake.requests.filter((r) => r.path === '/v1/checkout/sessions' && r.method === 'POST' && /^(ann|ben|cid|dot)@/.test(r.params.customer_email));
    expect(asked.map((r) => r.params.client_reference_id)).toEqual([winner.uid]);
    expect(await expectNoOverlap(t.app.testDb.db, 'paula')).toBeGreaterThan(0);
  });

  it('is still a 201 when Stripe is down after commit; the worker makes the session later', async () => {
    t.fake.down = true;
    const { booking } = await book(t.app, host.event, '2026-12-03T10:00:00Z');
    await t.settled();
    expect(t.fake.sessionFor(booking.uid)).toBeUndefined();
    const unavailable = await fetch(`${t.app.url}/v1/payments/checkout/${booking.uid}`, { redirect: 'manual' });
    expect(unavailable.status).toBe(503);
    t.fake.down = false;
    t.app.clock.advance(30_000);
    await t.runWorker();
    const session = await sessionOf(t, booking.uid);
    // Every try used the one key and the same parameters: one session.
    const creates = t.fake.requests.filter((r) => r.path === '/v1/checkout/sessions' && r.method === 'POST' && r.params.client_reference_id === booking.uid);
    expect(new Set(creates.map((r) => r.idempotencyKey)).size).toBe(1);
    expect([...t.fake.sessions.values()].filter((s) => s.client_reference_id === booking.uid)).toHaveLength(1);
    expect(session.status).toBe('open');
    t.app.clock.set('2026-12-01T08:00:00Z');
  });

  it('a create whose answer was lost: the retry gets the same session back, never a second one', async () => {
    t.fake.failNext(1, { path: '/v1/checkout/sessions', afterApplying: true });
    const { booking } = await book(t.app, host.event, '2026-12-03T13:00:00Z');
    await t.settled();
    expect(t.fake.sessionFor(booking.uid)).toBeDefined(); // Stripe made it ...
    expect((await t.app.testDb.db('payments').join('bookings', 'bookings.id', 'payments.booking_id').where('bookings.uid', booking.uid).first('payments.checkout_session_id')).checkout_session_id).toBeNull(); // ... we never heard
    const link = await fetch(`${t.app.url}/v1/payments/checkout/${booking.uid}`, { redirect: 'manual' });
    expect(link.headers.get('location')).toBe(t.fake.sessionFor(booking.uid)!.url);
    expect([...t.fake.sessions.values()].filter((s) => s.client_reference_id === booking.uid)).toHaveLength(1);
  });

  it('a seated paid event: each seat is its own booking and pays the price once', async () => {
    const seated = await createHost(t.app, 'sasha', { price: { amount: 1500, currency: 'jpy' }, seats: 2 });
    const [first, second] = [await book(t.app, seated.event, '2026-12-02T09:00:00Z'), await book(t.app, seated.event, '2026-12-02T09:00:00Z', { attendee: { name: 'Sam', email: 'sam@example.net' } })];
    const third = await t.app.api('POST', '/v1/bookings', bookingBody(seated.event, '2026-12-02T09:00:00Z', { attendee: { name: 'Tia', email: 'tia@example.net' } }), { token: null });
    expect(third.status).toBe(409); // two seats, both held while they are being paid for
    for (const { booking } of [first, second]) {
      expect(booking.payment).toMatchObject({ amount: 1500, currency: 'jpy' });
      const session = await sessionOf(t, booking.uid);
      expect(session.amount_total).toBe(1500);
      t.fake.pay(session.id);
    }
    await t.fake.deliver();
    await t.settled();
    for (const { booking } of [first, second]) expect((await bookingStatus(t, booking.uid)).status).toBe('accepted');
    const mail = (await t.mails()).find((m) => m.to.includes('sam@example.net'))!;
    expect(mail.text).toContain('Payment: ¥1,500 paid');
  });

  it('a hold that ends while Stripe is down is kept until Stripe can say the session is dead', async () => {
    const { booking } = await book(t.app, host.event, '2026-12-03T11:00:00Z');
    await sessionOf(t, booking.uid);
    t.fake.down = true;
    t.app.clock.advance(16 * MINUTE);
    await t.runWorker();
    expect((await bookingStatus(t, booking.uid)).status).toBe('awaiting_payment');
    t.fake.down = false;
    t.app.clock.advance(10_000); // the job's next try
    await t.runWorker();
    expect((await bookingStatus(t, booking.uid)).status).toBe('expired');
    t.app.clock.set('2026-12-01T08:00:00Z');
  });
});

describe('a price without Stripe', () => {
  it('is refused (422 payments_not_configured), so a paid event is never booked for free', async () => {
    const { startTestApp } = await import('../test-support/test-app.js');
    const app = await startTestApp();
    try {
      const user = await app.api('POST', '/v1/users', { username: 'nora', name: 'Nora', email: 'nora@example.com', timeZone: 'UTC' });
      expect(user.status).toBe(201);
      const res = await app.api('POST', '/v1/event-types', { owner: 'nora', slug: 'paid', title: 'Paid', durationMinutes: 30, price: PRICE });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('payments_not_configured');
      const free = await app.api('POST', '/v1/event-types', { owner: 'nora', slug: 'free', title: 'Free', durationMinutes: 30 });
      const patched = await app.api('PATCH', `/v1/event-types/${free.body.eventType.id}`, { price: PRICE });
      expect(patched.status).toBe(422);
      // One stored before Stripe was removed still cannot be booked for free.
      await app.testDb.db('event_types').where({ id: free.body.eventType.id }).update({ price: JSON.stringify(PRICE) });
      const booking = await app.api('POST', '/v1/bookings', bookingBody('nora/free', '2026-12-02T09:00:00Z'), { token: null });
      expect(booking.status).toBe(422);
      expect(booking.body.error.code).toBe('payments_not_configured');
      // What the host components show: this server takes no payments.
      const state = await app.api('GET', '/v1/users/nora/stripe');
      expect(state.body).toEqual({ stripe: { paymentsEnabled: false, connect: false, account: null } });
    } finally {
      await app.close();
    }
  });
});
