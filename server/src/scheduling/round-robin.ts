/**
 * Round robin: which one of an event type's hosts gets a booking. Pure: the caller passes how many
 * of this event type's bookings each host got this month and when they were last booked.
 */

export interface RoundRobinHost {
  readonly username: string;
  /** Relative share of the bookings (default 1): weights 2:1:1 aim at half, a quarter, a quarter. */
  readonly weight: number;
  /** 0–4, higher first when the shares are equally met. */
  readonly priority: number;
  /** A fixed host attends every booking and is never the one chosen. */
  readonly fixed: boolean;
}

export interface RoundRobinStats {
  /** Bookings of this event type the host holds this month (the month of the new booking). */
  readonly bookingsThisMonth: number;
  /** When the host was last booked for this event type (epoch ms); `null` if never. */
  readonly lastBookedAt: number | null;
}

const NO_STATS: RoundRobinStats = { bookingsThisMonth: 0, lastBookedAt: null };

/**
 * The host to book among `candidates` (the non-fixed hosts free at that time), or `null` if none.
 *
 * 1. Furthest below their share: with this booking the candidates will hold T + 1 bookings this
 *    month, of which host i "should" hold wᵢ / W of them (W: the candidates' total weight). The
 *    deficit wᵢ·(T+1)/W − cᵢ is compared as wᵢ·(T+1) − cᵢ·W, in integers, so no rounding decides.
 *    Only the candidates count: a host who is busy now neither takes nor owes this booking.
 * 2. Then the higher `priority`.
 * 3. Then the least recently booked (never booked first), so equal hosts take turns.
 * 4. Then the username, so the same inputs always give the same host.
 */
export function pickRoundRobinHost(candidates: readonly RoundRobinHost[], stats: ReadonlyMap<string, RoundRobinStats>): string | null {
  if (candidates.length === 0) return null;
  const totalWeight = candidates.reduce((sum, host) => sum + host.weight, 0);
  const totalBookings = candidates.reduce((sum, host) => sum + (stats.get(host.username) ?? NO_STATS).bookingsThisMonth, 0);
  const deficit = (host: RoundRobinHost) => host.weight * (totalBookings + 1) - (stats.get(host.username) ?? NO_STATS).bookingsThisMonth * totalWeight;
  const lastBooked = (host: RoundRobinHost) => (stats.get(host.username) ?? NO_STATS).lastBookedAt ?? -Infinity;

  const ranked = [...candidates].sort(
    (a, b) =>
      deficit(b) - deficit(a) ||
      b.priority - a.priority ||
      lastBooked(a) - lastBooked(b) ||
      (a.username < b.username ? -1 : a.username > b.username ? 1 : 0),
  );
  return ranked[0]!.username;
}

/**
 * Everyone a round-robin booking holds: every fixed host, plus one non-fixed host chosen among
 * those in `free` by `pickRoundRobinHost`. `null` when a fixed host is not free, or no non-fixed
 * host is while the event type has some (the time is then not offered). Hosts keep input order.
 */
export function roundRobinAttendees(
  hosts: readonly RoundRobinHost[],
  free: readonly string[],
  stats: ReadonlyMap<string, RoundRobinStats>,
): string[] | null {
  const isFree = new Set(free);
  const fixed = hosts.filter((host) => host.fixed);
  if (fixed.some((host) => !isFree.has(host.username))) return null;
  const rotating = hosts.filter((host) => !host.fixed);
  const chosen = pickRoundRobinHost(rotating.filter((host) => isFree.has(host.username)), stats);
  if (rotating.length > 0 && chosen === null) return null;
  return hosts.filter((host) => host.fixed || host.username === chosen).map((host) => host.username);
}
