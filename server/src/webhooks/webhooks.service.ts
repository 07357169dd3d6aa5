import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { z } from 'zod';
import type { createWebhookInput, updateWebhookInput, WebhookDelivery, WebhookSecretRotated, WebhookSubscription, WebhookSubscriptionCreated } from '@openslot/sdk/schemas';
import type { Clock } from '../clock.js';
import { mapPage, type Page, type PageRequest } from '../db/keyset.js';
import { ConflictError, DomainError, ForbiddenError, NotFoundError, ValidationError } from '../errors.js';
import { mayManageTeam, ownerHandle, requirePrincipal, type Principal, type TeamMembership } from '../authorization/index.js';
import type { Outbox } from '../outbox/outbox.js';
import type { Dispatcher } from './dispatcher.js';
import { newWebhookSecret, type SecretBox } from './secrets.js';
import type { SvixSync } from './svix-sync.js';
import { checkWebhookUrl } from './url-guard.js';
import type { AttemptRow, DeliveryRow, SubscriptionRow, WebhooksRepo } from './webhooks.repo.js';

export type ParsedCreateWebhook = z.output<typeof createWebhookInput>;
export type ParsedUpdateWebhook = z.output<typeof updateWebhookInput>;

/** Why a subscription its owner switched off is off. */
const DISABLED_BY_OWNER = 'disabled by its owner';

