import { expect } from 'vitest';
import { startFakeStripe, type FakeStripe, type Session } from './fake-stripe/index.js';
import { startInbox, type ReceivedMail } from './smtp-inbox.js';
import { startTestApp, type TestApp } from './test-app.js';

export const WEBHOOK_SECRET = 'whsec_test_openslot_platform_0123456789';
export const CONNECT_WEBHOOK_SECRET = 'whsec_test_openslot_connect_0123456789';

export interface PaymentsTestApp {
  app: TestApp;
  fake: FakeStripe;
  inbox: Awaited<ReturnType<typeof startInbox>>;
  /** Runs the jobs that are due at the app's clock (the after-commit Stripe calls and mail), as the worker would. */
  settled(): Promise<void>;
  /** The same, after a clock move (kept apart for the tests' reading). */
  runWorker(): Promise<void>;
  /** Mail delivered since the last call. */
  mails(): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/**
 * The real app with Stripe configured and pointed at a fresh fake Stripe that shares the test's
 * clock (session expiry, signature timestamps), a real SMTP inbox, and webhooks delivered by hand.
 */
export async function startPaymentsApp(options: { now?: string; env?: Record<string, string> } = {}): Promise<PaymentsTestApp> {
  const clock: { now(): number } = { now: () => Date.now() };
  const fake = await startFakeStripe({ now: () => clock.now() });
  const inbox = await startInbox();
  const app = await startTestApp({
    ...(options.now && { now: options.now }),
    env: { STRIPE_SECRET_KEY: 'sk_test_openslot', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_URL: fake.url, SMTP_URL: inbox.smtpUrl, ...options.env },
  });
  clock.now = () => app.clock.now();
  fake.webhook = { url: `${app.url}/v1/stripe/webhook`, secret: WEBHOOK_SECRET, connectSecret: CONNECT_WEBHOOK_SECRET };
  const { worker } = app.services;
  // The jobs the last change recorded (Stripe calls, mail), and the jobs those recorded in turn.
  const settled = async () => {
    for (let round = 0; round < 10 && (await worker.runOnce()).jobs > 0; round++);
  };
  return {
    app,
    fake,
    inbox,
    settled,
    runWorker: settled,
    async mails() {
      await settled();
      return inbox.mails.splice(0);
    },
    async close() {
      await settled();
      await app.close();
      await fake.close();
      await inbox.close();
    },
  };
}

/** The Checkout Session the fake holds for a booking, once the after-commit work made it. */
export async function sessionOf(t: PaymentsTestApp, bookingUid: string): Promise<Session> {
  await t.settled();
  const session = t.fake.sessionFor(bookingUid);
  expect(session, `a checkout session for ${bookingUid}`).toBeDefined();
  return session!;
}

export async function bookingStatus(t: PaymentsTestApp, uid: string): Promise<{ status: string; payment: any }> {
  const res = await t.app.api('GET', `/v1/bookings/${uid}`);
  expect(res.status).toBe(200);
  return { status: res.body.booking.status, payment: res.body.booking.payment };
}
