import type { CreateEventTypeInput, EventTypeHost, Location, Price, PublicEventType, RecurringRule, SchedulingType, UpdateEventTypeInput } from '@openslot/sdk/schemas';
import type { z } from 'zod';
import type { createEventTypeInput } from '@openslot/sdk/schemas';
import type { Clock } from '../clock.js';
import type { Page, PageRequest } from '../db/keyset.js';
import { isUniqueViolation } from '../db/knex.js';
import { ConflictError, DomainError, NotFoundError, ValidationError } from '../errors.js';
import { requireActingAs, requireActingAsOrHide, requireTeamManager, requireTeamMemberOrHide, type Principal } from '../authorization/index.js';
import type { MeetingLocations } from '../locations/index.js';
import type { SchedulesRepo } from '../schedules/schedules.repo.js';
import type { TeamRow } from '../teams/teams.repo.js';
import type { TeamsService } from '../teams/teams.service.js';
import type { UserRow, UsersRepo } from '../users/users.repo.js';
import type { EventTypeFields, EventTypeRow, EventTypesRepo } from './event-types.repo.js';

export type ParsedCreateEventType = z.output<typeof createEventTypeInput>;
export type { CreateEventTypeInput };

/** An event type with the people whose time it books. */
export interface ResolvedEvent {
  eventType: EventTypeRow;
  /** `alice/intro`, `acme/sales`, or `alice+bob/intro` for a dynamic group. */
  event: string;
  /** In the order of `eventType.hosts` (team), of the handle (dynamic group), or the owner alone. */
  hosts: UserRow[];
}

/** The most people a dynamic group (`alice+bob+…/intro`) may list. */
export const MAX_DYNAMIC_GROUP = 10;

const NAME = '[a-z0-9][a-z0-9_-]*';
const EVENT = new RegExp(`^(${NAME}(?:\\+${NAME})*)/(${NAME})$`);

function fieldError(field: string, message: string): ValidationError {
  return new ValidationError(`Invalid body: ${field}: ${message}`, { fields: [{ field, message }] });
}

type HostWithId = EventTypeHost & { userId: number };

/**
 * Team event types book their hosts' time, so the hosts must be members of the team; personal
 * event types book their owner alone and take no hosts (a group of people is a team or a
 * dynamic group).
 */
function checkHosts(team: TeamRow | null, schedulingType: SchedulingType, hosts: readonly EventTypeHost[], scheduleId: number | null): HostWithId[] {
  if (!team) {
    if (hosts.length > 0) throw fieldError('hosts', 'only team event types have hosts');
    if (schedulingType !== null) throw fieldError('schedulingType', 'only team event types are round_robin or collective');
    return [];
  }
  if (schedulingType === null) throw fieldError('schedulingType', 'a team event type is round_robin or collective');
  if (hosts.length === 0) throw fieldError('hosts', 'a team event type needs at least one host');
  if (scheduleId !== null) throw fieldError('scheduleId', "team event types use each host's default schedule");
  return hosts.map((host, index) => {
    const member = team.members.find((m) => m.username === host.username);
    if (!member) throw fieldError(`hosts.${index}.username`, `"${host.username}" is not a member of team "${team.slug}"`);
    // Consent: an invitation gives no host rights until it is accepted.
    if (member.status !== 'active') throw fieldError(`hosts.${index}.username`, `"${host.username}" has not accepted the invitation to team "${team.slug}"`);
    if (hosts.findIndex((h) => h.username === host.username) !== index) throw fieldError(`hosts.${index}.username`, `"${host.username}" is listed twice`);
    return { ...host, userId: member.userId };
  });
}

