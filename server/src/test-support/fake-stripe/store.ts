import { randomBytes } from 'node:crypto';

/**
 * The state of the fake Stripe: the objects the official client reads and writes (Checkout
 * Sessions, PaymentIntents, Charges, Refunds, Accounts), each owned by the platform (`account:
 * null`) or one connected account, and every event Stripe would have sent about them. The shapes
 * are Stripe's own (snake_case, seconds), trimmed to the fields OpenSlot reads.
 */

export type Owner = string | null;

export interface StripeError {
  status: number;
  type: 'invalid_request_error' | 'idempotency_error' | 'api_error';
  code?: string;
  message: string;
  param?: string;
}

export class FakeStripeError extends Error {
  constructor(readonly body: StripeError) {
    super(body.message);
  }
}

export interface Session {
  id: string;
  object: 'checkout.session';
  account: Owner;
  status: 'open' | 'complete' | 'expired';
  payment_status: 'paid' | 'unpaid';
  url: string | null;
  mode: 'payment';
  client_reference_id: string | null;
  customer_email: string | null;
  amount_total: number;
  currency: string;
  expires_at: number;
  created: number;
  success_url: string;
  cancel_url: string;
  metadata: Record<string, string>;
  payment_intent: string | null;
  line_items: Array<{ name: string; unit_amount: number; quantity: number }>;
  capture_method: 'automatic' | 'manual';
  payment_intent_metadata: Record<string, string>;
  livemode: false;
}

export interface PaymentIntent {
  id: string;
  object: 'payment_intent';
  account: Owner;
  amount: number;
  amount_capturable: number;
  amount_received: number;
  currency: string;
  status: 'processing' | 'requires_capture' | 'succeeded' | 'canceled' | 'requires_payment_method';
  capture_method: 'automatic' | 'manual';
  latest_charge: string | null;
  metadata: Record<string, string>;
  created: number;
  livemode: false;
}

export interface Charge {
  id: string;
  object: 'charge';
  account: Owner;
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  refunded: boolean;
  captured: boolean;
  currency: string;
  payment_intent: string;
  receipt_url: string;
  status: 'succeeded' | 'pending' | 'failed';
  created: number;
  livemode: false;
}

export interface Refund {
  id: string;
  object: 'refund';
  account: Owner;
  amount: number;
  charge: string;
  payment_intent: string;
  currency: string;
  status: 'pending' | 'succeeded' | 'failed' | 'canceled';
  reason: string | null;
  metadata: Record<string, string>;
  created: number;
}

export interface Account {
  id: string;
  object: 'account';
  charges_enabled: boolean;
  details_submitted: boolean;
  payouts_enabled: boolean;
  metadata: Record<string, string>;
  created: number;
}

export interface StripeEvent {
  id: string;
  object: 'event';
  type: string;
  created: number;
  api_version: string;
  livemode: false;
  pending_webhooks: number;
  /** Set for events on a connected account (they reach the Connect endpoint). */
  account?: string;
  data: { object: Record<string, unknown> };
}

