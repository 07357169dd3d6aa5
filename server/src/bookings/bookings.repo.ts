import type { Knex } from 'knex';
import { HOLDING_STATUSES, type Booking, type BookingStatus, type LocationType } from '@openslot/sdk/schemas';
import { keysetPage, mapPage, type Page, type PageRequest } from '../db/keyset.js';
import { parseJson } from '../db/knex.js';
import { publicPayment, type PaymentState } from './payment-view.js';

/** A booking as stored, with the ids the services need beside the public shape. */
export interface BookingRow extends Booking {
  id: number;
  eventTypeId: number;
  manageKey: string;
  icsSequence: number;
  /** The iCalendar UID its invites carry; `null`: its own (`calendarUid(uid)`). */
  icalUid: string | null;
  hostIds: number[];
  /** Whether any host has a calendar connection (a change is then written to their calendars). */
  hostsHaveCalendars: boolean;
  /** Each host's zone and the owner of the event type, for emails and events. */
  hostTimeZones: Record<string, string>;
  ownerUserId: number;
  /** Where its payment stands on our side (finer than `payment.status`); null when free. */
  paymentState: PaymentState | null;
  /** The event type's own title ("Intro call"), for sentences the booking title would repeat names in. */
  eventTitle: string;
  /** A dynamic group's `alice+bob` when booked as one; null for the owner's own handle. */
  groupHandle: string | null;
}

export interface NewBooking {
  uid: string;
  eventTypeId: number;
  status: BookingStatus;
  title: string;
  start: number;
  end: number;
  beforeBufferMinutes: number;
  afterBufferMinutes: number;
  timeZone: string;
  attendee: { name: string; email: string; timeZone: string; locale: string | null };
  guests: string[];
  responses: Record<string, unknown>;
  metadata: Record<string, string>;
  location: { type: LocationType; url: string | null; address: string | null };
  manageKey: string;
  recurringSeriesUid: string | null;
  rescheduledFromUid: string | null;
  /** `alice+bob` for a dynamic-group booking (`alice+bob/intro`). */
  groupHandle?: string | null;
  /** A reschedule carries the replaced booking's calendar UID and next invite revision. */
  icalUid?: string | null;
  icsSequence?: number;
  hostIds: number[];
}

/** A holding booking as the availability engine sees it. */
export interface BusyBooking {
  userId: number;
  start: number;
  end: number;
  eventTypeId: number;
  beforeBufferMinutes: number;
  afterBufferMinutes: number;
  attendees: number;
  bookingId: number;
  /** Only when asked for (`withStatus`). */
  status?: BookingStatus;
}

const MAX_MEETING_MS = 24 * 60 * 60 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();
const holds = (status: BookingStatus) => HOLDING_STATUSES.includes(status);

