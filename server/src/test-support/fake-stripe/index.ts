import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import Stripe from 'stripe';
import { createApiRouter, type ApiControls, type RecordedRequest } from './api.js';
import { createPagesRouter } from './pages.js';
import { createStore, type FakeStripeStore, type Session, type StripeEvent } from './store.js';

export type { RecordedRequest, Session, StripeEvent };

/** Where events go: OpenSlot's `POST /v1/stripe/webhook`, signed with the endpoint's secret (Connect events with their own). */
export interface WebhookTarget {
  url: string;
  secret: string;
  connectSecret?: string;
}

export interface DeliverOptions {
  /** Which events; every undelivered one by default. */
  events?: StripeEvent[];
  /** `newest-first` delivers in reverse, as Stripe may. */
  order?: 'oldest-first' | 'newest-first';
  /** Each event twice (Stripe delivers at least once). */
  duplicates?: boolean;
  /** Sign with this secret instead (a forged delivery). */
  secret?: string;
  /** The signature's timestamp in seconds (a stale one, say). */
  timestamp?: number;
}

export interface FakeStripe extends Omit<ApiControls, 'failNext'>, Pick<FakeStripeStore, 'pay' | 'settleAsync' | 'settleRefund' | 'completeOnboarding' | 'sessions' | 'intents' | 'charges' | 'refunds' | 'accounts' | 'events'> {
  /** `http://127.0.0.1:PORT`: what `STRIPE_API_URL` points at. */
  url: string;
  webhook: WebhookTarget | null;
  /** Deliver each event as soon as it happens (e2e, local use); tests usually deliver by hand. */
  autoDeliver: boolean;
  failNext(count: number, options?: { status?: number; path?: string; afterApplying?: boolean }): void;
  /** Events not yet delivered (by `deliver` or auto-delivery), oldest first. */
  undelivered(): StripeEvent[];
  /** POSTs events to the webhook target, signed as Stripe signs them; returns each answer's status. */
  deliver(options?: DeliverOptions): Promise<number[]>;
  /** Stripe expires an open session by itself (its `expires_at` passed, or someone used the Dashboard). */
  expireSession(id: string): void;
  /** The latest session OpenSlot created for a booking uid (`client_reference_id`). */
  sessionFor(bookingUid: string): Session | undefined;
  close(): Promise<void>;
}

export const FAKE_STRIPE_API_VERSION = '2026-10-28.endive';

/**
 * A stateful Stripe on a local port, for tests, the e2e stack and trying payments locally. The
 * official `stripe` client talks to it through STRIPE_API_URL (host, port, protocol); nothing of
 * OpenSlot's is stubbed.
 */
export async function startFakeStripe(options: { now?: () => number; port?: number; webhook?: WebhookTarget; autoDeliver?: boolean; latencyMs?: number } = {}): Promise<FakeStripe> {
  const now = options.now ?? Date.now;
  let baseUrl = '';
  const store = createStore({ now, baseUrl: () => baseUrl, apiVersion: FAKE_STRIPE_API_VERSION });
  const delivered = new Set<string>();
  const failures: Array<{ count: number; status: number; path?: string; afterApplying?: boolean }> = [];
  const signer = new Stripe('sk_test_fake_signer', { telemetry: false });
  let flushing: Promise<unknown> = Promise.resolve();

  async function post(event: StripeEvent, options_: DeliverOptions): Promise<number> {
    const target = fake.webhook;
    if (!target) throw new Error('fake Stripe: no webhook target set');
    const payload = JSON.stringify(event);
    const secret = options_.secret ?? (event.account && target.connectSecret ? target.connectSecret : target.secret);
    const header = signer.webhooks.generateTestHeaderString({ payload, secret, timestamp: options_.timestamp ?? Math.floor(now() / 1000) });
    const response = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': header }, body: payload });
    await response.arrayBuffer();
    if (response.ok) delivered.add(event.id);
    return response.status;
  }

  const controls = {
    latencyMs: options.latencyMs ?? 0,
    down: false,
    refundsPending: false,
    requests: [] as RecordedRequest[],
    failures,
    failNext(count: number, failure: { status?: number; path?: string; afterApplying?: boolean } = {}) {
      failures.push({ count, status: failure.status ?? 500, ...(failure.path && { path: failure.path }), ...(failure.afterApplying && { afterApplying: true }) });
    },
  };

  const afterChange = () => {
    if (!fake.autoDeliver || !fake.webhook) return;
    // One delivery at a time, in order; a failed one is left for `deliver` (Stripe would retry).
    flushing = flushing.then(async () => {
      for (const event of fake.undelivered()) await post(event, {}).catch(() => 0);
    });
  };

  const app = express();
  app.set('query parser', 'extended');
  app.use(createApiRouter(store, controls));
  app.use(createPagesRouter(store, { afterChange }));
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(options.port ?? 0, '127.0.0.1', () => resolve(listening));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // API calls change state too (expire, capture, refunds): their events go out like the pages'.
  store.onEvent(() => queueMicrotask(afterChange));

  const fake: FakeStripe = Object.assign(controls, {
    url: baseUrl,
    webhook: options.webhook ?? null,
    autoDeliver: options.autoDeliver ?? false,
    pay: store.pay,
    settleAsync: store.settleAsync,
    settleRefund: store.settleRefund,
    completeOnboarding: store.completeOnboarding,
    sessions: store.sessions,
    intents: store.intents,
    charges: store.charges,
    refunds: store.refunds,
    accounts: store.accounts,
    events: store.events,
    undelivered: () => store.events.filter((event) => !delivered.has(event.id)),
    async deliver(options_: DeliverOptions = {}) {
      store.tick();
      const chosen = [...(options_.events ?? fake.undelivered())];
      if (options_.order === 'newest-first') chosen.reverse();
      const statuses: number[] = [];
      for (const event of chosen) {
        statuses.push(await post(event, options_));
        if (options_.duplicates) statuses.push(await post(event, options_));
      }
      return statuses;
    },
    expireSession(id: string) {
      const session = store.sessions.get(id);
      if (!session) throw new Error(`fake Stripe: no session ${id}`);
      session.expires_at = Math.floor(now() / 1000);
      store.tick();
    },
    sessionFor(bookingUid: string) {
      return [...store.sessions.values()].filter((s) => s.client_reference_id === bookingUid).at(-1);
    },
    async close() {
      await flushing;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
  return fake;
}
