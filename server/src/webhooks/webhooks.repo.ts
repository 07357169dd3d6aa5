import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { WebhookEventType } from '@openslot/sdk/schemas';
import { keysetPage, mapPage, type Page, type PageRequest } from '../db/keyset.js';
import { parseJson } from '../db/knex.js';

export interface SubscriptionRow {
  id: string;
  ownerUserId: number;
  owner: string;
  url: string;
  events: WebhookEventType[];
  eventTypeId: number | null;
  /** `alice/intro` when filtered. */
  eventType: string | null;
  sealedSecret: string;
  sealedPreviousSecret: string | null;
  previousSecretUntil: number | null;
  active: boolean;
  disabledReason: string | null;
  createdAt: number;
}

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface DeliveryRow {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: WebhookEventType;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: number | null;
  lastAttemptAt: number | null;
  lastStatusCode: number | null;
  createdAt: number;
}

export interface AttemptRow {
  deliveryId: string;
  attemptedAt: number;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  responseSnippet: string | null;
}

const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));

function subscriptionQuery(db: Knex) {
  return db('webhook_subscriptions as s')
    .join('users as u', 'u.id', 's.owner_user_id')
    .leftJoin('event_types as et', 'et.id', 's.event_type_id')
    .select('s.*', 'u.username as owner', 'et.slug as event_type_slug');
}

function toSubscription(row: Record<string, any>): SubscriptionRow {
  return {
    id: row.id,
    ownerUserId: row.owner_user_id,
    owner: row.owner,
    url: row.url,
    events: parseJson(row.events, []),
    eventTypeId: row.event_type_id,
    eventType: row.event_type_slug ? `${row.owner}/${row.event_type_slug}` : null,
    sealedSecret: row.secret,
    sealedPreviousSecret: row.previous_secret,
    previousSecretUntil: num(row.previous_secret_until),
    active: Boolean(row.active),
    disabledReason: row.disabled_reason,
    createdAt: Number(row.created_at),
  };
}

function toDelivery(row: Record<string, any>): DeliveryRow {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: num(row.next_attempt_at),
    lastAttemptAt: num(row.last_attempt_at),
    lastStatusCode: row.last_status_code,
    createdAt: Number(row.created_at),
  };
}