/** `publicUrl`: this server's address, for the checkout link of a booking waiting for payment. */
export function createBookingsRepo(db: Knex, options: { publicUrl: string }) {
  async function hydrate(rows: Array<Record<string, any>>, trx: Knex): Promise<BookingRow[]> {
    if (rows.length === 0) return [];
    const hostRows = await trx('booking_hosts')
      .join('users', 'users.id', 'booking_hosts.user_id')
      .select('booking_hosts.booking_id', 'users.id', 'users.username', 'users.name', 'users.email', 'users.time_zone', 'users.calendar_connections')
      .whereIn('booking_hosts.booking_id', rows.map((row) => row.id))
      .orderBy('users.username');
    return rows.map((row) => {
      const hosts = hostRows.filter((host) => host.booking_id === row.id);
      return {
        id: row.id,
        eventTypeId: row.event_type_id,
        manageKey: row.manage_key,
        icsSequence: row.ics_sequence,
        icalUid: row.ical_uid ?? null,
        hostIds: hosts.map((host) => host.id),
        hostsHaveCalendars: hosts.some((host) => Number(host.calendar_connections) > 0),
        hostTimeZones: Object.fromEntries(hosts.map((host) => [host.username, host.time_zone])),
        ownerUserId: row.owner_user_id,
        paymentState: row.payment_state ?? null,
        eventTitle: row.event_title,
        groupHandle: row.group_handle ?? null,
        uid: row.uid,
        status: row.status,
        eventType: `${row.group_handle ?? row.owner_handle}/${row.event_slug}`,
        title: row.title,
        start: iso(Number(row.start_ms)),
        end: iso(Number(row.end_ms)),
        timeZone: row.time_zone,
        hosts: hosts.map((host) => ({ username: host.username, name: host.name, email: host.email })),
        attendee: { name: row.attendee_name, email: row.attendee_email, timeZone: row.attendee_time_zone, locale: row.attendee_locale },
        guests: parseJson(row.guests, []),
        responses: parseJson(row.responses, {}),
        metadata: parseJson(row.metadata, {}),
        location: { type: row.location_type, url: row.location_url, address: row.location_address },
        recurringSeriesUid: row.recurring_series_uid,
        rescheduledFromUid: row.rescheduled_from_uid,
        rescheduledToUid: row.rescheduled_to_uid,
        cancellationReason: row.cancellation_reason,
        rejectionReason: row.rejection_reason,
        payment:
          row.payment_state === null || row.payment_state === undefined
            ? null
            : publicPayment(
                { state: row.payment_state as PaymentState, amount: Number(row.payment_amount), currency: row.payment_currency, refundedAmount: Number(row.payment_refunded), holdExpiresAt: Number(row.payment_hold_expires_at) },
                { uid: row.uid, status: row.status },
                options.publicUrl,
              ),
        createdAt: iso(Number(row.created_at)),
        updatedAt: iso(Number(row.updated_at)),
      };
    });
  }

  const base = (trx: Knex) =>
    trx('bookings')
      .join('event_types', 'event_types.id', 'bookings.event_type_id')
      .join('users as owners', 'owners.id', 'event_types.user_id')
      // A paid booking's money (one payments row at most); its columns are all null for a free one.
      .leftJoin('payments', 'payments.booking_id', 'bookings.id')
      .select(
        'bookings.*',
        'event_types.slug as event_slug',
        'event_types.title as event_title',
        'owners.username as owner_handle',
        'owners.id as owner_user_id',
        'payments.status as payment_state',
        'payments.amount as payment_amount',
        'payments.currency as payment_currency',
        'payments.refunded_amount as payment_refunded',
        'payments.hold_expires_at as payment_hold_expires_at',
      );

  /** The busy-time query (exposed for its EXPLAIN, in db/busy-index.test.ts and the server README). */
  const busyQuery = (userIds: number[], from: number, to: number, trx: Knex = db, options: { exceptBookingId?: number; withStatus?: boolean } = {}) => {
    const query = trx('booking_hosts')
      .select(
        'booking_hosts.user_id',
        'booking_hosts.start_ms',
        'booking_hosts.end_ms',
        'booking_hosts.event_type_id',
        'booking_hosts.before_buffer_minutes',
        'booking_hosts.after_buffer_minutes',
        'booking_hosts.booking_id',
      )
      .whereIn('booking_hosts.user_id', userIds)
      .where('booking_hosts.holds', true)
      .where('booking_hosts.start_ms', '<', to)
      // Meetings last at most a day, so this bound lets the index skip the host's whole history.
      .where('booking_hosts.start_ms', '>=', from - MAX_MEETING_MS)
      .where('booking_hosts.end_ms', '>', from);
    if (options.withStatus) query.join('bookings', 'bookings.id', 'booking_hosts.booking_id').select('bookings.status');
    if (options.exceptBookingId !== undefined) query.whereNot('booking_hosts.booking_id', options.exceptBookingId);
    return query;
  };

  return {
    busyQuery,

    async insert(booking: NewBooking, now: number, trx: Knex): Promise<number> {
      const [id] = await trx('bookings').insert({
        uid: booking.uid,
        event_type_id: booking.eventTypeId,
        status: booking.status,
        title: booking.title,
        start_ms: booking.start,
        end_ms: booking.end,
        before_buffer_minutes: booking.beforeBufferMinutes,
        after_buffer_minutes: booking.afterBufferMinutes,
        time_zone: booking.timeZone,
        attendee_name: booking.attendee.name,
        attendee_email: booking.attendee.email,
        attendee_time_zone: booking.attendee.timeZone,
        attendee_locale: booking.attendee.locale,
        guests: JSON.stringify(booking.guests),
        responses: JSON.stringify(booking.responses),
        metadata: JSON.stringify(booking.metadata),
        location_type: booking.location.type,
        location_url: booking.location.url,
        location_address: booking.location.address,
        manage_key: booking.manageKey,
        recurring_series_uid: booking.recurringSeriesUid,
        rescheduled_from_uid: booking.rescheduledFromUid,
        group_handle: booking.groupHandle ?? null,
        ical_uid: booking.icalUid ?? null,
        ics_sequence: booking.icsSequence ?? 0,
        created_at: now,
        updated_at: now,
      });
      const bookingId = Number(id);
      await trx('booking_hosts').insert(
        booking.hostIds.map((userId) => ({
          booking_id: bookingId,
          user_id: userId,
          start_ms: booking.start,
          end_ms: booking.end,
          holds: holds(booking.status),
          event_type_id: booking.eventTypeId,
          before_buffer_minutes: booking.beforeBufferMinutes,
          after_buffer_minutes: booking.afterBufferMinutes,
        })),
      );
      return bookingId;
    },

    /**
     * Moves a booking from one of `from` to `status`, keeping the hosts' copy of "holds time" in
     * step. False when its status was no longer one of `from` (a concurrent change won).
     */
    async transition(
      id: number,
      from: readonly BookingStatus[],
      status: BookingStatus,
      now: number,
      trx: Knex,
      extra: { cancellationReason?: string | null; rejectionReason?: string | null; rescheduledToUid?: string; bumpSequence?: boolean } = {},
    ): Promise<boolean> {
      const changed = await trx('bookings')
        .where({ id })
        .whereIn('status', from)
        .update({
          status,
          updated_at: now,
          ...(extra.cancellationReason !== undefined && { cancellation_reason: extra.cancellationReason }),
          ...(extra.rejectionReason !== undefined && { rejection_reason: extra.rejectionReason }),
          ...(extra.rescheduledToUid !== undefined && { rescheduled_to_uid: extra.rescheduledToUid }),
          ...(extra.bumpSequence && { ics_sequence: trx.raw('ics_sequence + 1') }),
        });
      if (changed === 0) return false;
      await trx('booking_hosts').where({ booking_id: id }).update({ holds: holds(status) });
      return true;
    },

    /**
     * Takes the hosts' locks for the rest of the transaction, always in id order so two bookings
     * sharing hosts cannot deadlock. On MySQL these are row locks; on SQLite the write takes the
     * database's write lock, which serialises every booking transaction.
     */
    async lockHosts(userIds: number[], trx: Knex): Promise<void> {
      // One statement: InnoDB walks the primary key in ascending order, so locks are taken in id order.
      await trx('users').whereIn('id', userIds).increment('booking_lock', 1);
    },

    /**
     * Holding bookings of these hosts that touch [from, to): one query, whatever the range, read
     * from the `booking_hosts_busy` index alone (see the server README). `withStatus` joins the
     * bookings for their status (a confirm tells pending requests from accepted bookings).
     */
    async busyForHosts(userIds: number[], from: number, to: number, trx: Knex = db, options: { exceptBookingId?: number; withStatus?: boolean } = {}): Promise<BusyBooking[]> {
      if (userIds.length === 0) return [];
      const query = busyQuery(userIds, from, to, trx, options);
      const rows: Array<Record<string, any>> = await query;
      return rows.map((row) => ({
        userId: row.user_id,
        start: Number(row.start_ms),
        end: Number(row.end_ms),
        eventTypeId: row.event_type_id,
        beforeBufferMinutes: row.before_buffer_minutes,
        afterBufferMinutes: row.after_buffer_minutes,
        attendees: 1,
        bookingId: row.booking_id,
        ...(options.withStatus && { status: row.status as BookingStatus }),
      }));
    },

    async findByUid(uid: string, trx: Knex = db): Promise<BookingRow | null> {
      const rows = await base(trx).where('bookings.uid', uid);
      return (await hydrate(rows, trx))[0] ?? null;
    },

    /** Every occurrence of a recurring series, by start. */
    async findSeries(seriesUid: string, trx: Knex = db): Promise<BookingRow[]> {
      const rows = await base(trx).where('bookings.recurring_series_uid', seriesUid).orderBy('bookings.start_ms');
      return hydrate(rows, trx);
    },

    async findByUids(uids: string[], trx: Knex = db): Promise<BookingRow[]> {
      if (uids.length === 0) return [];
      const rows = await base(trx).whereIn('bookings.uid', uids).orderBy('bookings.start_ms');
      return hydrate(rows, trx);
    },

    /** A page of bookings by start, then id (latest first with `newestFirst`), so equal starts keep one order on every call. */
    async list(
      filter: {
        userId: number | null;
        statuses?: readonly BookingStatus[];
        from?: number;
        to?: number;
        /** Only bookings over by then. */
        endedBy?: number;
        event?: { handle: string; slug: string };
        /** Text the title, the attendee's name or email contains. */
        search?: string;
        newestFirst?: boolean;
      },
      page: PageRequest,
    ): Promise<Page<BookingRow>> {
      const query = base(db);
      // `alice+bob/intro` names a dynamic group's bookings; `alice/intro` every booking of that event type.
      if (filter.event?.handle.includes('+')) query.where('bookings.group_handle', filter.event.handle).where('event_types.slug', filter.event.slug);
      else if (filter.event) query.where('owners.username', filter.event.handle).where('event_types.slug', filter.event.slug);
      if (filter.userId !== null) {
        query.whereIn('bookings.id', db('booking_hosts').select('booking_id').where('user_id', filter.userId));
      }
      if (filter.statuses) query.whereIn('bookings.status', filter.statuses);
      if (filter.from !== undefined) query.where('bookings.end_ms', '>', filter.from);
      if (filter.to !== undefined) query.where('bookings.start_ms', '<', filter.to);
      if (filter.endedBy !== undefined) query.where('bookings.end_ms', '<=', filter.endedBy);
      if (filter.search) {
        // LIKE is case-insensitive for these columns on both databases; `!` escapes the wildcards in what was typed.
        const pattern = `%${filter.search.replace(/[!%_]/g, '!$&')}%`;
        query.where((where) => {
          for (const column of ['bookings.title', 'bookings.attendee_name', 'bookings.attendee_email']) where.orWhereRaw(`?? LIKE ? ESCAPE '!'`, [column, pattern]);
        });
      }
      const key = [
        { column: 'bookings.start_ms', field: 'start_ms', type: 'number' },
        { column: 'bookings.id', field: 'id', type: 'number' },
      ] as const;
      return mapPage(keysetPage(query, key, page, filter.newestFirst ? 'desc' : 'asc'), (rows) => hydrate(rows, db));
    },
  };
}

export type BookingsRepo = ReturnType<typeof createBookingsRepo>;
