import type { Principal } from './principal.js';

/** Whether an owner credential may see and change a booking: the admin key, or a key of one of its hosts. */
export function mayManageBooking(principal: Principal, booking: { hostIds: readonly number[] }): boolean {
  if (principal?.kind === 'admin') return true;
  return principal?.kind === 'user' && booking.hostIds.includes(principal.userId);
}
