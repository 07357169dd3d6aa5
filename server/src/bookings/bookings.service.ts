import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { z } from 'zod';
import type { Booking, BookingStatus, createBookingInput, ListBookingsQuery } from '@openslot/sdk/schemas';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { dialectOf } from '../db/knex.js';
import { DomainError, ForbiddenError, NotFoundError, SlotUnavailableError, UnauthorizedError } from '../errors.js';
import type { EventTypesService } from '../event-types/event-types.service.js';
import type { Principal } from '../http/auth.js';
import { ATTENDEE_PHONE_RESPONSE, type MeetingLocations } from '../locations/index.js';
import type { Logger } from '../logger.js';
import type { Outbox } from '../outbox/outbox.js';
import type { Signer } from '../security/signing.js';
import type { AvailabilityService } from '../slots/availability.service.js';
import type { BookingRow, BookingsRepo } from './bookings.repo.js';
import type { IdempotencyStore } from './idempotency.js';
import { checkResponses } from './responses.js';

export type ParsedCreateBooking = z.output<typeof createBookingInput>;

/** Who may see or change a booking: an owner key, or the booker's manage token. */
export interface BookingAccess {
  principal: Principal;
  token: string | null;
}

export interface CreatedBooking {
  booking: Booking;
  manageToken: string;
}

const MANAGE = 'manage';

export function newUid(): string {
  return randomBytes(12).toString('base64url');
}

export function publicBooking(row: BookingRow): Booking {
  const { id: _id, eventTypeId: _e, manageKey: _m, icsSequence: _i, hostIds: _h, ...booking } = row;
  return booking;
}