export function createEventTypesService(deps: {
  eventTypes: EventTypesRepo;
  schedules: SchedulesRepo;
  usersRepo: UsersRepo;
  teams: TeamsService;
  locations: MeetingLocations;
  clock: Clock;
  /** This server's own origin, always allowed (the booker's manage page runs the widget from it). */
  publicUrl: string;
  /** Whether Stripe is configured: a price needs it (never a free booking of a paid event). */
  paymentsConfigured: boolean;
}) {
  const { eventTypes, schedules, usersRepo, teams, locations, clock } = deps;
  const ownOrigin = new URL(deps.publicUrl).origin;

  /** A price needs Stripe (422 `payments_not_configured`), and a paid event is booked one time at a time. */
  function checkPrice(settings: { price?: Price | null | undefined; recurring?: RecurringRule | null | undefined }): void {
    if (!settings.price) return;
    if (!deps.paymentsConfigured) throw new DomainError('unprocessable', 'This server takes no payments: set STRIPE_SECRET_KEY before giving an event type a price', { field: 'price' }, 'payments_not_configured');
    if (settings.recurring) throw fieldError('price', 'a recurring event type cannot have a price');
  }

  function checkLocation(location: Location | undefined): void {
    const problem = location && locations.validate(location);
    if (problem) throw fieldError('location', problem);
  }

  async function checkSchedule(ownerId: number, scheduleId: number | null | undefined): Promise<void> {
    if (scheduleId === null || scheduleId === undefined) return;
    const schedule = await schedules.findById(scheduleId);
    if (!schedule || schedule.userId !== ownerId) throw fieldError('scheduleId', 'not a schedule of this owner');
  }

  /** The owner account behind a handle: a person, or a team the caller must manage. */
  async function requireOwner(principal: Principal, handle: string): Promise<{ id: number; team: TeamRow | null }> {
    const user = await usersRepo.findByUsername(handle);
    if (user) {
      requireActingAs(principal, user.id);
      return { id: user.id, team: null };
    }
    const team = await teams.require(handle).catch((error: unknown) => {
      throw error instanceof NotFoundError ? new NotFoundError(`Owner "${handle}"`) : error;
    });
    requireTeamManager(principal, team);
    return { id: team.id, team };
  }

  /** The event type, if the caller owns it or (a team's) is in the team; else "not found", as for an unknown id. */
  async function requireVisible(principal: Principal, id: number): Promise<{ eventType: EventTypeRow; team: TeamRow | null }> {
    const notFound = new NotFoundError(`Event type ${id}`);
    const eventType = await eventTypes.findById(id);
    if (!eventType) throw notFound;
    if (eventType.ownerKind === 'user') {
      requireActingAsOrHide(principal, eventType.userId, notFound);
      return { eventType, team: null };
    }
    const team = await teams.require(eventType.owner);
    requireTeamMemberOrHide(principal, team, notFound);
    return { eventType, team };
  }

  async function requireOwnedWithTeam(principal: Principal, id: number): Promise<{ eventType: EventTypeRow; team: TeamRow | null }> {
    const found = await requireVisible(principal, id);
    if (found.team) requireTeamManager(principal, found.team);
    return found;
  }

  /** The event type, if the caller owns it (a team's: the caller manages the team). */
  async function requireOwned(principal: Principal, id: number): Promise<EventTypeRow> {
    return (await requireOwnedWithTeam(principal, id)).eventType;
  }

  const slugTaken = (slug: string) => new ConflictError(`This owner already has an event type "${slug}"`, { field: 'slug' }, 'slug_taken');

  /** `alice+bob/intro`: one collective meeting with every listed person, from alice's `intro`. */
  async function resolveDynamicGroup(event: string, usernames: string[], slug: string): Promise<ResolvedEvent> {
    if (usernames.length > MAX_DYNAMIC_GROUP || new Set(usernames).size !== usernames.length) {
      throw new NotFoundError(`Event "${event}" (a dynamic group lists 2 to ${MAX_DYNAMIC_GROUP} different people)`);
    }
    const [users, template] = await Promise.all([usersRepo.findByUsernames(usernames), eventTypes.findBySlug(usernames[0]!, slug)]);
    const missing = usernames.filter((name) => !users.some((u) => u.username === name));
    if (missing.length > 0 || !template || template.ownerKind !== 'user') throw new NotFoundError(`Event "${event}"`);
    const hosts = usernames.map((name) => users.find((u) => u.username === name)!);
    const refusing = hosts.filter((host) => !host.allowDynamicGroup).map((host) => host.username);
    if (refusing.length > 0) {
      throw new DomainError('forbidden', `${refusing.join(', ')} do not take dynamic group bookings`, { usernames: refusing }, 'dynamic_group_not_allowed');
    }
    // Everyone's own default schedule counts (SPEC), so the template's scheduleId is dropped.
    const eventType: EventTypeRow = {
      ...template,
      event,
      schedulingType: 'collective',
      scheduleId: null,
      hosts: hosts.map((host) => ({ username: host.username, weight: 1, priority: 2, fixed: false })),
    };
    return { eventType, event, hosts };
  }

  return {
    requireOwned,

    /** Read access: the owner, or for a team's event type any member (they may host it). */
    async get(principal: Principal, id: number): Promise<EventTypeRow> {
      return (await requireVisible(principal, id)).eventType;
    },

    async create(principal: Principal, input: ParsedCreateEventType): Promise<EventTypeRow> {
      const owner = await requireOwner(principal, input.owner);
      if (!owner.team) await checkSchedule(owner.id, input.scheduleId);
      const hosts = checkHosts(owner.team, input.schedulingType, input.hosts, input.scheduleId);
      checkLocation(input.location);
      checkPrice(input);
      const { owner: _owner, ...fields } = input;
      const id = await eventTypes.insertWithHosts(owner.id, fields satisfies EventTypeFields, hosts, clock.now()).catch((error: unknown) => {
        throw isUniqueViolation(error) ? slugTaken(input.slug) : error;
      });
      return (await eventTypes.findById(id))!;
    },

    async update(principal: Principal, id: number, patch: UpdateEventTypeInput & Partial<EventTypeFields>): Promise<EventTypeRow> {
      const { eventType, team } = await requireOwnedWithTeam(principal, id);
      if (!team) await checkSchedule(eventType.userId, patch.scheduleId);
      const changesHosts = patch.hosts !== undefined || patch.schedulingType !== undefined || patch.scheduleId !== undefined;
      const hosts = changesHosts
        ? checkHosts(team, patch.schedulingType === undefined ? eventType.schedulingType : patch.schedulingType, patch.hosts ?? eventType.hosts, patch.scheduleId === undefined ? eventType.scheduleId : patch.scheduleId)
        : null;
      checkLocation(patch.location);
      if (patch.price !== undefined || patch.recurring !== undefined) {
        checkPrice({ price: patch.price === undefined ? eventType.price : patch.price, recurring: patch.recurring === undefined ? eventType.recurring : patch.recurring });
      }
      await eventTypes.updateWithHosts(id, patch, patch.hosts === undefined ? null : hosts, clock.now()).catch((error: unknown) => {
        throw isUniqueViolation(error) ? slugTaken(patch.slug ?? eventType.slug) : error;
      });
      return (await eventTypes.findById(id))!;
    },

    async delete(principal: Principal, id: number): Promise<void> {
      await requireOwned(principal, id);
      if (!(await eventTypes.deleteUnlessBooked(id))) {
        throw new ConflictError('This event type has bookings; cancel them or keep the event type', undefined, 'has_bookings');
      }
    },

    list(principal: Principal, page: PageRequest): Promise<Page<EventTypeRow>> {
      return eventTypes.list(principal?.kind === 'user' ? principal.userId : null, page);
    },

    /**
     * Looks up an event as the public API names it: `alice/intro`, `acme/sales` or
     * `alice+bob/intro`. A fixed number of queries, whatever the number of hosts.
     */
    /**
     * `allowedOrigins` limits which sites may embed an event type: a browser call from any other
     * page (its `Origin` header) is refused. Calls without an Origin (servers, same-origin GETs)
     * pass: the header is a browser's promise, not a credential.
     */
    requireAllowedOrigin(resolved: ResolvedEvent, origin: string | undefined): void {
      const allowed = resolved.eventType.allowedOrigins;
      if (!origin || allowed.length === 0 || origin === ownOrigin) return;
      // Only http(s) entries count: a `javascript:` or `data:` entry stored before validation has the
      // origin "null", which sandboxed frames send.
      if (origin !== 'null' && allowed.some((entry) => /^https?:/i.test(entry) && URL.canParse(entry) && new URL(entry).origin === origin)) return;
      throw new DomainError('forbidden', `${resolved.event} may not be embedded on ${origin}`, { origin }, 'origin_not_allowed');
    },

    async resolve(event: string): Promise<ResolvedEvent> {
      const match = EVENT.exec(event);
      if (!match) throw new NotFoundError(`Event "${event}"`);
      const [, handle, slug] = match as unknown as [string, string, string];
      if (handle.includes('+')) return resolveDynamicGroup(event, handle.split('+'), slug);
      const found = await eventTypes.findBySlugWithOwner(handle, slug);
      if (!found) throw new NotFoundError(`Event "${event}"`);
      const { eventType, ownerUser, hostUsers } = found;
      if (ownerUser) return { eventType, event, hosts: [ownerUser] };
      // The hosts' accounts came with the event type's host list: one query fewer.
      const byName = new Map(hostUsers.map((user) => [user.username, user]));
      const hosts = eventType.hosts.map((host) => byName.get(host.username)).filter((u): u is UserRow => u !== undefined);
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
    hosts: hosts.map((host) => ({ username: host.username, name: host.name, avatarUrl: host.avatarUrl })),
    recurring: eventType.recurring,
    price: eventType.price,
    refundPolicy: eventType.refundPolicy,
    locationType: eventType.location.type,
    bookingFields: eventType.bookingFields,
    allowGuests: eventType.allowGuests,
    timeZone,
  };
}

export function ownerEventType(eventType: EventTypeRow) {
  const { userId: _userId, ownerKind: _ownerKind, ...rest } = eventType;
  return rest;
}