/** How long the previous secret keeps signing after a rotation, so receivers can switch over. */
export const ROTATION_GRACE_MS = 24 * 3_600_000;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function publicSubscription(row: SubscriptionRow): WebhookSubscription {
  return {
    id: row.id,
    owner: row.owner,
    url: row.url,
    events: row.events,
    eventType: row.eventType,
    active: row.active,
    disabledReason: row.active ? null : row.disabledReason,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

function publicDelivery(row: DeliveryRow & { history: AttemptRow[] }): WebhookDelivery {
  return {
    id: row.id,
    eventId: row.eventId,
    type: row.eventType,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode,
    nextAttemptAt: row.status === 'pending' ? iso(row.nextAttemptAt) : null,
    createdAt: new Date(row.createdAt).toISOString(),
    history: row.history.map((a) => ({ at: new Date(a.attemptedAt).toISOString(), statusCode: a.statusCode, durationMs: a.durationMs, error: a.error, responseSnippet: a.responseSnippet })),
  };
}

/** The team rules the webhooks follow: a team's owners and admins manage its subscriptions. */
export interface TeamManagers {
  require(slug: string): Promise<TeamMembership>;
}

export function createWebhooksService(deps: {
  db: Knex;
  webhooks: WebhooksRepo;
  secrets: SecretBox;
  svix: SvixSync | null;
  dispatcher: Pick<Dispatcher, 'nudge'>;
  outbox: Pick<Outbox, 'recordPing'>;
  clock: Clock;
  allowPrivateUrls: boolean;
  teams: TeamManagers | null;
}) {
  const { db, webhooks, secrets, svix, dispatcher, outbox, clock, allowPrivateUrls, teams } = deps;

  /** The admin, the account itself, or (for a team) one of its owners and admins. */
  async function mayManage(principal: Principal, owner: { id: number; username: string }): Promise<boolean> {
    const caller = requirePrincipal(principal);
    if (caller.kind === 'admin' || caller.userId === owner.id) return true;
    if (!teams) return false;
    try {
      return mayManageTeam(principal, await teams.require(owner.username));
    } catch (error) {
      if (error instanceof DomainError) return false; // not a team
      throw error;
    }
  }

  async function requireOwned(principal: Principal, id: string): Promise<SubscriptionRow> {
    requirePrincipal(principal);
    const row = await webhooks.findSubscription(id);
    // Someone else's subscription looks like none at all, so ids cannot be probed.
    if (!row || !(await mayManage(principal, { id: row.ownerUserId, username: row.owner }))) throw new NotFoundError(`Webhook ${id}`);
    return row;
  }

  /** The event type a filter (`alice/intro`) names, of the subscription's own owner. */
  async function filterEventTypeId(owner: { id: number; username: string }, eventType: string): Promise<number> {
    const [eventHandle, slug, extra] = eventType.split('/');
    if (extra !== undefined || !slug) throw new ValidationError('Invalid body: eventType: must be handle/slug', { fields: [{ field: 'eventType', message: 'must be handle/slug' }] });
    if (eventHandle !== owner.username) throw new ForbiddenError(`Event type ${eventType} does not belong to ${owner.username}`);
    const id = await webhooks.findEventTypeId(owner.id, slug);
    if (id === null) throw new NotFoundError(`Event type ${eventType}`);
    return id;
  }

  return {
    /** Subscribes; the answer carries the signing secret, the only time it is shown. */
    async create(principal: Principal, input: ParsedCreateWebhook): Promise<WebhookSubscriptionCreated> {
      const handle = ownerHandle(principal, input.owner);
      const owner = await webhooks.findAccount(handle);
      if (!owner) throw new NotFoundError(`Owner "${handle}"`);
      if (!(await mayManage(principal, owner))) throw new ForbiddenError(`This key may not manage the webhooks of ${owner.username}`);
      const eventTypeId = input.eventType ? await filterEventTypeId(owner, input.eventType) : null;
      await checkWebhookUrl(input.url, allowPrivateUrls);

      const id = `wh_${randomUUID().replaceAll('-', '')}`;
      const secret = newWebhookSecret();
      const events = [...new Set(input.events)];
      const now = clock.now();
      const row = await db.transaction(async (trx) => {
        await webhooks.insertSubscription({ id, ownerUserId: owner.id, url: input.url, events, eventTypeId, sealedSecret: secrets.seal(secret) }, now, trx);
        const created = (await webhooks.findSubscription(id, trx))!;
        await svix?.enqueue(trx, created, now);
        return created;
      });
      // Svix after the commit (Svix down: its job makes the endpoint later). A refusal undoes the subscription.
      const outcome = await svix?.afterCommit(row);
      if (outcome && typeof outcome === 'object') {
        await db.transaction(async (trx) => {
          await webhooks.deleteSubscription(row.id, trx);
          await svix!.enqueue(trx, row, now);
        });
        throw new ValidationError(outcome.refused);
      }
      return { ...publicSubscription(row), secret };
    },

    /** The caller's own subscriptions (every one for the admin), or one owner's: a team's for its managers. */
    async list(principal: Principal, ownerFilter: string | undefined, page: PageRequest): Promise<Page<WebhookSubscription>> {
      const caller = requirePrincipal(principal);
      let ownerId = caller.kind === 'user' ? caller.userId : null;
      if (ownerFilter) {
        const owner = await webhooks.findAccount(ownerFilter);
        if (!owner) throw new NotFoundError(`Owner "${ownerFilter}"`);
        if (!(await mayManage(principal, owner))) throw new ForbiddenError(`This key may not manage the webhooks of ${owner.username}`);
        ownerId = owner.id;
      }
      return mapPage(webhooks.listSubscriptions(ownerId, page), (rows) => rows.map(publicSubscription));
    },

    async get(principal: Principal, id: string): Promise<WebhookSubscription> {
      return publicSubscription(await requireOwned(principal, id));
    },

    /** Changes the URL, events, event-type filter or `enabled` (re-enabling one a 410 switched off); with Svix, its endpoint too. */
    async update(principal: Principal, id: string, patch: ParsedUpdateWebhook): Promise<WebhookSubscription> {
      const row = await requireOwned(principal, id);
      const owner = { id: row.ownerUserId, username: row.owner };
      const eventTypeId = patch.eventType === undefined ? undefined : patch.eventType === null ? null : await filterEventTypeId(owner, patch.eventType);
      if (patch.url !== undefined) await checkWebhookUrl(patch.url, allowPrivateUrls);
      const now = clock.now();
      const updated = await db.transaction(async (trx) => {
        await webhooks.updateSubscription(
          row.id,
          {
            ...(patch.url !== undefined && { url: patch.url }),
            ...(patch.events !== undefined && { events: [...new Set(patch.events)] }),
            ...(eventTypeId !== undefined && { eventTypeId }),
            ...(patch.enabled !== undefined && { active: patch.enabled, disabledReason: DISABLED_BY_OWNER }),
          },
          now,
          trx,
        );
        await svix?.enqueue(trx, row, now);
        return (await webhooks.findSubscription(row.id, trx))!;
      });
      // A refusal by Svix switches the subscription off, saying why: the answer shows it.
      if (svix && (await svix.afterCommit(row)) !== 'synced') return publicSubscription((await webhooks.findSubscription(row.id)) ?? updated);
      return publicSubscription(updated);
    },

    /**
     * Sends a signed `PING` to this one subscription now: a delivery like any other (attempts,
     * retries, `GET …/deliveries`), made by OpenSlot itself even with Svix (the endpoint has the
     * same secret), so a receiver can be checked before any booking happens.
     */
    async test(principal: Principal, id: string): Promise<WebhookDelivery> {
      const row = await requireOwned(principal, id);
      if (!row.active) throw new ConflictError(`Webhook ${id} is disabled (${row.disabledReason ?? 'inactive'}); enable it first`, undefined, 'webhook_disabled');
      const now = clock.now();
      const deliveryId = await db.transaction(async (trx) => {
        const eventId = await outbox.recordPing(trx, row.ownerUserId, { webhook: { id: row.id, url: row.url } }, now);
        return (await webhooks.insertDeliveries(eventId, 'PING', [row.id], now, trx))[0]!;
      });
      dispatcher.nudge();
      return publicDelivery((await webhooks.findDeliveryWithHistory(row.id, deliveryId))!);
    },

    async delete(principal: Principal, id: string): Promise<void> {
      const row = await requireOwned(principal, id);
      await db.transaction(async (trx) => {
        await webhooks.deleteSubscription(row.id, trx);
        await svix?.enqueue(trx, row, clock.now());
      });
      await svix?.afterCommit(row);
    },

    /** A new secret, shown once; the old one keeps signing beside it for 24 hours. */
    async rotateSecret(principal: Principal, id: string): Promise<WebhookSecretRotated> {
      const row = await requireOwned(principal, id);
      const secret = newWebhookSecret();
      const now = clock.now();
      await db.transaction(async (trx) => {
        await webhooks.rotateSecret(row.id, secrets.seal(secret), row.sealedSecret, now + ROTATION_GRACE_MS, now, trx);
        await svix?.enqueue(trx, row, now);
      });
      await svix?.afterCommit(row);
      return { ...publicSubscription(row), secret, previousSecretExpiresAt: new Date(now + ROTATION_GRACE_MS).toISOString() };
    },

    /** A page of the subscription's deliveries, newest first. */
    async deliveries(principal: Principal, id: string, page: PageRequest): Promise<Page<WebhookDelivery>> {
      const row = await requireOwned(principal, id);
      return mapPage(webhooks.listDeliveries(row.id, page), (rows) => rows.map(publicDelivery));
    },

    /** Replays one delivery now, whatever became of it; the receiver sees the same webhook-id again. */
    async retry(principal: Principal, id: string, deliveryId: string): Promise<WebhookDelivery> {
      const row = await requireOwned(principal, id);
      if (!row.active) throw new ConflictError(`Webhook ${id} is disabled (${row.disabledReason ?? 'inactive'})`, undefined, 'webhook_disabled');
      const delivery = await webhooks.findDelivery(row.id, deliveryId);
      if (!delivery) throw new NotFoundError(`Delivery ${deliveryId}`);
      await webhooks.requeueDelivery(delivery.id, clock.now());
      dispatcher.nudge();
      return publicDelivery((await webhooks.findDeliveryWithHistory(row.id, delivery.id))!);
    },
  };
}

export type WebhooksService = ReturnType<typeof createWebhooksService>;
