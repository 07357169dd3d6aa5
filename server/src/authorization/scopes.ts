import type { ApiKeyScope } from '@openslot/sdk/schemas';
import { requireScope, type Principal, type Scope } from './principal.js';

/** The scope a request needs of a scoped credential (an unscoped one and the admin key carry every scope). */
export type RequestScope = 'read' | 'bookings' | 'full';

// What a `bookings` key may do beyond reading: the booking actions of an owner.
const BOOKING_ACTION = /^\/v1\/bookings\/[^/]+\/(cancel|reschedule|confirm|reject|refund)$/;
// Credentials are made and revoked only by a full key, so no scoped key can widen itself.
const CREDENTIALS = /^\/v1\/users\/[^/]+\/(api-keys|session-tokens)(\/|$)/;

/**
 * `read`: GET and HEAD. `bookings`: also the booking actions (and booking on the public endpoint
 * with the key sent along). `full`: everything else, managing credentials included. A route not
 * listed here needs `full`, so a new route is closed to scoped keys until it is placed.
 */
export function scopeNeeded(method: string, path: string): RequestScope {
  if (CREDENTIALS.test(path)) return 'full';
  if (method === 'GET' || method === 'HEAD') return 'read';
  if (method === 'POST' && (BOOKING_ACTION.test(path) || path === '/v1/bookings')) return 'bookings';
  return 'full';
}

/** A key's scopes as its principal carries them: `null` for a full key; `bookings` includes `read`. */
export function expandScopes(scopes: readonly ApiKeyScope[]): Scope[] | null {
  if (scopes.includes('full')) return null;
  return [...new Set(scopes.flatMap((scope) => (scope === 'bookings' ? ['read', 'bookings'] : [scope])))];
}

/** A scoped credential may make this request only with the scope it needs (403 naming it). */
export function requireRequestScope(principal: Principal, method: string, path: string): void {
  if (principal?.kind !== 'user' || principal.scopes === null) return;
  requireScope(principal, scopeNeeded(method, path));
}
