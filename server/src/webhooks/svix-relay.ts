import { ApiException, Svix } from 'svix';
import { UnavailableError, ValidationError } from '../errors.js';
import type { OutboxEvent } from '../outbox/outbox.js';
import type { SubscriptionRow } from './webhooks.repo.js';

/**
 * The Svix side of webhooks: one Svix application per owner (`uid` = the owner's handle), one
 * endpoint per subscription (`uid` = the subscription id, so we never store Svix's ids), and one
 * message per outbox event (`eventId` = the event id: Svix drops a repeat, so a hand-off retried
 * after a crash never reaches a receiver twice).
 */
export interface SvixRelay {
  createEndpoint(subscription: SubscriptionRow, secret: string): Promise<void>;
  deleteEndpoint(subscription: SubscriptionRow): Promise<void>;
  rotateSecret(subscription: SubscriptionRow, secret: string): Promise<void>;
  /** The endpoint as the subscription now is: URL, event types, event-type channel, disabled. */
  updateEndpoint(subscription: SubscriptionRow): Promise<void>;
  send(owner: string, event: OutboxEvent, eventTypeFilterChannel: string | null): Promise<void>;
}

/** Svix channels are how an endpoint filters by event type: `event-type-42`. */
export const eventTypeChannel = (eventTypeId: number) => `event-type-${eventTypeId}`;

export function createSvixRelay(options: { authToken: string; serverUrl: string | null }): SvixRelay {
  const svix = new Svix(options.authToken, { ...(options.serverUrl && { serverUrl: options.serverUrl }), requestTimeout: 15_000 });
  const knownApps = new Set<string>();

  async function app(owner: string): Promise<string> {
    if (!knownApps.has(owner)) {
      await svix.application.getOrCreate({ uid: owner, name: owner });
      knownApps.add(owner);
    }
    return owner;
  }

  const isStatus = (error: unknown, status: number) => error instanceof ApiException && error.code === status;

  /** Endpoint changes happen inside an API request: Svix's refusal is the caller's 400, its absence a 503. */
  async function endpointChange(work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (error instanceof ApiException && (error.code === 400 || error.code === 422)) {
        throw new ValidationError(`Svix refused the endpoint: ${JSON.stringify(error.body).slice(0, 300)}`);
      }
      const status = error instanceof ApiException ? `answered ${error.code}` : 'did not answer';
      throw new UnavailableError(`Svix ${status}; nothing was changed, try again later`, 'svix_unavailable');
    }
  }

  return {
    async createEndpoint(subscription, secret) {
      await endpointChange(async () => svix.endpoint.create(await app(subscription.owner), {
        uid: subscription.id,
        url: subscription.url,
        secret,
        filterTypes: subscription.events,
        ...(subscription.eventTypeId !== null && { channels: [eventTypeChannel(subscription.eventTypeId)] }),
        description: subscription.eventType ? `OpenSlot: ${subscription.eventType}` : `OpenSlot: all of ${subscription.owner}`,
      }));
    },

    async deleteEndpoint(subscription) {
      await endpointChange(async () => {
        try {
          await svix.endpoint.delete(subscription.owner, subscription.id);
        } catch (error) {
          if (!isStatus(error, 404)) throw error;
        }
      });
    },

    async updateEndpoint(subscription) {
      await endpointChange(async () => svix.endpoint.patch(await app(subscription.owner), subscription.id, {
        url: subscription.url,
        filterTypes: subscription.events,
        channels: subscription.eventTypeId === null ? null : [eventTypeChannel(subscription.eventTypeId)],
        disabled: !subscription.active,
      }));
    },

    async rotateSecret(subscription, secret) {
      // Svix keeps signing with the old secret too, for 24 hours.
      await endpointChange(() => svix.endpoint.rotateSecret(subscription.owner, subscription.id, { key: secret }));
    },

    async send(owner, event, channel) {
      try {
        await svix.message.create(
          await app(owner),
          { eventType: event.type, eventId: event.id, payload: event.envelope, ...(channel && { channels: [channel] }) },
          { idempotencyKey: event.id },
        );
      } catch (error) {
        // 409: Svix already has a message with this eventId: an earlier hand-off did arrive.
        if (!isStatus(error, 409)) throw error;
      }
    },
  };
}
