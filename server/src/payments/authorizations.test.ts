import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { book, createHost, outboxTypes } from '../test-support/bookings.js';
import { bookingStatus, sessionOf, startPaymentsApp, type PaymentsTestApp } from '../test-support/payments.js';

const DAY = 24 * 3_600_000;

// Requires-confirmation paid event types: the card is authorised at checkout and charged only if
// the host says yes (cal.com #14040: a rejected request was still charged).
describe('paid requests: authorise, then capture or release', () => {
  let t: PaymentsTestApp;
  let host: Awaited<ReturnType<typeof createHost>>;
  beforeAll(async () => {
    t = await startPaymentsApp({ now: '2026-12-01T08:00:00Z' });
    host = await createHost(t.app, 'rhea', { price: { amount: 12000, currency: 'usd' }, requiresConfirmation: true });
  });
  afterAll(() => t.close());

  async function authorisedRequest(start: string) {
    const { booking, manageToken } = await book(t.app, host.event, start);
    const session = await sessionOf(t, booking.uid);
    const create = t.fake.requests.find((r) => r.path === '/v1/checkout/sessions' && r.params.client_reference_id === booking.uid)!;
    expect(create.params.payment_intent_data.capture_method).toBe('manual');
    t.fake.pay(session.id);
    await t.fake.deliver();
    await t.settled();
    return { booking, manageToken, intent: t.fake.sessions.get(session.id)!.payment_intent!, mails: await t.mails() };
  }

  it('checkout authorises only; the booking waits for the host', async () => {
    const { booking, intent, mails } = await authorisedRequest('2026-12-02T09:00:00Z');
    expect(await bookingStatus(t, booking.uid)).toMatchObject({ status: 'pending', payment: { status: 'authorized', amount: 12000 } });
    expect(t.fake.intents.get(intent)!.status).toBe('requires_capture');
    expect((await outboxTypes(t.app.testDb.db, booking.uid)).map((e) => e.type)).toEqual(['BOOKING_CREATED', 'BOOKING_PAYMENT_INITIATED', 'BOOKING_REQUESTED']);
    expect(mails.find((m) => m.to.includes('rhea@example.com'))!.text).toContain('Payment: $120.00 authorised on the card, charged only once confirmed');
  });

  it('the host’s confirm captures the payment', async () => {
    const { booking, intent } = await authorisedRequest('2026-12-02T10:00:00Z');
    const res = await t.app.api('POST', `/v1/bookings/${booking.uid}/confirm`, {}, { token: host.apiKey });
    expect(res.status).toBe(200);
    await t.settled();
    expect(t.fake.intents.get(intent)!.status).toBe('succeeded');
    expect(await bookingStatus(t, booking.uid)).toMatchObject({ status: 'accepted', payment: { status: 'paid' } });
    const types = (await outboxTypes(t.app.testDb.db, booking.uid)).map((e) => e.type);
    expect(types.slice(-2)).toEqual(['BOOKING_CONFIRMED', 'BOOKING_PAID']);
    const capture = t.fake.requests.filter((r) => r.path === `/v1/payment_intents/${intent}/capture`);
    expect(capture).toHaveLength(1);
    await t.mails();
  });

  it('the host’s reject releases the authorisation: nothing is charged, nothing to refund', async () => {
    const { booking, intent } = await authorisedRequest('2026-12-02T11:00:00Z');
    const res = await t.app.api('POST', `/v1/bookings/${booking.uid}/reject`, { reason: 'Fully booked that week' }, { token: host.apiKey });
    expect(res.status).toBe(200);
    await t.settled();
    expect(t.fake.intents.get(intent)!.status).toBe('canceled');
    expect([...t.fake.refunds.values()].filter((r) => r.payment_intent === intent)).toHaveLength(0);
    expect(await bookingStatus(t, booking.uid)).toMatchObject({ status: 'rejected', payment: { status: 'refunded', refundedAmount: 12000 } });
    const refunded = (await outboxTypes(t.app.testDb.db, booking.uid)).find((e) => e.type === 'BOOKING_REFUNDED')!;
    expect(refunded.data.refund).toEqual({ amount: 12000, reason: 'rejected', kind: 'authorization_released' });
    const toBooker = (await t.mails()).filter((m) => m.to.includes('dana@example.net'));
    expect(toBooker.map((m) => m.subject)).toEqual([expect.stringMatching(/^Declined: /)]);
    expect(toBooker[0]!.text).toContain('not charged');
  });

  it('a booker who cancels a request is not charged either', async () => {
    const { booking, manageToken, intent } = await authorisedRequest('2026-12-02T12:00:00Z');
    await t.app.api('POST', `/v1/bookings/${booking.uid}/cancel`, {}, { token: manageToken });
    await t.settled();
    expect(t.fake.intents.get(intent)!.status).toBe('canceled');
    await t.mails();
  });

  it('an authorisation undecided for 6 days is released, the request rejected, and both told', async () => {
    const { booking, intent } = await authorisedRequest('2026-12-10T09:00:00Z');
    t.app.clock.advance(6 * DAY - 60_000);
    await t.runWorker();
    expect((await bookingStatus(t, booking.uid)).status).toBe('pending');
    t.app.clock.advance(60_000);
    await t.runWorker();
    expect(t.fake.intents.get(intent)!.status).toBe('canceled');
    expect(await bookingStatus(t, booking.uid)).toMatchObject({ status: 'rejected', payment: { status: 'refunded' } });
    const mails = await t.mails();
    expect(mails.find((m) => m.to.includes('dana@example.net'))!.subject).toMatch(/^Request expired: /);
    expect(mails.find((m) => m.to.includes('rhea@example.com'))!.text).toContain('within 6 days');
    t.app.clock.set('2026-12-01T08:00:00Z');
  });
});
