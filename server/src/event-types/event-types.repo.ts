import type { Knex } from 'knex';
import { EVENT_TYPE_DEFAULTS, type EventType, type EventTypeHost } from '@openslot/sdk/schemas';
import { keysetPage, mapPage, type Page, type PageRequest } from '../db/keyset.js';
import { isForeignKeyViolation, parseJson } from '../db/knex.js';
import { toUser, type UserRow } from '../users/users.repo.js';

export interface EventTypeRow extends EventType {
  /** The owner's account id: a user, or a team (teams are accounts, see migration 006). */
  userId: number;
  ownerKind: 'user' | 'team';
}

export type EventTypeFields = Omit<EventType, 'id' | 'owner' | 'event'>;

interface EventTypeRecord {
  id: number;
  user_id: number;
  username: string;
  owner_kind: 'user' | 'team';
  slug: string;
  title: string;
  description: string;
  duration_minutes: number;
  slot_interval_minutes: number | null;
  minimum_notice_minutes: number;
  before_buffer_minutes: number;
  after_buffer_minutes: number;
  booking_window: string;
  schedule_id: number | null;
  limit_per_day: number | null;
  limit_per_week: number | null;
  seats: number | null;
  requires_confirmation: number | boolean;
  scheduling_type: 'round_robin' | 'collective' | null;
  recurring: string | null;
  price: string | null;
  refund_policy: string | null;
  location: string;
  booking_fields: string;
  allow_guests: number | boolean;
  allowed_origins: string;
}

interface OwnerColumns {
  owner_name: string;
  owner_email: string;
  owner_time_zone: string;
  owner_allow_dynamic_group: number | boolean;
  owner_default_schedule_id: number | null;
  owner_busy_calendars: number;
  owner_avatar_url: string | null;
}

function toEventType(row: EventTypeRecord, hosts: EventTypeHost[]): EventTypeRow {
  return {
    id: row.id,
    userId: row.user_id,
    ownerKind: row.owner_kind,
    owner: row.username,
    slug: row.slug,
    event: `${row.username}/${row.slug}`,
    title: row.title,
    description: row.description,
    durationMinutes: row.duration_minutes,
    slotIntervalMinutes: row.slot_interval_minutes,
    minimumNoticeMinutes: row.minimum_notice_minutes,
    beforeBufferMinutes: row.before_buffer_minutes,
    afterBufferMinutes: row.after_buffer_minutes,
    bookingWindow: parseJson(row.booking_window, EVENT_TYPE_DEFAULTS.bookingWindow),
    scheduleId: row.schedule_id,
    limits: { perDay: row.limit_per_day, perWeek: row.limit_per_week },
    seats: row.seats,
    requiresConfirmation: Boolean(row.requires_confirmation),
    schedulingType: row.scheduling_type,
    hosts,
    recurring: parseJson(row.recurring, null),
    price: parseJson(row.price, null),
    refundPolicy: parseJson(row.refund_policy, EVENT_TYPE_DEFAULTS.refundPolicy),
    location: parseJson(row.location, EVENT_TYPE_DEFAULTS.location),
    bookingFields: parseJson(row.booking_fields, []),
    allowGuests: Boolean(row.allow_guests),
    allowedOrigins: parseJson(row.allowed_origins, []),
  };
}

