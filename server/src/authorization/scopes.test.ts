import { describe, expect, it } from 'vitest';
import { expandScopes, requireRequestScope, scopeNeeded } from './scopes.js';

describe('API key scopes', () => {
  it('names what a request needs: read for GET, bookings for booking actions, full for the rest and for credentials', () => {
    expect(scopeNeeded('GET', '/v1/bookings/abc')).toBe('read');
    expect(scopeNeeded('HEAD', '/v1/event-types')).toBe('read');
    for (const action of ['cancel', 'reschedule', 'confirm', 'reject', 'refund']) expect(scopeNeeded('POST', `/v1/bookings/abc/${action}`)).toBe('bookings');
    expect(scopeNeeded('POST', '/v1/bookings')).toBe('bookings');
    expect(scopeNeeded('POST', '/v1/bookings/abc/cancel/extra')).toBe('full');
    expect(scopeNeeded('PATCH', '/v1/users/alice')).toBe('full');
    expect(scopeNeeded('GET', '/v1/users/alice/api-keys')).toBe('full');
    expect(scopeNeeded('DELETE', '/v1/users/alice/api-keys/3')).toBe('full');
    expect(scopeNeeded('POST', '/v1/users/alice/session-tokens')).toBe('full');
    expect(scopeNeeded('POST', '/v1/some-future-route')).toBe('full');
  });

  it('expands scopes: full is unscoped, bookings includes read', () => {
    expect(expandScopes(['full'])).toBeNull();
    expect(expandScopes(['read', 'full'])).toBeNull();
    expect(expandScopes(['bookings'])).toEqual(['read', 'bookings']);
    expect(expandScopes(['read'])).toEqual(['read']);
  });

  it('lets the admin, unscoped keys and nobody (a manage token) through; a scoped key only within its scopes', () => {
    const key = (scopes: string[] | null) => ({ kind: 'user' as const, userId: 1, username: 'alice', scopes, credential: { type: 'api_key' as const, id: 1 } });
    expect(() => requireRequestScope({ kind: 'admin' }, 'DELETE', '/v1/users/alice/api-keys/1')).not.toThrow();
    expect(() => requireRequestScope(null, 'POST', '/v1/bookings/abc/cancel')).not.toThrow();
    expect(() => requireRequestScope(key(null), 'PATCH', '/v1/users/alice')).not.toThrow();
    expect(() => requireRequestScope(key(['read']), 'GET', '/v1/bookings')).not.toThrow();
    expect(() => requireRequestScope(key(['read']), 'POST', '/v1/bookings/abc/cancel')).toThrow(/scope "bookings"/);
    expect(() => requireRequestScope(key(['read', 'bookings']), 'PATCH', '/v1/users/alice')).toThrow(/scope "full"/);
  });
});
