import type { CreateEventTypeInput, Location, PublicEventType, UpdateEventTypeInput } from '@openslot/sdk/schemas';
import type { z } from 'zod';
import type { createEventTypeInput } from '@openslot/sdk/schemas';
import type { Clock } from '../clock.js';
import { isUniqueViolation } from '../db/knex.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { requireActingAs, type Principal } from '../http/auth.js';
import type { MeetingLocations } from '../locations/index.js';
import type { SchedulesRepo } from '../schedules/schedules.repo.js';
import type { UserRow, UsersRepo } from '../users/users.repo.js';
import type { UsersService } from '../users/users.service.js';
import type { EventTypeFields, EventTypeRow, EventTypesRepo } from './event-types.repo.js';

export type ParsedCreateEventType = z.output<typeof createEventTypeInput>;
export type { CreateEventTypeInput };

/** An event type with the people whose time it books. */
export interface ResolvedEvent {
  eventType: EventTypeRow;
  /** `alice/intro`, or `alice+bob/intro` for a dynamic group. */
  event: string;
  hosts: UserRow[];
}

function fieldError(field: string, message: string): ValidationError {
  return new ValidationError(`Invalid body: ${field}: ${message}`, { fields: [{ field, message }] });
}

export function createEventTypesService(deps: {
  eventTypes: EventTypesRepo;
  schedules: SchedulesRepo;
  users: UsersService;
  usersRepo: UsersRepo;
  locations: MeetingLocations;
  clock: Clock;
}) {
  const { eventTypes, schedules, users, usersRepo, locations, clock } = deps;

  function checkLocation(location: Location | undefined): void {
    const problem = location && locations.validate(location);
    if (problem) throw fieldError('location', problem);
  }

  async function checkSchedule(ownerId: number, scheduleId: number | null | undefined): Promise<void> {
    if (scheduleId === null || scheduleId === undefined) return;
    const schedule = await schedules.findById(scheduleId);
    if (!schedule || schedule.userId !== ownerId) throw fieldError('scheduleId', 'not a schedule of this owner');
  }

  async function requireOwned(principal: Principal, id: number): Promise<EventTypeRow> {
    const eventType = await eventTypes.findById(id);
    if (!eventType) throw new NotFoundError(`Event type ${id}`);
    requireActingAs(principal, eventType.userId);
    return eventType;
  }

  const slugTaken = (slug: string) => new ConflictError(`This owner already has an event type "${slug}"`, { field: 'slug' }, 'slug_taken');

  return {
    requireOwned,

    async create(principal: Principal, input: ParsedCreateEventType): Promise<EventTypeRow> {
      const owner = await users.require(input.owner);
      requireActingAs(principal, owner.id);
      await checkSchedule(owner.id, input.scheduleId);
      checkLocation(input.location);
      const { owner: _owner, ...fields } = input;
      const id = await eventTypes.insert(owner.id, fields satisfies EventTypeFields, clock.now()).catch((error: unknown) => {
        throw isUniqueViolation(error) ? slugTaken(input.slug) : error;
      });
      return (await eventTypes.findById(id))!;
    },

    async update(principal: Principal, id: number, patch: UpdateEventTypeInput & Partial<EventTypeFields>): Promise<EventTypeRow> {
      const eventType = await requireOwned(principal, id);
      await checkSchedule(eventType.userId, patch.scheduleId);
      checkLocation(patch.location);
      await eventTypes.update(id, patch, clock.now()).catch((error: unknown) => {
        throw isUniqueViolation(error) ? slugTaken(patch.slug ?? eventType.slug) : error;
      });
      return (await eventTypes.findById(id))!;
    },

    async delete(principal: Principal, id: number): Promise<void> {
      await requireOwned(principal, id);
      if (await eventTypes.hasBookings(id)) {
        throw new ConflictError('This event type has bookings; cancel them or keep the event type', undefined, 'has_bookings');
      }
      await eventTypes.delete(id);
    },

    list(principal: Principal): Promise<EventTypeRow[]> {
      return eventTypes.list(principal?.kind === 'user' ? principal.userId : null);
    },

    /** Looks up `handle/slug` as the public API names it. */
    async resolve(event: string): Promise<ResolvedEvent> {
      const match = /^([a-z0-9][a-z0-9_-]*)\/([a-z0-9][a-z0-9_-]*)$/.exec(event);
      if (!match) throw new NotFoundError(`Event "${event}"`);
      const [, handle, slug] = match as unknown as [string, string, string];
      const eventType = await eventTypes.findBySlug(handle, slug);
      if (!eventType) throw new NotFoundError(`Event "${event}"`);
      const hosts = await usersRepo.findByIds([eventType.userId]);
      return { eventType, event, hosts };
    },
  };
}

export type EventTypesService = ReturnType<typeof createEventTypesService>;

export function publicEventType(resolved: ResolvedEvent, timeZone: string): PublicEventType {
  const { eventType, event, hosts } = resolved;
  return {
    event,
    owner: eventType.owner,
    slug: eventType.slug,
    title: eventType.title,
    description: eventType.description,
    durationMinutes: eventType.durationMinutes,
    requiresConfirmation: eventType.requiresConfirmation,
    seats: eventType.seats,
    schedulingType: eventType.schedulingType,
    hosts: hosts.map((host) => ({ username: host.username, name: host.name })),
    recurring: eventType.recurring,
    price: eventType.price,
    locationType: eventType.location.type,
    bookingFields: eventType.bookingFields,
    timeZone,
  };
}

export function ownerEventType(eventType: EventTypeRow) {
  const { userId: _userId, ...rest } = eventType;
  return rest;
}
