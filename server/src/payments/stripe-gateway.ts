import Stripe from 'stripe';
import type { Config } from '../config.js';

export type StripeConfig = NonNullable<Config['stripe']>;
export type CheckoutSession = Stripe.Checkout.Session;
export type PaymentIntent = Stripe.PaymentIntent;
export type StripeRefund = Stripe.Refund;
export type StripeEvent = Stripe.Event;

/** The official client, pointed at STRIPE_API_URL when set (tests and local use reach the fake there). */
export function createStripeClient(config: StripeConfig): Stripe {
  const url = config.apiUrl ? new URL(config.apiUrl) : null;
  return new Stripe(config.secretKey, {
    ...(url && {
      host: url.hostname,
      port: url.port || (url.protocol === 'http:' ? '80' : '443'),
      protocol: url.protocol === 'http:' ? 'http' : 'https',
    }),
    // Every POST carries our own idempotency key, so the client's retries are safe.
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    appInfo: { name: 'OpenSlot' },
  });
}

/**
 * Stripe refused the request itself (4xx: invalid for this object's state, an idempotency
 * mismatch, a missing object): sending it again will not help. Anything else (no answer, 5xx,
 * 429) may pass later.
 */
export function isRefusal(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeInvalidRequestError || error instanceof Stripe.errors.StripeIdempotencyError || error instanceof Stripe.errors.StripeCardError || error instanceof Stripe.errors.StripePermissionError;
}

const on = (account: string | null) => (account ? { stripeAccount: account } : {});

/**
 * The Stripe calls OpenSlot makes, in its words. Every write names its idempotency key; every call
 * on a connected account's object names the account (direct charges live there).
 */
export function createStripeGateway(stripe: Stripe, config: StripeConfig) {
  const secrets = [config.webhookSecret, config.connectWebhookSecret].filter((secret): secret is string => Boolean(secret));

  return {
    createSession: (params: Stripe.Checkout.SessionCreateParams, key: string, account: string | null) => stripe.checkout.sessions.create(params, { idempotencyKey: key, ...on(account) }),

    /** The session with its PaymentIntent and that one's latest charge (for the receipt). */
    retrieveSession: (id: string, account: string | null) => stripe.checkout.sessions.retrieve(id, { expand: ['payment_intent.latest_charge'] }, on(account)),

    expireSession: (id: string, account: string | null) => stripe.checkout.sessions.expire(id, {}, on(account)),

    retrieveIntent: (id: string, account: string | null) => stripe.paymentIntents.retrieve(id, { expand: ['latest_charge'] }, on(account)),

    capture: (id: string, key: string, account: string | null) => stripe.paymentIntents.capture(id, { expand: ['latest_charge'] }, { idempotencyKey: key, ...on(account) }),

    cancelAuthorization: (id: string, key: string, account: string | null) => stripe.paymentIntents.cancel(id, {}, { idempotencyKey: key, ...on(account) }),

    createRefund: (params: Stripe.RefundCreateParams, key: string, account: string | null) => stripe.refunds.create(params, { idempotencyKey: key, ...on(account) }),

    listRefunds: async (paymentIntent: string, account: string | null) => (await stripe.refunds.list({ payment_intent: paymentIntent, limit: 100 }, on(account))).data,

    createAccount: (params: Stripe.AccountCreateParams, key: string) => stripe.accounts.create(params, { idempotencyKey: key }),

    retrieveAccount: (id: string) => stripe.accounts.retrieve(id),

    createAccountLink: (params: Stripe.AccountLinkCreateParams) => stripe.accountLinks.create(params),

    /**
     * The event, if `header` signs `rawBody` with one of our endpoint secrets (the platform's and,
     * with Connect, the Connect endpoint's) and is at most 5 minutes old by `receivedAtMs`; else null.
     */
    verifiedEvent(rawBody: Buffer, header: string, receivedAtMs: number): Stripe.Event | null {
      for (const secret of secrets) {
        try {
          return stripe.webhooks.constructEvent(rawBody, header, secret, undefined, undefined, receivedAtMs);
        } catch (error) {
          if (!(error instanceof Stripe.errors.StripeSignatureVerificationError)) throw error;
        }
      }
      return null;
    },

    webhooksConfigured: secrets.length > 0,
  };
}

export type StripeGateway = ReturnType<typeof createStripeGateway>;
