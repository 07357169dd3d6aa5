import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStripeClient } from '../../payments/stripe-gateway.js';
import { startFakeStripe, type FakeStripe } from './index.js';

const NOW = Date.parse('2026-12-01T08:00:00Z');

// The fake is only worth its tests if it behaves as Stripe does where OpenSlot relies on it; these
// drive it with the official client, exactly as the server does.
describe('the fake Stripe, through the official client', () => {
  let fake: FakeStripe;
  let stripe: Stripe;
  let now = NOW;
  beforeAll(async () => {
    fake = await startFakeStripe({ now: () => now });
    stripe = createStripeClient({ secretKey: 'sk_test_fake', webhookSecret: null, connectWebhookSecret: null, apiUrl: fake.url, connect: false });
  });
  afterAll(() => fake.close());

  const params = (overrides: Partial<Stripe.Checkout.SessionCreateParams> = {}): Stripe.Checkout.SessionCreateParams => ({
    mode: 'payment',
    line_items: [{ quantity: 1, price_data: { currency: 'eur', unit_amount: 5000, product_data: { name: 'Intro call' } } }],
    success_url: 'https://example.com/back?session_id={CHECKOUT_SESSION_ID}',
    expires_at: Math.floor(now / 1000) + 31 * 60,
    client_reference_id: 'bk_1',
    ...overrides,
  });

  it('replays an idempotent create, and refuses the key with other parameters', async () => {
    const first = await stripe.checkout.sessions.create(params(), { idempotencyKey: 'k-1' });
    const again = await stripe.checkout.sessions.create(params(), { idempotencyKey: 'k-1' });
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    await expect(stripe.checkout.sessions.create(params({ client_reference_id: 'bk_2' }), { idempotencyKey: 'k-1' })).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    // The same key on another account is another request.
    const other = await stripe.checkout.sessions.create(params(), { idempotencyKey: 'k-1', stripeAccount: 'acct_other' });
    expect(other.id).not.toBe(first.id);
  });

  it('keeps a connected account’s objects to that account', async () => {
    const mine = await stripe.checkout.sessions.create(params(), { stripeAccount: 'acct_host' });
    await expect(stripe.checkout.sessions.retrieve(mine.id)).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
    expect((await stripe.checkout.sessions.retrieve(mine.id, {}, { stripeAccount: 'acct_host' })).id).toBe(mine.id);
    fake.pay(mine.id);
    const intent = fake.sessions.get(mine.id)!.payment_intent!;
    await expect(stripe.refunds.create({ payment_intent: intent })).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect((await stripe.refunds.create({ payment_intent: intent, amount: 1000 }, { stripeAccount: 'acct_host' })).status).toBe('succeeded');
  });

  it('enforces Stripe’s 30 minutes to 24 hours for expires_at, and expires only open sessions', async () => {
    await expect(stripe.checkout.sessions.create(params({ expires_at: Math.floor(now / 1000) + 29 * 60 }))).rejects.toMatchObject({ param: 'expires_at' });
    const session = await stripe.checkout.sessions.create(params());
    expect((await stripe.checkout.sessions.expire(session.id)).status).toBe('expired');
    await expect(stripe.checkout.sessions.expire(session.id)).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(() => fake.pay(session.id)).toThrow(/expired/);
  });

  it('expires a session by its own clock, and lists sessions by status', async () => {
    const session = await stripe.checkout.sessions.create(params());
    now += 32 * 60_000;
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe('expired');
    const expired = await stripe.checkout.sessions.list({ status: 'expired' });
    expect(expired.data.map((s) => s.id)).toContain(session.id);
    expect(fake.events.some((e) => e.type === 'checkout.session.expired' && (e.data.object as { id: string }).id === session.id)).toBe(true);
  });

  it('authorises with manual capture, captures once, cancels only what awaits capture', async () => {
    const session = await stripe.checkout.sessions.create(params({ payment_intent_data: { capture_method: 'manual' } }));
    fake.pay(session.id);
    const read = await stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent.latest_charge'] });
    const intent = read.payment_intent as Stripe.PaymentIntent;
    expect(read).toMatchObject({ status: 'complete', payment_status: 'unpaid' });
    expect(intent.status).toBe('requires_capture');
    expect((intent.latest_charge as Stripe.Charge).receipt_url).toMatch(/\/receipts\//);
    expect((await stripe.paymentIntents.capture(intent.id)).status).toBe('succeeded');
    await expect(stripe.paymentIntents.capture(intent.id)).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    await expect(stripe.paymentIntents.cancel(intent.id)).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });

  it('refunds partially until the charge is used up', async () => {
    const session = await stripe.checkout.sessions.create(params());
    fake.pay(session.id);
    const intent = fake.sessions.get(session.id)!.payment_intent!;
    await stripe.refunds.create({ payment_intent: intent, amount: 3000 });
    await expect(stripe.refunds.create({ payment_intent: intent, amount: 3000 })).rejects.toMatchObject({ param: 'amount' });
    expect((await stripe.refunds.create({ payment_intent: intent })).amount).toBe(2000);
    expect((await stripe.refunds.list({ payment_intent: intent })).data.map((r) => r.amount).sort()).toEqual([2000, 3000]);
  });

  it('signs events as Stripe does, so the official library verifies them', async () => {
    const received: Array<{ body: string; signature: string }> = [];
    const { createServer } = await import('node:http');
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk));
      req.on('end', () => {
        received.push({ body, signature: String(req.headers['stripe-signature']) });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake.webhook = { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, secret: 'whsec_abc' };
    const statuses = await fake.deliver({ events: fake.events.slice(0, 2), duplicates: true });
    expect(statuses).toEqual([200, 200, 200, 200]);
    for (const { body, signature } of received) {
      expect(stripe.webhooks.constructEvent(body, signature, 'whsec_abc', 300, undefined, now).id).toMatch(/^evt_/);
    }
    expect(received[0]!.body).toBe(received[1]!.body);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