function toRecord(fields: Partial<EventTypeFields>): Record<string, unknown> {
  const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
  const map: Record<string, unknown> = {
    slug: fields.slug,
    title: fields.title,
    description: fields.description,
    duration_minutes: fields.durationMinutes,
    slot_interval_minutes: fields.slotIntervalMinutes,
    minimum_notice_minutes: fields.minimumNoticeMinutes,
    before_buffer_minutes: fields.beforeBufferMinutes,
    after_buffer_minutes: fields.afterBufferMinutes,
    booking_window: fields.bookingWindow && json(fields.bookingWindow),
    schedule_id: fields.scheduleId,
    limit_per_day: fields.limits?.perDay,
    limit_per_week: fields.limits?.perWeek,
    seats: fields.seats,
    requires_confirmation: fields.requiresConfirmation,
    scheduling_type: fields.schedulingType,
    recurring: fields.recurring !== undefined ? json(fields.recurring) : undefined,
    price: fields.price !== undefined ? json(fields.price) : undefined,
    refund_policy: fields.refundPolicy && json(fields.refundPolicy),
    location: fields.location && json(fields.location),
    booking_fields: fields.bookingFields && json(fields.bookingFields),
    allow_guests: fields.allowGuests,
    allowed_origins: fields.allowedOrigins && json(fields.allowedOrigins),
  };
  if (fields.limits) {
    map.limit_per_day = fields.limits.perDay ?? null;
    map.limit_per_week = fields.limits.perWeek ?? null;
  }
  return Object.fromEntries(Object.entries(map).filter(([, value]) => value !== undefined));
}