export function createWebhooksRepo(db: Knex) {
  const freeDelivery = (q: Knex.QueryBuilder, now: number) =>
    q.where({ status: 'pending' }).where('next_attempt_at', '<=', now).where((w) => w.whereNull('lease_until').orWhere('lease_until', '<', now));

  /** Deliveries with every attempt, oldest attempt first. */
  async function withHistory(rows: DeliveryRow[]): Promise<Array<DeliveryRow & { history: AttemptRow[] }>> {
    if (rows.length === 0) return [];
    const attempts = await db('webhook_attempts').whereIn('delivery_id', rows.map((r) => r.id)).orderBy('id');
    return rows.map((row) => ({
      ...row,
      history: attempts
        .filter((a) => a.delivery_id === row.id)
        .map((a) => ({ deliveryId: a.delivery_id, attemptedAt: Number(a.attempted_at), statusCode: a.status_code, durationMs: a.duration_ms, error: a.error, responseSnippet: a.response_snippet })),
    }));
  }

  return {
    async insertSubscription(
      row: { id: string; ownerUserId: number; url: string; events: string[]; eventTypeId: number | null; sealedSecret: string },
      now: number,
      trx: Knex = db,
    ): Promise<void> {
      await trx('webhook_subscriptions').insert({
        id: row.id,
        owner_user_id: row.ownerUserId,
        url: row.url,
        events: JSON.stringify(row.events),
        event_type_id: row.eventTypeId,
        secret: row.sealedSecret,
        active: true,
        created_at: now,
        updated_at: now,
      });
    },

    async findSubscription(id: string, trx: Knex = db): Promise<SubscriptionRow | null> {
      const row = await subscriptionQuery(trx).where('s.id', id).first();
      return row ? toSubscription(row) : null;
    },

    /** Every subscription, or one owner's: a page, oldest first. */
    async listSubscriptions(ownerUserId: number | null, page: PageRequest): Promise<Page<SubscriptionRow>> {
      const q = subscriptionQuery(db);
      if (ownerUserId !== null) q.where('s.owner_user_id', ownerUserId);
      const key = [
        { column: 's.created_at', field: 'created_at', type: 'number' },
        { column: 's.id', field: 'id', type: 'string' },
      ] as const;
      return mapPage(keysetPage(q, key, page), (rows) => rows.map(toSubscription));
    },

    /** The active subscriptions an event goes to: its owner's, for its type, unfiltered or for its event type, made before it. */
    async subscribersOf(event: { ownerUserId: number; type: string; eventTypeId: number | null; createdAt: number }, trx: Knex = db): Promise<SubscriptionRow[]> {
      const rows = await subscriptionQuery(trx)
        .where('s.owner_user_id', event.ownerUserId)
        .where('s.active', true)
        .where('s.created_at', '<=', event.createdAt)
        .where((w) => {
          w.whereNull('s.event_type_id');
          if (event.eventTypeId !== null) w.orWhere('s.event_type_id', event.eventTypeId);
        });
      return rows.map(toSubscription).filter((s) => s.events.includes(event.type as WebhookEventType));
    },

    async deleteSubscription(id: string, trx: Knex = db): Promise<void> {
      await trx('webhook_subscriptions').where({ id }).delete();
    },

    async rotateSecret(id: string, sealedSecret: string, sealedPrevious: string, previousUntil: number, now: number, trx: Knex = db): Promise<void> {
      await trx('webhook_subscriptions').where({ id }).update({ secret: sealedSecret, previous_secret: sealedPrevious, previous_secret_until: previousUntil, updated_at: now });
    },

    /** Changes what is given; `active: true` clears the reason it was disabled. */
    async updateSubscription(
      id: string,
      fields: { url?: string; events?: string[]; eventTypeId?: number | null; active?: boolean; disabledReason?: string | null },
      now: number,
      trx: Knex = db,
    ): Promise<void> {
      await trx('webhook_subscriptions')
        .where({ id })
        .update({
          ...(fields.url !== undefined && { url: fields.url }),
          ...(fields.events !== undefined && { events: JSON.stringify(fields.events) }),
          ...(fields.eventTypeId !== undefined && { event_type_id: fields.eventTypeId }),
          ...(fields.active !== undefined && { active: fields.active, disabled_reason: fields.active ? null : (fields.disabledReason ?? null) }),
          updated_at: now,
        });
    },

    async disableSubscription(id: string, reason: string, now: number): Promise<void> {
      await db('webhook_subscriptions').where({ id }).update({ active: false, disabled_reason: reason, updated_at: now });
    },

    /** One delivery per (subscription, event); a second fan-out of the same event adds nothing. */
    async insertDeliveries(eventId: string, eventType: string, subscriptionIds: string[], now: number, trx: Knex = db): Promise<string[]> {
      if (subscriptionIds.length === 0) return [];
      const rows = subscriptionIds.map((subscriptionId) => ({
        id: `whd_${randomUUID().replaceAll('-', '')}`,
        subscription_id: subscriptionId,
        event_id: eventId,
        event_type: eventType,
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
        created_at: now,
        updated_at: now,
      }));
      await trx('webhook_deliveries').insert(rows).onConflict(['subscription_id', 'event_id']).ignore();
      return rows.map((row) => row.id);
    },

    /** Leases due deliveries the same way the outbox leases events: the conditional UPDATE decides. */
    async claimDueDeliveries(now: number, leaseMs: number, limit: number, exceptSubscriptions: readonly string[] = []): Promise<DeliveryRow[]> {
      const claim = randomUUID().replaceAll('-', '');
      const due = freeDelivery(db('webhook_deliveries').select('id'), now).orderBy('next_attempt_at').limit(limit);
      if (exceptSubscriptions.length > 0) due.whereNotIn('subscription_id', exceptSubscriptions);
      const candidates: Array<{ id: string }> = await due;
      if (candidates.length === 0) return [];
      const ids = candidates.map((c) => c.id);
      await freeDelivery(db('webhook_deliveries').whereIn('id', ids), now).update({ lease_until: now + leaseMs, lease_owner: claim });
      const rows = await db('webhook_deliveries').whereIn('id', ids).where({ lease_owner: claim });
      return rows.map(toDelivery);
    },

    /** Records an attempt and the delivery's new state, and ends the lease. */
    async finishAttempt(
      delivery: DeliveryRow,
      attempt: AttemptRow,
      next: { status: DeliveryStatus; nextAttemptAt: number | null },
    ): Promise<void> {
      await db.transaction(async (trx) => {
        // The subscription (and with it this delivery) may have been deleted while the POST was out.
        if (!(await trx('webhook_deliveries').where({ id: delivery.id }).first('id'))) return;
        await trx('webhook_attempts').insert({
          delivery_id: delivery.id,
          attempted_at: attempt.attemptedAt,
          status_code: attempt.statusCode,
          duration_ms: attempt.durationMs,
          error: attempt.error?.slice(0, 500) ?? null,
          response_snippet: attempt.responseSnippet,
        });
        await trx('webhook_deliveries').where({ id: delivery.id }).update({
          status: next.status,
          attempts: delivery.attempts + 1,
          next_attempt_at: next.nextAttemptAt,
          last_attempt_at: attempt.attemptedAt,
          last_status_code: attempt.statusCode,
          lease_until: null,
          lease_owner: null,
          updated_at: attempt.attemptedAt,
        });
      });
    },

    /** Ends leases without an attempt (the dispatcher stopped mid-way, or took more than its share): due again at once. */
    async releaseDeliveries(ids: readonly string[]): Promise<void> {
      if (ids.length > 0) await db('webhook_deliveries').whereIn('id', ids).update({ lease_until: null, lease_owner: null });
    },

    async failDelivery(id: string, now: number): Promise<void> {
      await db('webhook_deliveries').where({ id }).update({ status: 'failed', next_attempt_at: null, lease_until: null, lease_owner: null, updated_at: now });
    },

    async findDelivery(subscriptionId: string, id: string): Promise<DeliveryRow | null> {
      const row = await db('webhook_deliveries').where({ id, subscription_id: subscriptionId }).first();
      return row ? toDelivery(row) : null;
    },

    async requeueDelivery(id: string, now: number): Promise<void> {
      await db('webhook_deliveries').where({ id }).update({ status: 'pending', next_attempt_at: now, lease_until: null, lease_owner: null, updated_at: now });
    },

    /** A subscription's deliveries with every attempt: a page, newest first. */
    async listDeliveries(subscriptionId: string, page: PageRequest): Promise<Page<DeliveryRow & { history: AttemptRow[] }>> {
      const key = [
        { column: 'created_at', field: 'created_at', type: 'number' },
        { column: 'id', field: 'id', type: 'string' },
      ] as const;
      return mapPage(keysetPage(db('webhook_deliveries').where({ subscription_id: subscriptionId }), key, page, 'desc'), (rows) => withHistory(rows.map(toDelivery)));
    },

    /** One delivery of a subscription with its attempts, or null. */
    async findDeliveryWithHistory(subscriptionId: string, id: string): Promise<(DeliveryRow & { history: AttemptRow[] }) | null> {
      const row = await db('webhook_deliveries').where({ id, subscription_id: subscriptionId }).first();
      return row ? ((await withHistory([toDelivery(row)]))[0] ?? null) : null;
    },

    /** Any account by handle, user or team: both own events and subscriptions. */
    async findAccount(handle: string, trx: Knex = db): Promise<{ id: number; username: string } | null> {
      const row = await trx('users').where({ username: handle }).first('id', 'username');
      return row ? { id: row.id, username: row.username } : null;
    },

    async findAccountById(id: number, trx: Knex = db): Promise<{ id: number; username: string } | null> {
      const row = await trx('users').where({ id }).first('id', 'username');
      return row ? { id: row.id, username: row.username } : null;
    },

    async findEventTypeId(ownerUserId: number, slug: string): Promise<number | null> {
      const row = await db('event_types').where({ user_id: ownerUserId, slug }).first('id');
      return row ? row.id : null;
    },
  };
}

export type WebhooksRepo = ReturnType<typeof createWebhooksRepo>;
