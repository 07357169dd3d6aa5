import { setMaxListeners } from 'node:events';
import type { Knex } from 'knex';
import type { Clock } from '../clock.js';
import { describeError, type Logger } from '../logger.js';
import type { Outbox, OutboxEvent } from '../outbox/outbox.js';
import { postWebhook, type PostResult } from './http-post.js';
import { signatureHeader, type SecretBox } from './secrets.js';
import { eventTypeChannel, type SvixRelay } from './svix-relay.js';
import { checkWebhookUrl } from './url-guard.js';
import type { DeliveryRow, WebhooksRepo } from './webhooks.repo.js';

/** After the first attempt fails: retries after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h; then the delivery has failed. */
export const RETRY_DELAYS_MS = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000, 10 * 3_600_000] as const;
export const DELIVERY_TIMEOUT_MS = 15_000;
// A lease outlives the longest piece of work under it (a 15 s POST; a Svix call with its own retries).
const DELIVERY_LEASE_MS = 60_000;
const HANDOFF_LEASE_MS = 120_000;
// A slow receiver may hold this many of a process's delivery slots, so it cannot hold up everyone else's.
const PER_SUBSCRIPTION_IN_FLIGHT = 4;

/** Svix unreachable: try the hand-off again after 5 s, 10 s, 20 s … at most every 5 minutes. */
export const handoffRetryDelay = (failures: number) => Math.min(5_000 * 2 ** (failures - 1), 5 * 60_000);

export interface DispatcherDeps {
  db: Knex;
  outbox: Outbox;
  webhooks: WebhooksRepo;
  secrets: SecretBox;
  /** Set when SVIX_AUTH_TOKEN is: events go to Svix, which delivers. */
  svix: SvixRelay | null;
  clock: Clock;
  logger: Logger;
  allowPrivateUrls: boolean;
  pollMs?: number;
  batchSize?: number;
}

export interface Dispatcher {
  /** One pass: hands on every claimable event (to deliveries or Svix), then attempts every due delivery, and waits for them. */
  runOnce(): Promise<{ handedOn: number; attempted: number }>;
  /** Polls every `pollMs` and right after each booking commit in this process, until `stop`. */
  start(): void;
  /**
   * Stops claiming work, lets deliveries in flight finish for up to `graceMs` (10 s), then aborts
   * the rest: their leases are given back and no attempt is recorded, so they go out again later.
   */
  stop(options?: { graceMs?: number }): Promise<void>;
  nudge(): void;
}