const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString('hex')}`;
const seconds = (ms: number) => Math.floor(ms / 1000);

const missing = (kind: string, value: string): FakeStripeError =>
  new FakeStripeError({ status: 404, type: 'invalid_request_error', code: 'resource_missing', message: `No such ${kind}: '${value}'`, param: 'id' });

export const invalid = (message: string, param?: string): FakeStripeError =>
  new FakeStripeError({ status: 400, type: 'invalid_request_error', message, ...(param && { param }) });

export function createStore(options: { now: () => number; baseUrl: () => string; apiVersion: string }) {
  const sessions = new Map<string, Session>();
  const intents = new Map<string, PaymentIntent>();
  const charges = new Map<string, Charge>();
  const refunds = new Map<string, Refund>();
  const accounts = new Map<string, Account>();
  const events: StripeEvent[] = [];
  const listeners = new Set<(event: StripeEvent) => void>();

  /** The public object, without the fake's bookkeeping (`account` is a header, not a field). */
  const view = (object: object): Record<string, unknown> => {
    const { account: _account, ...rest } = object as Record<string, unknown>;
    if ((object as { object?: string }).object === 'checkout.session') {
      delete rest.line_items;
      delete rest.capture_method;
      delete rest.payment_intent_metadata;
    }
    return rest;
  };

  function emit(type: string, object: { account: Owner }): void {
    const event: StripeEvent = {
      id: id('evt'),
      object: 'event',
      type,
      created: seconds(options.now()),
      api_version: options.apiVersion,
      livemode: false,
      pending_webhooks: 1,
      ...(object.account && { account: object.account }),
      data: { object: structuredClone(view(object)) },
    };
    events.push(event);
    for (const listener of listeners) listener(event);
  }

  function owned<T extends { account: Owner }>(map: Map<string, T>, kind: string, key: string, account: Owner): T {
    const found = map.get(key);
    // An object of another account does not exist for this caller, as on Stripe.
    if (!found || found.account !== account) throw missing(kind, key);
    return found;
  }

  /** Sessions past `expires_at` expire when next looked at (Stripe's own timer, lazily). */
  function tick(): void {
    const now = seconds(options.now());
    for (const session of sessions.values()) {
      if (session.status === 'open' && session.expires_at <= now) expire(session);
    }
  }

  function expire(session: Session): void {
    session.status = 'expired';
    session.url = null;
    emit('checkout.session.expired', session);
  }

  function session(key: string, account: Owner): Session {
    tick();
    return owned(sessions, 'checkout.session', key, account);
  }

  function newCharge(intent: PaymentIntent, captured: boolean): Charge {
    const charge: Charge = {
      id: id('ch'),
      object: 'charge',
      account: intent.account,
      amount: intent.amount,
      amount_captured: captured ? intent.amount : 0,
      amount_refunded: 0,
      refunded: false,
      captured,
      currency: intent.currency,
      payment_intent: intent.id,
      receipt_url: `${options.baseUrl()}/receipts/${intent.id}`,
      status: 'succeeded',
      created: seconds(options.now()),
      livemode: false,
    };
    charges.set(charge.id, charge);
    intent.latest_charge = charge.id;
    return charge;
  }

  return {
    sessions,
    intents,
    charges,
    refunds,
    accounts,
    events,
    view,
    tick,
    onEvent(listener: (event: StripeEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    createSession(account: Owner, params: Record<string, any>): Session {
      const now = seconds(options.now());
      const items = (params.line_items ?? []) as Array<Record<string, any>>;
      if (params.mode !== 'payment') throw invalid('Only mode=payment is supported by this fake', 'mode');
      if (items.length === 0) throw invalid('line_items is required in payment mode', 'line_items');
      if (!params.success_url) throw invalid('Missing required param: success_url.', 'success_url');
      const expiresAt = params.expires_at === undefined ? now + 24 * 3600 : Number(params.expires_at);
      // Stripe's own bounds: "anywhere from 30 minutes to 24 hours after Checkout Session creation".
      if (expiresAt < now + 30 * 60 || expiresAt > now + 24 * 3600) {
        throw invalid('The `expires_at` timestamp must be between 30 minutes and 24 hours after the Checkout Session is created.', 'expires_at');
      }
      const lineItems = items.map((item) => {
        const amount = Number(item.price_data?.unit_amount);
        if (!Number.isInteger(amount) || amount < 1) throw invalid('Invalid integer: unit_amount', 'line_items[0][price_data][unit_amount]');
        return { name: String(item.price_data?.product_data?.name ?? ''), unit_amount: amount, quantity: Number(item.quantity ?? 1) };
      });
      const currencies = new Set(items.map((item) => String(item.price_data?.currency ?? '')));
      if (currencies.size !== 1) throw invalid('All line items must share one currency', 'line_items');
      const created: Session = {
        id: id('cs'),
        object: 'checkout.session',
        account,
        status: 'open',
        payment_status: 'unpaid',
        url: null,
        mode: 'payment',
        client_reference_id: params.client_reference_id ?? null,
        customer_email: params.customer_email ?? null,
        amount_total: lineItems.reduce((sum, item) => sum + item.unit_amount * item.quantity, 0),
        currency: [...currencies][0]!,
        expires_at: expiresAt,
        created: now,
        success_url: String(params.success_url),
        cancel_url: String(params.cancel_url ?? params.success_url),
        metadata: params.metadata ?? {},
        payment_intent: null,
        line_items: lineItems,
        capture_method: params.payment_intent_data?.capture_method === 'manual' ? 'manual' : 'automatic',
        payment_intent_metadata: params.payment_intent_data?.metadata ?? {},
        livemode: false,
      };
      created.url = `${options.baseUrl()}/checkout/${created.id}`;
      sessions.set(created.id, created);
      return created;
    },

    session,

    listSessions(account: Owner, filter: { status?: string; payment_intent?: string }): Session[] {
      tick();
      return [...sessions.values()]
        .filter((s) => s.account === account)
        .filter((s) => !filter.status || s.status === filter.status)
        .filter((s) => !filter.payment_intent || s.payment_intent === filter.payment_intent)
        .sort((a, b) => b.created - a.created);
    },

    expireSession(key: string, account: Owner): Session {
      const found = session(key, account);
      // Stripe: "A Checkout Session can be expired when it is in one of these statuses: open".
      if (found.status !== 'open') throw invalid(`Only Checkout Sessions with a status in [open] can be expired. This Checkout Session has a status of ${found.status}.`);
      expire(found);
      return found;
    },

    /**
     * The customer pays on the hosted page. `async`: a delayed method (bank debit) whose result
     * comes later through `settleAsync`. Refused once the session is no longer open.
     */
    pay(key: string, options_: { async?: boolean } = {}): Session {
      tick();
      const found = sessions.get(key);
      if (!found) throw missing('checkout.session', key);
      if (found.status !== 'open') throw invalid(`This Checkout Session is ${found.status} and can no longer be paid.`);
      const manual = found.capture_method === 'manual';
      const intent: PaymentIntent = {
        id: id('pi'),
        object: 'payment_intent',
        account: found.account,
        amount: found.amount_total,
        amount_capturable: manual ? found.amount_total : 0,
        amount_received: manual || options_.async ? 0 : found.amount_total,
        currency: found.currency,
        status: options_.async ? 'processing' : manual ? 'requires_capture' : 'succeeded',
        capture_method: found.capture_method,
        latest_charge: null,
        metadata: found.payment_intent_metadata,
        created: seconds(options.now()),
        livemode: false,
      };
      intents.set(intent.id, intent);
      if (!options_.async) newCharge(intent, !manual);
      found.status = 'complete';
      found.url = null;
      found.payment_intent = intent.id;
      found.payment_status = intent.status === 'succeeded' ? 'paid' : 'unpaid';
      emit('payment_intent.created', intent);
      if (intent.status === 'succeeded') emit('payment_intent.succeeded', intent);
      if (intent.status === 'requires_capture') emit('payment_intent.amount_capturable_updated', intent);
      if (intent.status === 'processing') emit('payment_intent.processing', intent);
      if (intent.latest_charge) emit('charge.succeeded', charges.get(intent.latest_charge)!);
      emit('checkout.session.completed', found);
      return found;
    },

    settleAsync(key: string, outcome: 'succeeded' | 'failed'): Session {
      const found = sessions.get(key);
      const intent = found?.payment_intent ? intents.get(found.payment_intent) : undefined;
      if (!found || !intent || intent.status !== 'processing') throw invalid('No payment is processing for this session');
      if (outcome === 'succeeded') {
        intent.status = 'succeeded';
        intent.amount_received = intent.amount;
        newCharge(intent, true);
        found.payment_status = 'paid';
        emit('payment_intent.succeeded', intent);
        emit('checkout.session.async_payment_succeeded', found);
      } else {
        intent.status = 'requires_payment_method';
        emit('payment_intent.payment_failed', intent);
        emit('checkout.session.async_payment_failed', found);
      }
      return found;
    },

    intent: (key: string, account: Owner) => owned(intents, 'payment_intent', key, account),
    charge: (key: string, account: Owner) => owned(charges, 'charge', key, account),

    capture(key: string, account: Owner, amountToCapture?: number): PaymentIntent {
      const intent = owned(intents, 'payment_intent', key, account);
      if (intent.status !== 'requires_capture') {
        throw invalid(`This PaymentIntent could not be captured because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`);
      }
      const amount = amountToCapture ?? intent.amount;
      intent.status = 'succeeded';
      intent.amount_capturable = 0;
      intent.amount_received = amount;
      const charge = charges.get(intent.latest_charge!)!;
      charge.captured = true;
      charge.amount_captured = amount;
      emit('charge.captured', charge);
      emit('payment_intent.succeeded', intent);
      return intent;
    },

    cancelIntent(key: string, account: Owner): PaymentIntent {
      const intent = owned(intents, 'payment_intent', key, account);
      // Stripe lets Checkout's PaymentIntents be cancelled directly only while they await capture.
      if (intent.status !== 'requires_capture') {
        throw invalid(`You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_capture.`);
      }
      intent.status = 'canceled';
      intent.amount_capturable = 0;
      emit('payment_intent.canceled', intent);
      return intent;
    },

    createRefund(account: Owner, params: Record<string, any>, settle: 'succeeded' | 'pending'): Refund {
      const intent = owned(intents, 'payment_intent', String(params.payment_intent ?? ''), account);
      const charge = intent.latest_charge ? charges.get(intent.latest_charge) : undefined;
      if (!charge || intent.status !== 'succeeded') throw invalid(`This PaymentIntent (${intent.id}) does not have a successful charge to refund.`, 'payment_intent');
      const active = [...refunds.values()].filter((r) => r.charge === charge.id && r.status !== 'failed' && r.status !== 'canceled');
      const left = charge.amount_captured - active.reduce((sum, r) => sum + r.amount, 0);
      const amount = params.amount === undefined ? left : Number(params.amount);
      if (!Number.isInteger(amount) || amount < 1) throw invalid('Invalid positive integer', 'amount');
      if (amount > left) throw invalid(`Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`, 'amount');
      const refund: Refund = {
        id: id('re'),
        object: 'refund',
        account,
        amount,
        charge: charge.id,
        payment_intent: intent.id,
        currency: charge.currency,
        status: settle,
        reason: params.reason ?? null,
        metadata: params.metadata ?? {},
        created: seconds(options.now()),
      };
      refunds.set(refund.id, refund);
      charge.amount_refunded += amount;
      charge.refunded = charge.amount_refunded >= charge.amount_captured;
      emit('refund.created', refund);
      emit('charge.refunded', charge);
      return refund;
    },

    refund: (key: string, account: Owner) => owned(refunds, 'refund', key, account),

    /** A pending refund settles (`succeeded`) or bounces (`failed`: the money is the merchant's again). */
    settleRefund(key: string, outcome: 'succeeded' | 'failed'): Refund {
      const refund = refunds.get(key);
      if (!refund || refund.status !== 'pending') throw invalid('No pending refund with that id');
      refund.status = outcome;
      if (outcome === 'failed') {
        const charge = charges.get(refund.charge)!;
        charge.amount_refunded -= refund.amount;
        charge.refunded = false;
        emit('refund.failed', refund);
      }
      emit('refund.updated', refund);
      emit('charge.refund.updated', refund);
      return refund;
    },

    listRefunds(account: Owner, filter: { payment_intent?: string }): Refund[] {
      return [...refunds.values()]
        .filter((r) => r.account === account && (!filter.payment_intent || r.payment_intent === filter.payment_intent))
        .sort((a, b) => b.created - a.created);
    },

    createAccount(params: Record<string, any>): Account {
      const account: Account = {
        id: id('acct').replace('_test', ''),
        object: 'account',
        charges_enabled: false,
        details_submitted: false,
        payouts_enabled: false,
        metadata: params.metadata ?? {},
        created: seconds(options.now()),
      };
      accounts.set(account.id, account);
      return account;
    },

    account(key: string): Account {
      const found = accounts.get(key);
      if (!found) throw missing('account', key);
      return found;
    },

    /** The host finished Stripe's onboarding: the account can take charges (Stripe sends account.updated). */
    completeOnboarding(key: string, chargesEnabled = true): Account {
      const found = accounts.get(key);
      if (!found) throw missing('account', key);
      found.details_submitted = true;
      found.charges_enabled = chargesEnabled;
      found.payouts_enabled = chargesEnabled;
      emit('account.updated', { ...found, account: found.id });
      return found;
    },
  };
}

export type FakeStripeStore = ReturnType<typeof createStore>;