export function createEventTypesRepo(db: Knex) {
  const base = (trx: Knex) =>
    trx('event_types')
      .join('users', 'users.id', 'event_types.user_id')
      .select(
        'event_types.*',
        'users.username',
        'users.kind as owner_kind',
        // The owner's account too, so resolving a personal event needs no second look-up.
        'users.name as owner_name',
        'users.email as owner_email',
        'users.time_zone as owner_time_zone',
        'users.allow_dynamic_group as owner_allow_dynamic_group',
        'users.default_schedule_id as owner_default_schedule_id',
        'users.busy_calendars as owner_busy_calendars',
        'users.avatar_url as owner_avatar_url',
      );

  /** The event types with their hosts; `hostUsers`, when given, receives each team event type's host accounts (read in the same query). */
  async function withHosts(rows: EventTypeRecord[], trx: Knex, hostUsers?: Map<number, UserRow[]>): Promise<EventTypeRow[]> {
    if (rows.length === 0) return [];
    // Only team event types have hosts; a personal one is hosted by its owner.
    const teamRows = rows.filter((row) => row.owner_kind === 'team');
    const hostRows = teamRows.length === 0 ? [] : await trx('event_type_hosts')
      .join('users', 'users.id', 'event_type_hosts.user_id')
      .select('event_type_hosts.event_type_id', 'event_type_hosts.weight', 'event_type_hosts.priority', 'event_type_hosts.fixed')
      .select('users.id', 'users.username', 'users.name', 'users.email', 'users.time_zone', 'users.allow_dynamic_group', 'users.default_schedule_id', 'users.busy_calendars')
      .whereIn('event_type_hosts.event_type_id', teamRows.map((row) => row.id))
      .orderBy('users.username');
    return rows.map((row) => {
      const hosts = hostRows.filter((host) => host.event_type_id === row.id);
      hostUsers?.set(row.id, hosts.map(toUser));
      return toEventType(
        row,
        hosts.map((host) => ({ username: host.username, weight: host.weight, priority: host.priority, fixed: Boolean(host.fixed) })),
      );
    });
  }

  async function findBySlugWithOwner(username: string, slug: string, trx: Knex = db): Promise<{ eventType: EventTypeRow; ownerUser: UserRow | null; hostUsers: UserRow[] } | null> {
    const rows: Array<EventTypeRecord & OwnerColumns> = await base(trx).where({ 'users.username': username, 'event_types.slug': slug });
    const hostUsers = new Map<number, UserRow[]>();
    const [eventType] = await withHosts(rows, trx, hostUsers);
    const row = rows[0];
    if (!eventType || !row) return null;
    const ownerUser =
      row.owner_kind === 'user'
        ? toUser({
            id: row.user_id,
            username: row.username,
            name: row.owner_name,
            email: row.owner_email,
            time_zone: row.owner_time_zone,
            allow_dynamic_group: row.owner_allow_dynamic_group,
            default_schedule_id: row.owner_default_schedule_id,
            busy_calendars: row.owner_busy_calendars,
            avatar_url: row.owner_avatar_url,
          })
        : null;
    return { eventType, ownerUser, hostUsers: hostUsers.get(eventType.id) ?? [] };
  }

  const repo = {
    async insert(userId: number, fields: EventTypeFields, now: number, trx: Knex = db): Promise<number> {
      const [id] = await trx('event_types').insert({ user_id: userId, ...toRecord(fields), created_at: now, updated_at: now });
      return Number(id);
    },

    /** The event type and its hosts in one transaction. */
    async insertWithHosts(userId: number, fields: EventTypeFields, hosts: Array<EventTypeHost & { userId: number }>, now: number): Promise<number> {
      return db.transaction(async (trx) => {
        const id = await repo.insert(userId, fields, now, trx);
        await repo.replaceHosts(id, hosts, trx);
        return id;
      });
    },

    /** The fields, and the hosts when given, in one transaction. */
    async updateWithHosts(id: number, fields: Partial<EventTypeFields>, hosts: Array<EventTypeHost & { userId: number }> | null, now: number): Promise<void> {
      await db.transaction(async (trx) => {
        await repo.update(id, fields, now, trx);
        if (hosts) await repo.replaceHosts(id, hosts, trx);
      });
    },

    async update(id: number, fields: Partial<EventTypeFields>, now: number, trx: Knex = db): Promise<void> {
      await trx('event_types').where({ id }).update({ ...toRecord(fields), updated_at: now });
    },

    async replaceHosts(eventTypeId: number, hosts: Array<EventTypeHost & { userId: number }>, trx: Knex = db): Promise<void> {
      await trx('event_type_hosts').where({ event_type_id: eventTypeId }).delete();
      if (hosts.length === 0) return;
      await trx('event_type_hosts').insert(
        hosts.map((host) => ({ event_type_id: eventTypeId, user_id: host.userId, weight: host.weight, priority: host.priority, fixed: host.fixed })),
      );
    },

    /**
     * Deletes the event type unless a booking names it; false when one does. The row lock is taken
     * first, so a booking committing meanwhile is seen (its insert's foreign-key check holds a shared
     * lock on this row until it commits), and one that comes after finds the event type gone.
     */
    async deleteUnlessBooked(id: number): Promise<boolean> {
      return db
        .transaction(async (trx) => {
          await trx('event_types').where({ id }).forUpdate().first('id');
          if (await trx('bookings').where({ event_type_id: id }).first('id')) return false;
          await trx('event_types').where({ id }).delete();
          return true;
        })
        .catch((error: unknown) => {
          if (isForeignKeyViolation(error)) return false;
          throw error;
        });
    },

    async findById(id: number, trx: Knex = db): Promise<EventTypeRow | null> {
      const rows = await base(trx).where('event_types.id', id);
      return (await withHosts(rows, trx))[0] ?? null;
    },

    async findBySlug(username: string, slug: string, trx: Knex = db): Promise<EventTypeRow | null> {
      return (await findBySlugWithOwner(username, slug, trx))?.eventType ?? null;
    },

    findBySlugWithOwner,

    /** Every event type, or a user's own and those of the teams they belong to: a page by id. */
    async list(userId: number | null, page: PageRequest): Promise<Page<EventTypeRow>> {
      const query = base(db);
      if (userId !== null) {
        query.where((where) =>
          where.where('event_types.user_id', userId).orWhereIn('event_types.user_id', db('team_members').select('team_id').where({ user_id: userId, status: 'active' })),
        );
      }
      return mapPage(keysetPage<EventTypeRecord & Record<string, unknown>>(query, [{ column: 'event_types.id', field: 'id', type: 'number' }], page), (rows) => withHosts(rows, db));
    },

  };
  return repo;
}

export type EventTypesRepo = ReturnType<typeof createEventTypesRepo>;
