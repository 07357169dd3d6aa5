#!/usr/bin/env node
/**
 * The fake Stripe on its own, for the e2e stack and for trying payments locally:
 *
 *   FAKE_STRIPE_WEBHOOK_URL=http://localhost:3000/v1/stripe/webhook node server/dist/test-support/fake-stripe/serve.js
 *
 * then start OpenSlot with the STRIPE_* lines it prints. Events are delivered as they happen;
 * the hosted Checkout page has Pay and Cancel buttons. FAKE_STRIPE_PORT (default 12111) and
 * FAKE_STRIPE_LATENCY_MS (every API answer waits that long) are optional.
 */
import { startFakeStripe } from './index.js';

const secret = process.env.FAKE_STRIPE_WEBHOOK_SECRET ?? 'whsec_fake_stripe_local_0123456789';
const webhookUrl = process.env.FAKE_STRIPE_WEBHOOK_URL;
const fake = await startFakeStripe({
  port: Number(process.env.FAKE_STRIPE_PORT ?? 12111),
  latencyMs: Number(process.env.FAKE_STRIPE_LATENCY_MS ?? 0),
  autoDeliver: true,
  ...(webhookUrl && { webhook: { url: webhookUrl, secret } }),
});
console.log(`Fake Stripe listening. Start OpenSlot with:\n  STRIPE_SECRET_KEY=sk_test_fake STRIPE_API_URL=${fake.url} STRIPE_WEBHOOK_SECRET=${secret}`);
if (!webhookUrl) console.log('(set FAKE_STRIPE_WEBHOOK_URL to have its events delivered)');
const stop = () => void fake.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
