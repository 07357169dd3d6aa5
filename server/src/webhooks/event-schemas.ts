import { webhookEvents, type WebhookEventType } from '@openslot/sdk/schemas';
import { z } from 'zod';

export const WEBHOOK_SCHEMA_VERSION = 'v1';

/** The event types the dispatcher delivers (every one of SPEC.md's booking events). */
export const DELIVERED_EVENT_TYPES = Object.keys(webhookEvents) as Array<keyof typeof webhookEvents & WebhookEventType>;

/** The JSON Schema of one event's body, generated from the same zod schema the SDK types come from. */
export function webhookEventJsonSchema(type: keyof typeof webhookEvents): Record<string, unknown> {
  return {
    $id: `https://openslot.dev/webhook-schemas/${WEBHOOK_SCHEMA_VERSION}/${type}.json`,
    ...z.toJSONSchema(webhookEvents[type], { target: 'draft-2020-12', io: 'output' }),
  };
}
