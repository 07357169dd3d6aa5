import type { ResolvedEvent } from '../event-types/event-types.service.js';

/** "Alice, Bob and Nina": commas, then "and" before the last. */
function listOf(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * A booking's title as calendars and emails show it: "Intro call — Alice Example and Nina". A big
 * team names two hosts and counts the rest ("Sales — Ann, Ben, 5 others and Nina"), so a title
 * never outgrows `BOOKING_TITLE_MAX` (limits.ts), whatever the number of hosts.
 */
export function bookingTitle(eventTitle: string, hostNames: readonly string[], attendeeName: string): string {
  const hosts = hostNames.length <= 3 ? hostNames : [...hostNames.slice(0, 2), `${hostNames.length - 2} others`];
  return `${eventTitle} — ${listOf([...hosts, attendeeName])}`;
}

/**
 * What a new booking of `resolved` calls itself, holding `hostIds` for `attendeeName`: its title,
 * and the dynamic group's handle (`alice+bob`) when booked as one, so it reports `alice+bob/intro`.
 */
export function bookingNames(resolved: ResolvedEvent, hostIds: readonly number[], attendeeName: string): { title: string; groupHandle: string | null } {
  const handle = resolved.event.slice(0, resolved.event.indexOf('/'));
  const hosts = resolved.hosts.filter((host) => hostIds.includes(host.id)).map((host) => host.name);
  return { title: bookingTitle(resolved.eventType.title, hosts, attendeeName), groupHandle: handle.includes('+') ? handle : null };
}
