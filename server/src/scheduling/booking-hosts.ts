/**
 * Who a booking (or every booking of a recurring series) holds, given who is free at each
 * occurrence: the decision the booking service takes inside its transaction, kept pure.
 */
import type { SchedulingType } from '@openslot/sdk/schemas';
import { roundRobinAttendees, type RoundRobinHost, type RoundRobinStats } from './round-robin.js';

export type BookingHostsChoice =
  | { readonly ok: true; readonly hosts: string[] }
  /** `clashes`: indexes of occurrences not offered; empty when each is, but no one host is free for all. */
  | { readonly ok: false; readonly clashes: number[] };

/**
 * `freeAt[k]`: the hosts free at occurrence k, or `null` if that time is not offered.
 * - single host / collective: every host, at every occurrence (the slot check guarantees each is free);
 * - round robin: every fixed host plus one rotating host free at every occurrence, the same host for
 *   the whole series (so the attendee meets one person), chosen by `pickRoundRobinHost`.
 */
export function chooseBookingHosts(
  schedulingType: SchedulingType,
  hosts: readonly RoundRobinHost[],
  freeAt: ReadonlyArray<readonly string[] | null>,
  stats: ReadonlyMap<string, RoundRobinStats>,
): BookingHostsChoice {
  const clashes = freeAt.flatMap((free, k) => (free === null ? [k] : []));
  if (clashes.length > 0 || freeAt.length === 0) return { ok: false, clashes };
  if (schedulingType !== 'round_robin') return { ok: true, hosts: hosts.map((host) => host.username) };
  const freeForAll = hosts.map((host) => host.username).filter((username) => freeAt.every((free) => free!.includes(username)));
  const chosen = roundRobinAttendees(hosts, freeForAll, stats);
  return chosen ? { ok: true, hosts: chosen } : { ok: false, clashes: [] };
}