export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const { db, outbox, webhooks, secrets, svix, clock, logger, allowPrivateUrls } = deps;
  const pollMs = deps.pollMs ?? 1_000;
  const batchSize = deps.batchSize ?? 20;

  /** Fans one claimed event out to delivery rows, or hands it to Svix; returns when to try again if Svix failed. */
  async function handOn(event: OutboxEvent & { webhookAttempts: number }, claim: string): Promise<number | null> {
    if (!svix) {
      await db.transaction(async (trx) => {
        const subscribers = await webhooks.subscribersOf(event, trx);
        await webhooks.insertDeliveries(event.id, event.type, subscribers.map((s) => s.id), clock.now(), trx);
        await outbox.markFannedOut(trx, event.id, claim, clock.now());
      });
      return null;
    }
    try {
      // Svix filters by type and channel itself; asking it only when someone listens saves a call per event.
      if ((await webhooks.subscribersOf(event)).length > 0) {
        const owner = await webhooks.findAccountById(event.ownerUserId);
        if (owner) await svix.send(owner.username, event, event.eventTypeId === null ? null : eventTypeChannel(event.eventTypeId));
      }
      await outbox.markFannedOut(db, event.id, claim, clock.now());
      return null;
    } catch (error) {
      const failures = event.webhookAttempts + 1;
      const retryAt = clock.now() + handoffRetryDelay(failures);
      logger.warn('webhook hand-off to Svix failed; the outbox keeps the event', { eventId: event.id, failures, retryAt: new Date(retryAt).toISOString(), error: describeError(error) });
      await outbox.retryLater(event.id, claim, failures, retryAt);
      return retryAt;
    }
  }

  async function handOnBatch(): Promise<number> {
    const { claim, events } = await outbox.claimForWebhooks(clock.now(), HANDOFF_LEASE_MS, batchSize);
    let svixDownUntil: number | null = null;
    for (const event of events) {
      // Svix just failed: the rest of the batch waits with it rather than each timing out in turn.
      if (svixDownUntil !== null) await outbox.retryLater(event.id, claim, event.webhookAttempts, svixDownUntil);
      else svixDownUntil = await handOn(event, claim);
    }
    return events.length;
  }

  async function attempt(delivery: DeliveryRow, signal?: AbortSignal): Promise<void> {
    const subscription = await webhooks.findSubscription(delivery.subscriptionId);
    const event = await outbox.findById(delivery.eventId);
    if (!subscription || !event) return; // deleted meanwhile; its deliveries went with it
    if (!subscription.active) return webhooks.failDelivery(delivery.id, clock.now());

    const attemptedAt = clock.now();
    const body = JSON.stringify(event.envelope);
    const signing = [secrets.open(subscription.sealedSecret)];
    if (subscription.sealedPreviousSecret && (subscription.previousSecretUntil ?? 0) > attemptedAt) signing.push(secrets.open(subscription.sealedPreviousSecret));
    // The receiver checks webhook-timestamp against its own wall clock (replay protection), so it
    // is the real time of sending, not the injected clock that schedules retries.
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = { 'webhook-id': event.id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signatureHeader(signing, event.id, timestamp, body) };

    let result: PostResult;
    try {
      await checkWebhookUrl(subscription.url, allowPrivateUrls); // an IP literal never reaches the guarded lookup
      result = await postWebhook(subscription.url, body, headers, { timeoutMs: DELIVERY_TIMEOUT_MS, allowPrivate: allowPrivateUrls, ...(signal && { signal }) });
    } catch (error) {
      if (signal?.aborted) return webhooks.releaseDeliveries([delivery.id]);
      result = { statusCode: null, durationMs: 0, error: error instanceof Error ? error.message : String(error), responseSnippet: null };
    }

    const now = clock.now();
    const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    const gone = result.statusCode === 410;
    const retryDelay = RETRY_DELAYS_MS[delivery.attempts];
    const next = ok
      ? { status: 'succeeded' as const, nextAttemptAt: null }
      : gone || retryDelay === undefined
        ? { status: 'failed' as const, nextAttemptAt: null }
        : { status: 'pending' as const, nextAttemptAt: now + retryDelay };
    await webhooks.finishAttempt(delivery, { deliveryId: delivery.id, attemptedAt, ...result }, next);
    if (gone) await webhooks.disableSubscription(subscription.id, 'the receiver answered 410 Gone', now);
    if (!ok) {
      logger.info('webhook delivery failed', {
        deliveryId: delivery.id,
        subscriptionId: subscription.id,
        eventId: event.id,
        statusCode: result.statusCode,
        error: result.error,
        nextAttemptAt: next.nextAttemptAt && new Date(next.nextAttemptAt).toISOString(),
      });
    }
  }

  // --- the loop -------------------------------------------------------------------------------
  let running = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  let nudged = false;
  let unsubscribe: (() => void) | null = null;
  const inFlight = new Set<Promise<void>>();
  const inFlightBySubscription = new Map<string, number>();
  const aborter = { controller: new AbortController() };

  const nudge = () => {
    nudged = true;
    wake?.();
  };

  async function tick(): Promise<boolean> {
    // With Svix, the only deliveries of our own are test PINGs (POST /v1/webhooks/:id/test).
    const handedOn = await handOnBatch();
    const room = batchSize - inFlight.size;
    const saturated = [...inFlightBySubscription].filter(([, count]) => count >= PER_SUBSCRIPTION_IN_FLIGHT).map(([id]) => id);
    const due = room > 0 ? await webhooks.claimDueDeliveries(clock.now(), DELIVERY_LEASE_MS, room, saturated) : [];
    let started = 0;
    const beyondShare: string[] = [];
    for (const delivery of due) {
      const { subscriptionId } = delivery;
      const busy = inFlightBySubscription.get(subscriptionId) ?? 0;
      // Claimed in one batch beyond its subscription's share: given back below, for a later pass or another process.
      if (busy >= PER_SUBSCRIPTION_IN_FLIGHT) {
        beyondShare.push(delivery.id);
        continue;
      }
      inFlightBySubscription.set(subscriptionId, busy + 1);
      started++;
      const work: Promise<void> = attempt(delivery, aborter.controller.signal)
        .catch((error: unknown) => logger.error('webhook delivery crashed', { deliveryId: delivery.id, error: describeError(error) }))
        .finally(() => {
          inFlight.delete(work);
          const left = (inFlightBySubscription.get(subscriptionId) ?? 1) - 1;
          if (left > 0) inFlightBySubscription.set(subscriptionId, left);
          else inFlightBySubscription.delete(subscriptionId);
          nudge();
        });
      inFlight.add(work);
    }
    await webhooks.releaseDeliveries(beyondShare);
    return handedOn > 0 || started > 0;
  }

  async function run(): Promise<void> {
    while (running) {
      nudged = false;
      let busy = false;
      try {
        busy = await tick();
      } catch (error) {
        logger.error('webhook dispatcher pass failed', { error: describeError(error) });
      }
      if (!running || busy || nudged) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  }

  return {
    async runOnce() {
      const handedOn = await handOnBatch();
      const due = await webhooks.claimDueDeliveries(clock.now(), DELIVERY_LEASE_MS, batchSize);
      await Promise.all(due.map((delivery) => attempt(delivery)));
      return { handedOn, attempted: due.length };
    },
    start() {
      if (running) return;
      running = true;
      aborter.controller = new AbortController();
      setMaxListeners(0, aborter.controller.signal); // one listener per delivery in flight
      unsubscribe = outbox.onCommitted(nudge);
      loop = run();
    },
    async stop({ graceMs = 10_000 } = {}) {
      if (!running) return;
      running = false;
      unsubscribe?.();
      wake?.();
      await loop;
      const settled = Promise.all([...inFlight]);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([settled, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
      aborter.controller.abort();
      await settled;
    },
    nudge,
  };
}
