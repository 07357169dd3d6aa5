import express, { Router } from 'express';
import type { Payments } from './index.js';

/**
 * `POST /v1/stripe/webhook`: mounted before the JSON body parser, because Stripe's signature is
 * over the raw bytes. A bad or stale signature is a 400; a genuine event is applied once and
 * answered 200 only after it committed.
 */
export function createStripeWebhookRouter(deps: { payments: Payments }): Router {
  const { payments } = deps;
  const router = Router();

  router.post('/v1/stripe/webhook', express.raw({ type: () => true, limit: '1mb' }), async (req, res) => {
    if (!payments.webhooksConfigured) {
      res.status(503).json({ error: { code: 'stripe_webhooks_not_configured', message: 'This server has no STRIPE_WEBHOOK_SECRET' } });
      return;
    }
    const header = req.get('stripe-signature');
    const event = header && Buffer.isBuffer(req.body) ? safely(() => payments.verifiedEvent(req.body as Buffer, header)) : null;
    if (!event) {
      res.status(400).json({ error: { code: 'invalid_signature', message: 'The Stripe-Signature header does not sign this body with our endpoint secret, or it is older than 5 minutes' } });
      return;
    }
    await payments.handleEvent(event);
    res.json({ received: true });
  });

  return router;
}

/** A body that passes the signature but is not JSON (only Stripe could send it) is still a 400, never a 500. */
function safely<T>(work: () => T): T | null {
  try {
    return work();
  } catch {
    return null;
  }
}
