import { ApiException, Svix } from 'svix';
import { UnavailableError, ValidationError } from '../errors.js';
import type { OutboxEvent } from '../outbox/outbox.js';
import type { SubscriptionRow } from './webhooks.repo.js';

/**
 * The Svix side of webhooks: one Svix application per owner (`uid` = the owner's handle), one
 * endpoint per subscription (`uid` = the subscription id, so we never store Svix's ids), and one
 * message per outbox event (`eventId` = the event id: Svix drops a repeat, so a hand-off retried
 * after a crash never reaches a receiver twice).
 *
 * Endpoints are never changed inside a database transaction: the subscription commits first,
 * then `syncEndpoint` makes Svix match it (now, and again from a job until it has). Every call
 * names the endpoint by its uid, so any number of repeats converge on the committed state.
 */
export interface SvixRelay {
  /** Svix's endpoint made like the subscription (URL, events, event-type channel, disabled, secret), created when missing. */
  syncEndpoint(subscription: SubscriptionRow, secret: string): Promise<void>;
  /** No endpoint for a subscription that is gone (none already is fine). */
  deleteEndpoint(owner: string, subscriptionId: string): Promise<void>;
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

  /** Svix's refusal is the subscription's fault (a 400 for the caller); its absence a 503 to retry. */
  async function endpointChange(work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (error instanceof ApiException && (error.code === 400 || error.code === 422)) {
        throw new ValidationError(`Svix refused the endpoint: ${JSON.stringify(error.body).slice(0, 300)}`);
      }
      const status = error instanceof ApiException ? `answered ${error.code}` : 'did not answer';
      throw new UnavailableError(`Svix ${status}; the change is kept and handed to Svix later`, 'svix_unavailable');
    }
  }

  return {
    async syncEndpoint(subscription, secret) {
      await endpointChange(async () => {
        const appId = await app(subscription.owner);
        const settings = {
          url: subscription.url,
          filterTypes: subscription.events,
          channels: subscription.eventTypeId === null ? null : [eventTypeChannel(subscription.eventTypeId)],
          disabled: !subscription.active,
        };
        const patch = async () => {
          await svix.endpoint.patch(appId, subscription.id, settings);
          // Svix keeps signing with the old secret too, for 24 hours.
          if ((await svix.endpoint.getSecret(appId, subscription.id)).key !== secret) await svix.endpoint.rotateSecret(appId, subscription.id, { key: secret });
        };
        try {
          await patch();
        } catch (error) {
          if (!isStatus(error, 404)) throw error;
          try {
            await svix.endpoint.create(appId, {
              uid: subscription.id,
              ...settings,
              channels: settings.channels ?? undefined,
              secret,
              description: subscription.eventType ? `OpenSlot: ${subscription.eventType}` : `OpenSlot: all of ${subscription.owner}`,
            });
          } catch (createError) {
            // 409: it exists after all (an earlier create whose answer was lost, or a sync beside this one).
            if (!isStatus(createError, 409)) throw createError;
            await patch();
          }
        }
      });
    },

    async deleteEndpoint(owner, subscriptionId) {
      await endpointChange(async () => {
        try {
          await svix.endpoint.delete(owner, subscriptionId);
        } catch (error) {
          if (!isStatus(error, 404)) throw error;
        }
      });
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
