import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Booking, WebhookEventType } from '@openslot/sdk/schemas';
import { parseJson } from '../db/knex.js';

/** The event types of SPEC.md, defined once in the shared wire schemas. */
export type BookingEventType = WebhookEventType;

/** The Standard Webhooks envelope every receiver gets: `{type, timestamp, data}`. */
export interface EventEnvelope {
  type: BookingEventType;
  timestamp: string;
  /** `booking` for booking events; `connection` for CALENDAR_CONNECTION_BROKEN; nothing more for the test PING. */
  data: { booking?: Booking } & Record<string, unknown>;
}

export interface OutboxEvent {
  id: string;
  type: BookingEventType;
  ownerUserId: number;
  eventTypeId: number | null;
  bookingUid: string | null;
  envelope: EventEnvelope;
  createdAt: number;
}

export interface NewEvent {
  type: BookingEventType;
  ownerUserId: number;
  /** `null` for events about no event type (a calendar connection): only unfiltered subscriptions get them. */
  eventTypeId: number | null;
  /** The booking the event is about; absent for events about something else. */
  booking?: Booking;
  /** Extra fields of `data` beside `booking` (`confirmedBy`, `previousBooking`, `bookings` …). */
  data?: Record<string, unknown>;
}

interface OutboxRecord {
  id: string;
  type: string;
  owner_user_id: number;
  event_type_id: number | null;
  booking_uid: string | null;
  payload: unknown;
  created_at: number | string;
  webhook_attempts: number;
}

function toEvent(row: OutboxRecord): OutboxEvent & { webhookAttempts: number } {
  return {
    id: row.id,
    type: row.type as BookingEventType,
    ownerUserId: row.owner_user_id,
    eventTypeId: row.event_type_id,
    bookingUid: row.booking_uid,
    envelope: parseJson<EventEnvelope>(row.payload, null as never),
    createdAt: Number(row.created_at),
    webhookAttempts: row.webhook_attempts,
  };
}

let sequence = 0;

/** At most this much payload (characters) in one multi-row insert. */
const BATCH_PAYLOAD_CHARS = 1_000_000;

/**
 * `evt_` + time + a per-process sequence + randomness: ids sort in the order events were
 * recorded (BOOKING_CREATED before BOOKING_CONFIRMED of one booking), and dispatchers hand them
 * on in that order; ids from different processes in the same millisecond sort arbitrarily.
 */
function eventId(now: number): string {
  sequence = (sequence + 1) % 36 ** 4;
  return `evt_${now.toString(36).padStart(9, '0')}${sequence.toString(36).padStart(4, '0')}${randomUUID().replaceAll('-', '').slice(0, 16)}`;
}

