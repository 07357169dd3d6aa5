import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { book, bookingBody, createHost } from '../test-support/bookings.js';
import { bookingStatus, CONNECT_WEBHOOK_SECRET, sessionOf, startPaymentsApp, type PaymentsTestApp } from '../test-support/payments.js';

const PRICE = { amount: 8000, currency: 'gbp' };

// With STRIPE_CONNECT=true every user or team is paid into the account it connects (direct
// charges): the session, its PaymentIntent and its refunds live on that account.
describe('Stripe Connect: the right account, every time', () => {
  let t: PaymentsTestApp;
  let alice: Awaited<ReturnType<typeof createHost>>;
  let bob: Awaited<ReturnType<typeof createHost>>;
  beforeAll(async () => {
    t = await startPaymentsApp({ now: '2026-12-01T08:00:00Z', env: { STRIPE_CONNECT: 'true', STRIPE_CONNECT_WEBHOOK_SECRET: CONNECT_WEBHOOK_SECRET } });
    alice = await createHost(t.app, 'alice', { slug: 'free' });
    bob = await createHost(t.app, 'bob', { slug: 'free' });
  });
  afterAll(() => t.close());

  /** Follows the onboarding link through the fake's page and back to OpenSlot's return page. */
  async function onboard(url: string): Promise<string> {
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const account = /\/connect\/onboarding\/(acct_[\w]+)/.exec(url)![1]!;
    const returnUrl = new URL(url).searchParams.get('return_url')!;
    const finished = await fetch(`${t.fake.url}/connect/onboarding/${account}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ return_url: returnUrl }), redirect: 'manual' });
    expect(finished.headers.get('location')).toBe(returnUrl);
    const back = await fetch(returnUrl.replace(t.app.services.config.publicUrl, t.app.url));
    expect(await back.text()).toContain('Stripe connected');
    return account;
  }

  it('a user connects: onboarding link, charges enabled on return; their paid bookings are charged to their account', async () => {
    const refused = await t.app.api('POST', '/v1/users/alice/stripe/connect', undefined, { token: bob.apiKey });
    expect(refused.status).toBe(403);
    expect((await t.app.api('GET', '/v1/users/alice/stripe', undefined, { token: bob.apiKey })).status).toBe(403);
    const before = await t.app.api('GET', '/v1/users/alice/stripe', undefined, { token: alice.apiKey });
    expect(before.body).toEqual({ stripe: { paymentsEnabled: true, connect: true, account: null } });
    const link = await t.app.api('POST', '/v1/users/alice/stripe/connect', undefined, { token: alice.apiKey });
    expect(link.status).toBe(201);
    // A second click makes no second account.
    const again = await t.app.api('POST', '/v1/users/alice/stripe/connect', undefined, { token: alice.apiKey });
    expect(t.fake.accounts.size).toBe(1);
    expect(new URL(again.body.url).pathname).toBe(new URL(link.body.url).pathname);

    const paid = await t.app.api('POST', '/v1/event-types', { owner: 'alice', slug: 'paid', title: 'Paid call', durationMinutes: 30, price: PRICE }, { token: alice.apiKey });
    expect(paid.status).toBe(201);
    const early = await t.app.api('POST', '/v1/bookings', bookingBody('alice/paid', '2026-12-02T09:00:00Z'), { token: null });
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('payments_not_configured');

    const pending = await t.app.api('GET', '/v1/users/alice/stripe', undefined, { token: alice.apiKey });
    expect(pending.body.stripe.account).toEqual({ id: expect.stringMatching(/^acct_/), chargesEnabled: false, detailsSubmitted: false });
    const account = await onboard(link.body.url);
    const ready = await t.app.api('GET', '/v1/users/alice/stripe', undefined, { token: alice.apiKey });
    expect(ready.body.stripe.account).toEqual({ id: account, chargesEnabled: true, detailsSubmitted: true });
    const { booking } = await book(t.app, 'alice/paid', '2026-12-02T09:00:00Z');
    await sessionOf(t, booking.uid);
    const create = t.fake.requests.find((r) => r.path === '/v1/checkout/sessions' && r.params.client_reference_id === booking.uid)!;
    expect(create.account).toBe(account);
    const session = t.fake.sessionFor(booking.uid)!;
    t.fake.pay(session.id);
    // The Connect endpoint's events carry the account and its own secret.
    expect(await t.fake.deliver()).not.toContain(400);
    await t.settled();
    expect((await bookingStatus(t, booking.uid)).status).toBe('accepted');
    // And its refund is made on that same account.
    const refund = await t.app.api('POST', `/v1/bookings/${booking.uid}/refund`, { amount: 1000 }, { token: alice.apiKey });
    expect(refund.status).toBe(200);
    expect(t.fake.requests.find((r) => r.path === '/v1/refunds' && r.method === 'POST')!.account).toBe(account);
    await t.mails();
  });

  it('team event types charge the team’s account, not a host’s', async () => {
    const team = await t.app.api('POST', '/v1/teams', { slug: 'acme', name: 'Acme', members: [{ username: 'alice', role: 'owner' }, { username: 'bob', role: 'member' }] });
    expect(team.status).toBe(201);
    const link = await t.app.api('POST', '/v1/teams/acme/stripe/connect', undefined, { token: bob.apiKey });
    expect([403, 404]).toContain(link.status);
    const teamLink = await t.app.api('POST', '/v1/teams/acme/stripe/connect');
    expect(teamLink.status).toBe(201);
    const teamAccount = /acct_\w+/.exec(teamLink.body.url)![0];
    // Onboarding finished; the team's account reports it through account.updated on the Connect endpoint.
    t.fake.completeOnboarding(teamAccount);
    expect(await t.fake.deliver({ events: t.fake.undelivered().filter((e) => e.type === 'account.updated') })).toEqual([200]);
    expect((await t.app.api('GET', '/v1/teams/acme/stripe')).body.stripe.account).toEqual({ id: teamAccount, chargesEnabled: true, detailsSubmitted: true });
    expect([403, 404]).toContain((await t.app.api('GET', '/v1/teams/acme/stripe', undefined, { token: bob.apiKey })).status);

    const eventType = await t.app.api('POST', '/v1/event-types', {
      owner: 'acme', slug: 'sales', title: 'Sales call', durationMinutes: 30, price: PRICE, schedulingType: 'round_robin',
      hosts: [{ username: 'alice' }, { username: 'bob' }],
    });
    expect(eventType.status).toBe(201);
    const { booking } = await book(t.app, 'acme/sales', '2026-12-03T10:00:00Z');
    await sessionOf(t, booking.uid);
    const create = t.fake.requests.find((r) => r.path === '/v1/checkout/sessions' && r.params.client_reference_id === booking.uid)!;
    expect(create.account).toBe(teamAccount);
    const aliceAccount = [...t.fake.accounts.keys()].find((id) => id !== teamAccount);
    expect(create.account).not.toBe(aliceAccount);
  });

  it('a session paid on another account than the payment’s is not taken for it', async () => {
    const { booking } = await book(t.app, 'alice/paid', '2026-12-02T11:00:00Z');
    const session = await sessionOf(t, booking.uid);
    // An event claiming alice's session for the platform account: read from Stripe, it is not there.
    const forged = { id: 'evt_forged_account', object: 'event', type: 'checkout.session.completed', data: { object: { id: session.id } } };
    expect(await t.fake.deliver({ events: [forged as never] })).toEqual([200]);
    expect((await bookingStatus(t, booking.uid)).status).toBe('awaiting_payment');
  });

  it('account.updated turning charges off stops new paid bookings, not existing ones', async () => {
    const account = t.fake.accounts.values().next().value!;
    t.fake.completeOnboarding(account.id, false);
    await t.fake.deliver();
    const res = await t.app.api('POST', '/v1/bookings', bookingBody('alice/paid', '2026-12-04T09:00:00Z'), { token: null });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('payments_not_configured');
  });

  it('without STRIPE_CONNECT, connecting is refused and everything is paid into the platform’s account', async () => {
    const plain = await startPaymentsApp({ now: '2026-12-01T08:00:00Z' });
    try {
      const carl = await createHost(plain.app, 'carl', { price: PRICE });
      const refused = await plain.app.api('POST', '/v1/users/carl/stripe/connect', undefined, { token: carl.apiKey });
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('payments_not_configured');
      const state = await plain.app.api('GET', '/v1/users/carl/stripe', undefined, { token: carl.apiKey });
      expect(state.body).toEqual({ stripe: { paymentsEnabled: true, connect: false, account: null } });
      const { booking } = await book(plain.app, carl.event, '2026-12-02T09:00:00Z');
      await sessionOf(plain, booking.uid);
      expect(plain.fake.requests.find((r) => r.path === '/v1/checkout/sessions')!.account).toBeNull();
    } finally {
      await plain.close();
    }
  });
});
