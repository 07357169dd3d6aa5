import type { CreateWebhookInput, ListWebhooksQuery, PageQuery, UpdateWebhookInput } from './schemas/index.js';
import type {
  WebhookCreatedEnvelope,
  WebhookDeliveryEnvelope,
  WebhookDeliveryList,
  WebhookEnvelope,
  WebhookList,
  WebhookRotatedEnvelope,
} from './responses.js';
import type { RequestOptions, Transport } from './transport.js';
import { path } from './path.js';

export class Webhooks {
  constructor(private readonly transport: Transport) {}

  /** The response carries the signing `secret`, once; store it for `verifyWebhook`. */
  create(input: CreateWebhookInput, options?: RequestOptions): Promise<WebhookCreatedEnvelope> {
    return this.transport.request({ method: 'POST', path: '/v1/webhooks', body: input, options });
  }

  /** The caller's subscriptions, or one owner's (a team, or anyone for the admin key). */
  list(query: ListWebhooksQuery = {}, options?: RequestOptions): Promise<WebhookList> {
    return this.transport.request({ method: 'GET', path: '/v1/webhooks', query: { ...query }, options });
  }

  get(id: string, options?: RequestOptions): Promise<WebhookEnvelope> {
    return this.transport.request({ method: 'GET', path: path`/v1/webhooks/${id}`, options });
  }

  /** Changes the URL, events, event-type filter (`null` drops it) or `enabled` (re-enables one a 410 switched off). */
  update(id: string, patch: UpdateWebhookInput, options?: RequestOptions): Promise<WebhookEnvelope> {
    return this.transport.request({ method: 'PATCH', path: path`/v1/webhooks/${id}`, body: patch, options });
  }

  /** Sends a signed `PING` to this subscription now; its delivery shows in `deliveries`. */
  test(id: string, options?: RequestOptions): Promise<WebhookDeliveryEnvelope> {
    return this.transport.request({ method: 'POST', path: path`/v1/webhooks/${id}/test`, body: {}, options });
  }

  delete(id: string, options?: RequestOptions): Promise<void> {
    return this.transport.request({ method: 'DELETE', path: path`/v1/webhooks/${id}`, options });
  }

  /** A new signing secret, shown once; the old one keeps signing until `previousSecretExpiresAt`. */
  rotateSecret(id: string, options?: RequestOptions): Promise<WebhookRotatedEnvelope> {
    return this.transport.request({ method: 'POST', path: path`/v1/webhooks/${id}/rotate-secret`, body: {}, options });
  }

  /** Delivery attempts, their status codes and the next retry: a page, newest first. */
  deliveries(id: string, query: PageQuery = {}, options?: RequestOptions): Promise<WebhookDeliveryList> {
    return this.transport.request({ method: 'GET', path: path`/v1/webhooks/${id}/deliveries`, query: { ...query }, options });
  }

  /** Replays one delivery. */
  retry(id: string, deliveryId: string, options?: RequestOptions): Promise<WebhookDeliveryEnvelope> {
    return this.transport.request({
      method: 'POST',
      path: path`/v1/webhooks/${id}/deliveries/${deliveryId}/retry`,
      body: {},
      options,
    });
  }
}
