import express, { Router } from 'express';
import { FakeStripeError, type FakeStripeStore } from './store.js';

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)} · Fake Stripe</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:30rem;margin:3rem auto;padding:0 1rem}button{font:inherit;padding:.5rem 1.25rem;margin-right:.5rem}</style>
</head><body><p><small>Fake Stripe (test mode, no card needed)</small></p><h1>${escape(title)}</h1>${body}</body></html>`;
}

const money = (amount: number, currency: string) => `${amount} ${currency.toUpperCase()} (minor units)`;

/**
 * The pages a person sees on Stripe: the hosted Checkout page (Pay, Cancel) and Connect's
 * onboarding, so Playwright can click through them. Paying calls `onPaid` with the new events
 * (the fake then delivers them as webhooks) before the browser goes to `success_url`.
 */
export function createPagesRouter(store: FakeStripeStore, hooks: { afterChange(): void }): Router {
  const router = Router();
  router.use(express.urlencoded({ extended: false, limit: '10kb' }));

  router.get('/', (_req, res) => {
    res.send(page('Fake Stripe', '<p>A stateful stand-in for api.stripe.com, for tests and local use.</p>'));
  });

  router.get('/checkout/:id', (req, res) => {
    store.tick();
    const session = store.sessions.get(req.params.id);
    if (!session) return void res.status(404).send(page('Not found', '<p>No such Checkout Session.</p>'));
    if (session.status !== 'open') {
      return void res.status(410).send(page('This session is no longer active', `<p>This Checkout Session is ${escape(session.status)}.</p>`));
    }
    const item = session.line_items[0]!;
    res.send(
      page(
        `Pay ${item.name}`,
        `<p data-amount="${session.amount_total}" data-currency="${escape(session.currency)}">Total: ${escape(money(session.amount_total, session.currency))}</p>
<p>Email: ${escape(session.customer_email ?? '')}</p>
<form method="post" action="/checkout/${escape(session.id)}/pay"><button type="submit">Pay</button></form>
<form method="post" action="/checkout/${escape(session.id)}/cancel"><button type="submit">Cancel</button></form>`,
      ),
    );
  });

  router.post('/checkout/:id/pay', (req, res) => {
    try {
      const session = store.pay(req.params.id);
      hooks.afterChange();
      res.redirect(303, session.success_url.replaceAll('{CHECKOUT_SESSION_ID}', session.id));
    } catch (error) {
      if (!(error instanceof FakeStripeError)) throw error;
      res.status(error.body.status).send(page('Payment not possible', `<p>${escape(error.message)}</p>`));
    }
  });

  router.post('/checkout/:id/cancel', (req, res) => {
    const session = store.sessions.get(req.params.id);
    if (!session) return void res.status(404).send(page('Not found', '<p>No such Checkout Session.</p>'));
    res.redirect(303, session.cancel_url.replaceAll('{CHECKOUT_SESSION_ID}', session.id));
  });

  router.get('/receipts/:intent', (req, res) => {
    res.send(page('Receipt', `<p>Receipt for ${escape(req.params.intent)}.</p>`));
  });

  router.get('/connect/onboarding/:account', (req, res) => {
    const returnUrl = String(req.query.return_url ?? '');
    res.send(
      page(
        'Set up payments',
        `<form method="post" action="/connect/onboarding/${escape(req.params.account)}"><input type="hidden" name="return_url" value="${escape(returnUrl)}"><button type="submit">Finish onboarding</button></form>`,
      ),
    );
  });

  router.post('/connect/onboarding/:account', (req, res) => {
    try {
      store.completeOnboarding(req.params.account);
      hooks.afterChange();
      res.redirect(303, String(req.body?.return_url ?? '/'));
    } catch (error) {
      if (!(error instanceof FakeStripeError)) throw error;
      res.status(404).send(page('Not found', `<p>${escape(error.message)}</p>`));
    }
  });

  return router;
}
