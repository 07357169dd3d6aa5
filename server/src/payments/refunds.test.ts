import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { book, createHost, outboxTypes } from '../test-support/bookings.js';
import { bookingStatus, sessionOf, startPaymentsApp, type PaymentsTestApp } from '../test-support/payments.js';
import { ADMIN_KEY } from '../test-support/test-app.js';

const HOUR = 3_600_000;
const PRICE = { amount: 5000, currency: 'eur' };

describe('refunds', () => {
  let t: PaymentsTestApp;
  let slot = 0;
  beforeAll(async () => {
    t = await startPaymentsApp({ now: '2026-12-01T08:00:00Z' });
  });
  afterAll(() => t.close());

  /** A host whose event type has `refundPolicy`, and a paid, accepted booking of it starting `hoursAhead` from now. */
  async function paidBooking(refundPolicy: Record<string, unknown>, hoursAhead = 48) {
    const name = `host${++slot}`;
    const host = await createHost(t.app, name, { price: PRICE, refundPolicy, minimumNoticeMinutes: 0 });
    const start = new Date(Date.parse('2026-12-01T09:00:00Z') + Math.round(hoursAhead / 24) * 24 * HOUR).toISOString();
    const { booking, manageToken } = await book(t.app, host.event, start);
    const session = await sessionOf(t, booking.uid);
    t.fake.pay(session.id);
    await t.fake.deliver();
    await t.settled();
    expect((await bookingStatus(t, booking.uid)).status).toBe('accepted');
    await t.mails();
    return { host, booking, manageToken, intent: t.fake.sessions.get(session.id)!.payment_intent! };
  }

  const refundsAt = (intent: string) => [...t.fake.refunds.values()].filter((r) => r.payment_intent === intent);

  async function cancelAsBooker(uid: string, token: string) {
    const res = await t.app.api('POST', `/v1/bookings/${uid}/cancel`, { reason: 'Plans changed' }, { token });
    expect(res.status).toBe(200);
    await t.settled();
  }

  it('booker cancel under {type: "none"}: nothing back (refunds cost fees; the host may still refund)', async () => {
    const { booking, manageToken, intent } = await paidBooking({ type: 'none' });
    await cancelAsBooker(booking.uid, manageToken);
    expect(refundsAt(intent)).toHaveLength(0);
    expect(await bookingStatus(t, booking.uid)).toMatchObject({ status: 'cancelled', payment: { status: 'paid', refundedAmount: 0 } });
    const cancelled = (await t.mails()).find((m) => m.to.includes('dana@example.net'))!;
    expect(cancelled.subject).toMatch(/^Cancelled: /);
    expect(cancelled.text).toContain('Payment: €50.00 paid');
  });

  it('booker cancel under {type: "full"}: everything back, announced by webhook and email', async () => {
    const { booking, manageToken, intent } = await paidBooking({ type: 'full' });
    await cancelAsBooker(booking.uid, manageToken);
    expect(refundsAt(intent).map((r) => [r.amount, r.status])).toEqual([[5000, 'succeeded']]);
    const key = t.fake.requests.find((r) => r.path === '/v1/refunds' && r.method === 'POST' && r.params.payment_intent === intent)!.idempotencyKey;
    expect(key).toMatch(/^openslot:refund:rf_/);
    expect(await bookingStatus(t, booking.uid)).toMatchObject({ status: 'cancelled', payment: { status: 'refunded', refundedAmount: 5000 } });
    const refunded = (await outboxTypes(t.app.testDb.db, booking.uid)).find((e) => e.type === 'BOOKING_REFUNDED')!;
    expect(refunded.data).toMatchObject({ refund: { amount: 5000, reason: 'booker_cancelled', kind: 'refund' }, payment: { status: 'refunded', refundedAmount: 5000 } });
    const mails = (await t.mails()).filter((m) => m.to.includes('dana@example.net')).map((m) => m.subject);
    expect(mails).toEqual(expect.arrayContaining([expect.stringMatching(/^Cancelled: /), expect.stringMatching(/^Refund of €50\.00: /)]));
    // Stripe's own news of that refund afterwards changes nothing.
    await t.fake.deliver({ duplicates: true });
    await t.settled();
    expect((await outboxTypes(t.app.testDb.db, booking.uid)).filter((e) => e.type === 'BOOKING_REFUNDED')).toHaveLength(1);
  });

  it('booker cancel under {type: "partial", percent: 50}: half back, rounded down to the minor unit', async () => {
    const { booking, manageToken, intent } = await paidBooking({ type: 'partial', percent: 33 });
    await cancelAsBooker(booking.uid, manageToken);
    expect(refundsAt(intent).map((r) => r.amount)).toEqual([1650]);
    expect(await bookingStatus(t, booking.uid)).toMatchObject({ payment: { status: 'partially_refunded', refundedAmount: 1650 } });
    await t.mails();
  });

  it('fullUntilHoursBefore: everything back early enough, the policy’s share after', async () => {
    const early = await paidBooking({ type: 'partial', percent: 50, fullUntilHoursBefore: 24 }, 48);
    await cancelAsBooker(early.booking.uid, early.manageToken);
    expect(refundsAt(early.intent).map((r) => r.amount)).toEqual([5000]);
    const late = await paidBooking({ type: 'partial', percent: 50, fullUntilHoursBefore: 72 }, 48);
    await cancelAsBooker(late.booking.uid, late.manageToken);
    expect(refundsAt(late.intent).map((r) => r.amount)).toEqual([2500]);
    const window = await paidBooking({ type: 'full', fullUntilHoursBefore: 72 }, 48);
    await cancelAsBooker(window.booking.uid, window.manageToken);
    expect(refundsAt(window.intent)).toHaveLength(0);
    const noneButEarly = await paidBooking({ type: 'none', fullUntilHoursBefore: 24 }, 48);
    await cancelAsBooker(noneButEarly.booking.uid, noneButEarly.manageToken);
    expect(refundsAt(noneButEarly.intent).map((r) => r.amount)).toEqual([5000]);
    await t.mails();
  });

  it('a host cancel refunds in full whatever the policy', async () => {
    const { host, booking, intent } = await paidBooking({ type: 'none' });
    const res = await t.app.api('POST', `/v1/bookings/${booking.uid}/cancel`, { reason: 'Ill' }, { token: host.apiKey });
    expect(res.status).toBe(200);
    await t.settled();
    expect(refundsAt(intent).map((r) => r.amount)).toEqual([5000]);
    expect((await outboxTypes(t.app.testDb.db, booking.uid)).find((e) => e.type === 'BOOKING_REFUNDED')!.data.refund.reason).toBe('host_cancelled');
    await t.mails();
  });

  it('POST /v1/bookings/:uid/refund: the host refunds part, then the rest; never more than was paid', async () => {
    const { host, booking, manageToken, intent } = await paidBooking({ type: 'none' });
    const byBooker = await t.app.api('POST', `/v1/bookings/${booking.uid}/refund`, {}, { token: manageToken });
    expect(byBooker.status).toBe(403);
    const part = await t.app.api('POST', `/v1/bookings/${booking.uid}/refund`, { amount: 1000 }, { token: host.apiKey });
    expect(part.status).toBe(200);
    expect(part.body.booking).toMatchObject({ status: 'accepted', payment: { status: 'partially_refunded', refundedAmount: 1000 } });
    const tooMuch = await t.app.api('POST', `/v1/bookings/${booking.uid}/refund`, { amount: 4001 }, { token: host.apiKey });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error).toMatchObject({ code: 'refund_exceeds_payment', details: { refundable: 4000 } });
    const bad = await t.app.api('POST', `/v1/bookings/${booking.uid}/refund`, { amount: -5, extra: true }, { token: host.apiKey });
    expect(bad.status).toBe(400);
    const rest = await t.app.api('POST', `/v1/bookings/${booking.uid}/refund`, {}, { token: host.apiKey });
    expect(rest.body.booking.payment).toMatchObject({ status: 'refunded', refundedAmount: 5000 });
    expect(refundsAt(intent).map((r) => r.amount).sort()).toEqual([1000, 4000]);
    const nothingLeft = await t.app.api('POST', `/v1/bookings/${booking.uid}/refund`, {}, { token: host.apiKey });
    expect(nothingLeft.status).toBe(422);
    const mails = await t.mails();
    expect(mails.filter((m) => m.to.includes('dana@example.net')).map((m) => m.subject)).toEqual([expect.stringMatching(/^Refund of €10\.00/), expect.stringMatching(/^Refund of €40\.00/)]);
    const free = await createHost(t.app, 'freeda');
    const unpaid = await book(t.app, free.event, '2026-12-04T09:00:00Z');
    expect((await t.app.api('POST', `/v1/bookings/${unpaid.booking.uid}/refund`, {}, { token: free.apiKey })).body.error.code).toBe('not_paid');
    await t.mails();
  });

  it('Idempotency-Key on a refund: a repeat gets the first answer and no second refund; the key is the caller’s own', async () => {
    const { host, booking, intent } = await paidBooking({ type: 'none' });
    const refund = (body: unknown, key: string, token = host.apiKey) => t.app.api('POST', `/v1/bookings/${booking.uid}/refund`, body, { token, headers: { 'idempotency-key': key } });
    const first = await refund({ amount: 1000 }, 'refund-7');
    expect(first.status).toBe(200);
    expect(first.body.booking.payment).toMatchObject({ status: 'partially_refunded', refundedAmount: 1000 });
    const [again, concurrent] = await Promise.all([refund({ amount: 1000 }, 'refund-7'), refund({ amount: 1000 }, 'refund-7')]);
    expect([again.status, concurrent.status]).toEqual([200, 200]);
    expect(again.body).toEqual(first.body);
    expect(refundsAt(intent).map((r) => r.amount)).toEqual([1000]);
    // Another body under that key is a conflict, and refunds nothing.
    const other = await refund({ amount: 2000 }, 'refund-7');
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('idempotency_conflict');
    // Keys compare byte for byte (MariaDB folds case by default): this is a new key.
    expect((await refund({ amount: 1000 }, 'REFUND-7')).body.booking.payment.refundedAmount).toBe(2000);
    // The admin's key namespace is not the host's: the same key is a new request there.
    expect((await refund({ amount: 1000 }, 'refund-7', ADMIN_KEY)).body.booking.payment.refundedAmount).toBe(3000);
    expect(refundsAt(intent).map((r) => r.amount)).toEqual([1000, 1000, 1000]);
    // The same key on another booking of the same caller is another request: 409, nothing refunded.
    const second = await paidBooking({ type: 'none' });
    const elsewhere = await t.app.api('POST', `/v1/bookings/${second.booking.uid}/refund`, { amount: 1000 }, { token: second.host.apiKey, headers: { 'idempotency-key': 'refund-7' } });
    expect(elsewhere.status).toBe(200); // another host: another caller, another key
    const sameCaller = await t.app.api('POST', `/v1/bookings/${second.booking.uid}/refund`, { amount: 1000 }, { headers: { 'idempotency-key': 'refund-7' } });
    expect(sameCaller.status).toBe(409);
    expect(refundsAt(second.intent).map((r) => r.amount)).toEqual([1000]);
    await t.mails();
  });

  it('two full refunds at once without a key give back what was paid, once', async () => {
    const { host, booking, intent } = await paidBooking({ type: 'none' });
    const both = await Promise.all([1, 2].map(() => t.app.api('POST', `/v1/bookings/${booking.uid}/refund`, {}, { token: host.apiKey })));
    expect(both.map((r) => r.status).sort()).toEqual([200, 422]);
    expect(refundsAt(intent).map((r) => r.amount)).toEqual([5000]);
    expect((await bookingStatus(t, booking.uid)).payment).toMatchObject({ status: 'refunded', refundedAmount: 5000 });
    await t.mails();
  });

  it('follows Stripe: a pending refund that fails is taken back and the host is told', async () => {
    const { host, booking, intent } = await paidBooking({ type: 'none' });
    t.fake.refundsPending = true;
    await t.app.api('POST', `/v1/bookings/${booking.uid}/refund`, { amount: 2000 }, { token: host.apiKey });
    t.fake.refundsPending = false;
    expect((await bookingStatus(t, booking.uid)).payment).toMatchObject({ status: 'partially_refunded', refundedAmount: 2000 });
    await t.mails();
    t.fake.settleRefund(refundsAt(intent)[0]!.id, 'failed');
    await t.fake.deliver();
    await t.settled();
    expect((await bookingStatus(t, booking.uid)).payment).toMatchObject({ status: 'paid', refundedAmount: 0 });
    const toHost = (await t.mails()).find((m) => m.to.includes(`${host.username}@example.com`))!;
    expect(toHost.subject).toBe(`Refund failed: €20.00 for ${booking.title}`);
  });

  it('records a refund made in the Stripe Dashboard', async () => {
    const { booking, intent } = await paidBooking({ type: 'none' });
    await fetch(`${t.fake.url}/v1/refunds`, { method: 'POST', headers: { authorization: 'Bearer sk_test_x', 'content-type': 'application/x-www-form-urlencoded' }, body: `payment_intent=${intent}&amount=500` });
    await t.fake.deliver();
    await t.settled();
    expect((await bookingStatus(t, booking.uid)).payment).toMatchObject({ status: 'partially_refunded', refundedAmount: 500 });
    expect((await outboxTypes(t.app.testDb.db, booking.uid)).find((e) => e.type === 'BOOKING_REFUNDED')!.data.refund).toEqual({ amount: 500, reason: 'stripe_dashboard', kind: 'refund' });
    // The worker never sends it to Stripe a second time.
    await t.runWorker();
    expect(refundsAt(intent)).toHaveLength(1);
    await t.mails();
  });

  it('a refund waits while Stripe is down, then goes once', async () => {
    const { booking, manageToken, intent } = await paidBooking({ type: 'full' });
    t.fake.down = true;
    await cancelAsBooker(booking.uid, manageToken);
    expect((await bookingStatus(t, booking.uid)).payment.refundedAmount).toBe(0);
    t.fake.down = false;
    t.app.clock.advance(60_000);
    await t.runWorker();
    expect(refundsAt(intent).map((r) => r.amount)).toEqual([5000]);
    expect((await bookingStatus(t, booking.uid)).payment.refundedAmount).toBe(5000);
    t.app.clock.set('2026-12-01T08:00:00Z');
    await t.mails();
  });

  it('a payment whose time is gone (the host cancelled during checkout) is refunded in full, with a link to pick another time', async () => {
    const host = await createHost(t.app, 'latecomer', { price: PRICE });
    const { booking } = await book(t.app, host.event, '2026-12-04T09:00:00Z');
    const session = await sessionOf(t, booking.uid);
    t.fake.pay(session.id); // paid, but its webhook is still on the way when the host cancels
    const res = await t.app.api('POST', `/v1/bookings/${booking.uid}/cancel`, { reason: 'Double-booked elsewhere' }, { token: host.apiKey });
    expect(res.status).toBe(200);
    await t.settled();
    await t.fake.deliver();
    await t.settled();
    const intent = t.fake.sessions.get(session.id)!.payment_intent!;
    expect(refundsAt(intent).map((r) => r.amount)).toEqual([5000]);
    expect(await bookingStatus(t, booking.uid)).toMatchObject({ status: 'cancelled', payment: { status: 'refunded', refundedAmount: 5000 } });
    expect((await outboxTypes(t.app.testDb.db, booking.uid)).map((e) => e.type)).toEqual(['BOOKING_CREATED', 'BOOKING_PAYMENT_INITIATED', 'BOOKING_CANCELLED', 'BOOKING_PAID', 'BOOKING_REFUNDED']);
    const mail = (await t.mails()).find((m) => m.subject.startsWith('Refund of €50.00'))!;
    expect(mail.text).toContain('refunded in full; please pick another time');
    expect(mail.text).toMatch(new RegExp(`Pick another time: .*/book/latecomer/meet`));
  });

  it('a reschedule keeps the payment: nobody is asked to pay again (cal.com #10121)', async () => {
    const { booking, manageToken, intent } = await paidBooking({ type: 'none' });
    const sessionsBefore = t.fake.sessions.size;
    const moved = await t.app.api('POST', `/v1/bookings/${booking.uid}/reschedule`, { start: new Date(Date.parse(booking.start) + HOUR).toISOString() }, { token: manageToken });
    expect(moved.status).toBe(201);
    expect(moved.body.booking).toMatchObject({ status: 'accepted', payment: { status: 'paid', amount: 5000, checkoutUrl: null } });
    expect((await bookingStatus(t, booking.uid)).payment).toBeNull();
    await t.settled();
    expect(t.fake.sessions.size).toBe(sessionsBefore);
    // And the money stays refundable from the new booking.
    await cancelAsBooker(moved.body.booking.uid, manageToken);
    expect(refundsAt(intent)).toHaveLength(0);
    await t.mails();
  });
});
