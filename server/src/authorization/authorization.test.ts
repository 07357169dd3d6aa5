import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { hasScope, mayManageBooking, mayManageTeam, ownerHandle, requireActingAs, requireScope, requireTeamMember, type Principal } from './index.js';

const admin: Principal = { kind: 'admin' };
const alice: Principal = { kind: 'user', userId: 1, username: 'alice', scopes: null, credential: { type: 'api_key', id: 10 } };
const readOnlyBob: Principal = { kind: 'user', userId: 2, username: 'bob', scopes: ['read'], credential: { type: 'session', id: 'sess' } };

function kindOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof DomainError ? error.kind : 'unexpected';
  }
}

describe('authorization rules', () => {
  it('lets a user act only for themselves, the admin for anyone, nobody for no one', () => {
    expect(kindOf(() => requireActingAs(alice, 1))).toBeNull();
    expect(kindOf(() => requireActingAs(alice, 2))).toBe('forbidden');
    expect(kindOf(() => requireActingAs(admin, 2))).toBeNull();
    expect(kindOf(() => requireActingAs(null, 1))).toBe('unauthorized');
  });

  it('checks scopes: unscoped credentials and the admin carry every scope', () => {
    expect(hasScope(alice, 'bookings:write')).toBe(true);
    expect(hasScope(admin, 'bookings:write')).toBe(true);
    expect(hasScope(readOnlyBob, 'read')).toBe(true);
    expect(kindOf(() => requireScope(readOnlyBob, 'bookings:write'))).toBe('forbidden');
    expect(kindOf(() => requireScope(null, 'read'))).toBe('unauthorized');
  });

  it('implies the owner from a user credential, and asks the admin to name one', () => {
    expect(ownerHandle(alice, undefined)).toBe('alice');
    expect(ownerHandle(admin, 'carol')).toBe('carol');
    expect(kindOf(() => ownerHandle(admin, undefined))).toBe('validation_failed');
  });

  it('lets the owners and admins of a team manage it, and its members see it', () => {
    const team = { slug: 'acme', members: [{ userId: 1, role: 'admin' as const }, { userId: 2, role: 'member' as const }] };
    expect(mayManageTeam(alice, team)).toBe(true);
    expect(mayManageTeam(readOnlyBob, team)).toBe(false);
    expect(mayManageTeam(admin, team)).toBe(true);
    expect(kindOf(() => requireTeamMember({ ...alice, userId: 3 }, team))).toBe('forbidden');
  });

  it('lets the hosts of a booking and the admin manage it', () => {
    expect(mayManageBooking(alice, { hostIds: [1, 5] })).toBe(true);
    expect(mayManageBooking(readOnlyBob, { hostIds: [1] })).toBe(false);
    expect(mayManageBooking(null, { hostIds: [1] })).toBe(false);
    expect(mayManageBooking(admin, { hostIds: [] })).toBe(true);
  });
});
