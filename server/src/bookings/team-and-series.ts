import type { Knex } from 'knex';
import type { ResolvedEvent } from '../event-types/event-types.service.js';
import { SlotUnavailableError, ValidationError } from '../errors.js';
import { chooseBookingHosts } from '../scheduling/booking-hosts.js';
import { expandRecurrence } from '../scheduling/recurrence.js';
import type { RoundRobinHost, RoundRobinStats } from '../scheduling/round-robin.js';
import type { BookingCheck } from '../availability/availability.service.js';
import { monthAround, roundRobinStats } from '../teams/round-robin.repo.js';

/**
 * The starts of what one booking request books: the one time asked for, or every occurrence of a
 * recurring series (`recurrence: {count}`), expanded in the zone of the first host so each keeps
 * its wall-clock time across daylight-saving changes.
 */
export function occurrenceStarts(resolved: ResolvedEvent, start: number, recurrence: { count: number } | undefined): number[] {
  if (!recurrence) return [start];
  const rule = resolved.eventType.recurring;
  const fail = (message: string) => new ValidationError(`Invalid body: recurrence: ${message}`, { fields: [{ field: 'recurrence.count', message }] });
  if (!rule) throw fail(`${resolved.event} is not a recurring event type`);
  if (recurrence.count > rule.maxCount) throw fail(`at most ${rule.maxCount} occurrences`);
  return expandRecurrence(rule, recurrence.count, start, resolved.hosts[0]?.timeZone ?? 'UTC');
}

/** The event type's hosts as round robin sees them: a team's as configured, anyone else's with equal weights. */
function rotationHosts(resolved: ResolvedEvent): RoundRobinHost[] {
  const configured = new Map(resolved.eventType.hosts.map((host) => [host.username, host]));
  return resolved.hosts.map((host) => configured.get(host.username) ?? { username: host.username, weight: 1, priority: 2, fixed: false });
}

/**
 * Who the booking(s) at `starts` hold, decided inside the booking transaction after every
 * candidate host is locked: collective and single-host events hold everyone; round robin holds
 * the fixed hosts and one host free at every occurrence, chosen by the rotation. A fixed number of
 * queries whatever the number of hosts or occurrences. `check` is the availability check started
 * for these `starts` before the transaction (it has read the hosts' calendars). Throws 409
 * `slot_unavailable` naming every occurrence that is not offered (`details.occurrences`), or saying
 * no one host is free for them all; 503 `calendar_unavailable` instead when a calendar that could
 * not be read may be why.
 */
export async function bookingHostIds(
  check: BookingCheck,
  resolved: ResolvedEvent,
  starts: readonly number[],
  now: number,
  trx: Knex,
  options: { keep?: readonly number[] } = {},
): Promise<number[]> {
  const { eventType, hosts } = resolved;
  const freeAt = await check.hostsFreeAt(now, trx);
  let stats = new Map<string, RoundRobinStats>();
  if (eventType.schedulingType === 'round_robin' && freeAt.every((free) => free !== null)) {
    const byId = await roundRobinStats(trx, eventType.id, hosts.map((host) => host.id), monthAround(starts[0]!));
    stats = new Map(hosts.flatMap((host) => (byId.has(host.id) ? [[host.username, byId.get(host.id)!] as const] : [])));
    // A reschedule keeps its round-robin host when they are free at the new time.
    const kept = hosts.filter((host) => options.keep?.includes(host.id) && freeAt.every((free) => free!.includes(host.username)));
    const rotating = rotationHosts(resolved).filter((host) => !host.fixed);
    const keptRotating = rotating.find((host) => kept.some((k) => k.username === host.username));
    if (keptRotating) {
      const fixed = new Set(rotationHosts(resolved).filter((host) => host.fixed).map((host) => host.username));
      return hosts.filter((host) => fixed.has(host.username) || host.username === keptRotating.username).map((host) => host.id);
    }
  }
  const choice = chooseBookingHosts(eventType.schedulingType, rotationHosts(resolved), freeAt, stats);
  if (!choice.ok) {
    check.failIfUnreadable();
    const at = (k: number) => new Date(starts[k]!).toISOString();
    if (choice.clashes.length === 0) {
      throw new SlotUnavailableError(`No one host of ${resolved.event} is free at every occurrence`, { occurrences: starts.map((_, k) => ({ index: k, start: at(k) })) });
    }
    const named = choice.clashes.map(at);
    const message = starts.length === 1 ? `${named[0]} is not available for ${resolved.event}` : `${named.length} of ${starts.length} occurrences are not available for ${resolved.event}: ${named.join(', ')}`;
    throw new SlotUnavailableError(message, { occurrences: choice.clashes.map((k) => ({ index: k, start: at(k) })) });
  }
  return hosts.filter((host) => choice.hosts.includes(host.username)).map((host) => host.id);
}