export function createBookingsService(deps: {
  db: Knex;
  config: Config;
  clock: Clock;
  logger: Logger;
  bookings: BookingsRepo;
  eventTypes: EventTypesService;
  availability: AvailabilityService;
  locations: MeetingLocations;
  signer: Signer;
  idempotency: IdempotencyStore;
  outbox: Outbox;
}) {
  const { db, clock, bookings, eventTypes, availability, locations, signer, idempotency, outbox } = deps;
  // READ COMMITTED on MySQL: after the host locks are taken, the overlap check must see every
  // booking committed before them, not a snapshot from the start of the transaction.
  const transaction = <T>(work: (trx: Knex.Transaction) => Promise<T>) =>
    dialectOf(db) === 'mysql' ? db.transaction(work, { isolationLevel: 'read committed' }) : db.transaction(work);

  function canManage(row: BookingRow, access: BookingAccess): 'owner' | 'booker' | null {
    const { principal, token } = access;
    if (principal?.kind === 'admin') return 'owner';
    if (principal?.kind === 'user' && row.hostIds.includes(principal.userId)) return 'owner';
    if (token && signer.verify(MANAGE, row.manageKey, token)) return 'booker';
    return null;
  }

  async function requireAccess(uid: string, access: BookingAccess): Promise<{ row: BookingRow; role: 'owner' | 'booker' }> {
    if (!access.principal && !access.token) throw new UnauthorizedError('A manage token or an API key is required');
    const row = await bookings.findByUid(uid);
    const role = row && canManage(row, access);
    // Not found and not allowed look the same, so uids cannot be probed with a wrong token.
    if (!row || !role) {
      if (access.principal?.kind === 'user' && row) throw new ForbiddenError('This booking is not yours');
      throw new NotFoundError(`Booking "${uid}"`);
    }
    return { row, role };
  }

  async function create(input: ParsedCreateBooking, idempotencyKey: string | null): Promise<CreatedBooking> {
    const resolved = await eventTypes.resolve(input.event);
    const { eventType } = resolved;
    const locationType = eventType.location.type;
    const responses = checkResponses(eventType.bookingFields, input.responses, locationType === 'phone' ? [ATTENDEE_PHONE_RESPONSE] : []);
    const start = Date.parse(input.start);
    const end = start + eventType.durationMinutes * 60_000;
    const status: BookingStatus = eventType.requiresConfirmation ? 'pending' : 'accepted';
    const uid = newUid();
    const location = locations.resolve(eventType.location, { responses });
    const now = clock.now();

    const row = await transaction(async (trx) => {
      if (idempotencyKey) await idempotency.claim(idempotencyKey, input, now, trx);
      await bookings.lockHosts(resolved.hosts.map((host) => host.id), trx);
      const free = await availability.hostsFreeAt(resolved, start, now, trx);
      if (!free) throw new SlotUnavailableError(`${new Date(start).toISOString()} is not available for ${resolved.event}`);
      const hostIds = resolved.hosts.filter((host) => free.includes(host.username)).map((host) => host.id);
      await bookings.insert(
        {
          uid,
          eventTypeId: eventType.id,
          status,
          title: `${eventType.title} between ${resolved.hosts.map((host) => host.name).join(', ')} and ${input.attendee.name}`,
          start,
          end,
          beforeBufferMinutes: eventType.beforeBufferMinutes,
          afterBufferMinutes: eventType.afterBufferMinutes,
          timeZone: input.timeZone,
          attendee: { name: input.attendee.name, email: input.attendee.email, timeZone: input.attendee.timeZone ?? input.timeZone, locale: input.attendee.locale ?? null },
          guests: input.guests,
          responses,
          metadata: input.metadata,
          location,
          manageKey: uid,
          recurringSeriesUid: null,
          rescheduledFromUid: null,
          hostIds,
        },
        now,
        trx,
      );
      const created = (await bookings.findByUid(uid, trx))!;
      const event = { ownerUserId: eventType.userId, eventTypeId: eventType.id, booking: publicBooking(created) };
      await outbox.record(trx, { ...event, type: 'BOOKING_CREATED' }, now);
      await outbox.record(trx, status === 'pending' ? { ...event, type: 'BOOKING_REQUESTED' } : { ...event, type: 'BOOKING_CONFIRMED', data: { confirmedBy: 'auto' } }, now);
      // The stored answer leaves out the manage token; a replay signs it again.
      if (idempotencyKey) await idempotency.complete(idempotencyKey, { statusCode: 201, body: { booking: publicBooking(created) } }, trx);
      return created;
    });
    return { booking: publicBooking(row), manageToken: signer.sign(MANAGE, row.manageKey) };
  }

  async function replay(idempotencyKey: string, input: ParsedCreateBooking): Promise<CreatedBooking | null> {
    const stored = await idempotency.replay(idempotencyKey, input);
    if (!stored) return null;
    const { booking } = stored.body as { booking: Booking };
    const row = await bookings.findByUid(booking.uid);
    return { booking, manageToken: signer.sign(MANAGE, row!.manageKey) };
  }

  return {
    /** Books a time; with an idempotency key, a retry of the same request gets the same booking. */
    async create(input: ParsedCreateBooking, idempotencyKey: string | null): Promise<CreatedBooking> {
      if (!idempotencyKey) return create(input, null);
      const replayed = await replay(idempotencyKey, input);
      if (replayed) return replayed;
      try {
        return await create(input, idempotencyKey);
      } catch (error) {
        // Lost the race for the key: the winner may have committed by now.
        if (error instanceof DomainError && error.kind === 'idempotency_conflict') return (await replay(idempotencyKey, input)) ?? Promise.reject(error);
        throw error;
      }
    },

    async get(uid: string, access: BookingAccess): Promise<Booking> {
      return publicBooking((await requireAccess(uid, access)).row);
    },

    async list(principal: Principal, query: ListBookingsQuery & { limit: number }): Promise<Booking[]> {
      if (!principal) throw new UnauthorizedError('An API key is required');
      const rows = await bookings.list({
        userId: principal.kind === 'user' ? principal.userId : null,
        status: query.status,
        from: query.from ? Date.parse(query.from) : undefined,
        to: query.to ? Date.parse(query.to) : undefined,
        limit: query.limit,
      });
      return rows.map(publicBooking);
    },
  };
}

export type BookingsService = ReturnType<typeof createBookingsService>;
