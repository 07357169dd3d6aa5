import type { Knex } from 'knex';
import type { RoundRobinStats } from '../scheduling/round-robin.js';

/**
 * What round robin needs to know of the hosts' past bookings of one event type, in one query
 * whatever the number of hosts: holding bookings in `[monthStart, monthEnd)` (by start), and when
 * each host was last booked for it (by creation, any month). Cancelled, rejected and expired
 * bookings count for nothing: a host whose booking fell through is owed the next one.
 */
export async function roundRobinStats(
  trx: Knex,
  eventTypeId: number,
  userIds: readonly number[],
  month: { start: number; end: number },
): Promise<Map<number, RoundRobinStats>> {
  const stats = new Map<number, RoundRobinStats>();
  if (userIds.length === 0) return stats;
  const rows: Array<{ user_id: number; this_month: number | string | null; last_booked_at: number | string | null }> = await trx('booking_hosts')
    .join('bookings', 'bookings.id', 'booking_hosts.booking_id')
    .select('booking_hosts.user_id')
    .select(trx.raw('sum(case when booking_hosts.start_ms >= ? and booking_hosts.start_ms < ? then 1 else 0 end) as this_month', [month.start, month.end]))
    .max('bookings.created_at as last_booked_at')
    // Only this event type's bookings, through the `booking_hosts_round_robin` index.
    .where('booking_hosts.event_type_id', eventTypeId)
    .whereIn('booking_hosts.user_id', userIds)
    .where('booking_hosts.holds', true)
    .groupBy('booking_hosts.user_id');
  for (const row of rows) {
    stats.set(row.user_id, { bookingsThisMonth: Number(row.this_month ?? 0), lastBookedAt: row.last_booked_at === null ? null : Number(row.last_booked_at) });
  }
  return stats;
}

/** The UTC calendar month around `instant`: the period round robin balances bookings over. */
export function monthAround(instant: number): { start: number; end: number } {
  const date = new Date(instant);
  return { start: Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1), end: Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) };
}