export function createOutbox(db: Knex) {
  const committedListeners = new Set<() => void>();

  /** Writes several events in one statement (in this order), inside the caller's transaction. */
  async function recordAll(trx: Knex, events: readonly NewEvent[], now: number): Promise<string[]> {
    const rows = events.map((event) => {
      const envelope: EventEnvelope = { type: event.type, timestamp: new Date(now).toISOString(), data: { ...event.data, ...(event.booking && { booking: event.booking }) } };
      return {
        id: eventId(now),
        type: event.type,
        owner_user_id: event.ownerUserId,
        event_type_id: event.eventTypeId,
        booking_uid: event.booking?.uid ?? null,
        payload: JSON.stringify(envelope),
        created_at: now,
      };
    });
    if (rows.length === 0) return [];
    // One statement for the usual few events; a very large series' events go one by one (MySQL's max_allowed_packet).
    let batch: typeof rows = [];
    let bytes = 0;
    for (const row of rows) {
      if (batch.length > 0 && bytes + row.payload.length > BATCH_PAYLOAD_CHARS) {
        await trx('outbox_events').insert(batch);
        [batch, bytes] = [[], 0];
      }
      batch.push(row);
      bytes += row.payload.length;
    }
    if (batch.length > 0) await trx('outbox_events').insert(batch);
    // Wake in-process dispatchers once the change is visible; other processes find it by polling.
    const committed = (trx as unknown as Partial<Knex.Transaction>).executionPromise;
    if (committed) committed.then(() => committedListeners.forEach((listener) => listener()), () => undefined);
    else committedListeners.forEach((listener) => listener());
    return rows.map((row) => row.id);
  }

  return {
    /** Writes an event inside the caller's transaction: it exists exactly when the change commits. */
    async record(trx: Knex, event: NewEvent, now: number): Promise<string> {
      return (await recordAll(trx, [event], now))[0]!;
    },

    recordAll,

    /**
     * The test event of one subscription (`PING`), about no booking: written as already handed on,
     * so no fan-out sends it anywhere else; the caller adds its one delivery in the same transaction.
     */
    async recordPing(trx: Knex, ownerUserId: number, data: Record<string, unknown>, now: number): Promise<string> {
      const id = eventId(now);
      const envelope: EventEnvelope = { type: 'PING', timestamp: new Date(now).toISOString(), data };
      await trx('outbox_events').insert({ id, type: 'PING', owner_user_id: ownerUserId, event_type_id: null, booking_uid: null, payload: JSON.stringify(envelope), created_at: now, webhook_fanned_out_at: now });
      return id;
    },

    /** Calls `listener` after each transaction that recorded an event commits (in this process). */
    onCommitted(listener: () => void): () => void {
      committedListeners.add(listener);
      return () => committedListeners.delete(listener);
    },

    /**
     * Leases up to `limit` events not yet handed to webhooks. The conditional UPDATE is the claim:
     * of several dispatchers racing for a row, only the one whose UPDATE matched it owns it, on
     * SQLite and MySQL alike; a dispatcher that dies lets its lease run out.
     */
    async claimForWebhooks(now: number, leaseMs: number, limit: number): Promise<{ claim: string; events: Array<OutboxEvent & { webhookAttempts: number }> }> {
      // A fresh token per claim, so even the same dispatcher never re-takes a row it is still working on.
      const claim = randomUUID().replaceAll('-', '');
      const free = (q: Knex.QueryBuilder) =>
        q.whereNull('webhook_fanned_out_at').where('webhook_next_attempt_at', '<=', now).where((w) => w.whereNull('webhook_lease_until').orWhere('webhook_lease_until', '<', now));
      const candidates: Array<{ id: string }> = await free(db('outbox_events').select('id')).orderBy('created_at').orderBy('id').limit(limit);
      if (candidates.length === 0) return { claim, events: [] };
      await free(db('outbox_events').whereIn('id', candidates.map((c) => c.id))).update({ webhook_lease_until: now + leaseMs, webhook_lease_owner: claim });
      const rows: OutboxRecord[] = await db('outbox_events')
        .whereIn('id', candidates.map((c) => c.id))
        .where({ webhook_lease_owner: claim })
        .orderBy('created_at')
        .orderBy('id');
      return { claim, events: rows.map(toEvent) };
    },

    /** Marks a claimed event as handed on; inside the fan-out transaction so deliveries and mark commit together. */
    async markFannedOut(trx: Knex, id: string, claim: string, now: number): Promise<boolean> {
      const updated = await trx('outbox_events').where({ id, webhook_lease_owner: claim }).whereNull('webhook_fanned_out_at').update({ webhook_fanned_out_at: now, webhook_lease_until: null });
      return updated === 1;
    },

    /** Gives a claimed event back for a later try (Svix down): `attempts` counts failed hand-offs. */
    async retryLater(id: string, claim: string, attempts: number, at: number): Promise<void> {
      await db('outbox_events').where({ id, webhook_lease_owner: claim }).update({ webhook_attempts: attempts, webhook_next_attempt_at: at, webhook_lease_until: null });
    },

    async findById(id: string): Promise<OutboxEvent | null> {
      const row: OutboxRecord | undefined = await db('outbox_events').where({ id }).first();
      return row ? toEvent(row) : null;
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
