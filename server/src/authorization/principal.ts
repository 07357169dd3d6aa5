import { ForbiddenError, UnauthorizedError, ValidationError } from '../errors.js';

/**
 * What a credential may do beyond who it belongs to. The API key work defines the names; a scope
 * is checked with `requireScope`, which every operation that a scope restricts calls.
 */
export type Scope = string;

/** The credential a user principal came from: one of their API keys, or a browser session token. */
export interface Credential {
  type: 'api_key' | 'session';
  id: number | string;
}

export interface UserPrincipal {
  kind: 'user';
  userId: number;
  username: string;
  /** `null`: the credential may do everything its user may. */
  scopes: readonly Scope[] | null;
  credential: Credential;
}

export interface AdminPrincipal {
  kind: 'admin';
}

/** An authenticated caller: the platform admin key, or a user through one of their credentials. */
export type Caller = AdminPrincipal | UserPrincipal;

/** Who is calling, or `null` for nobody (a public route, or a booker holding only a manage token). */
export type Principal = Caller | null;

export function requirePrincipal(principal: Principal): Caller {
  if (!principal) throw new UnauthorizedError('An API key is required');
  return principal;
}

export function requireAdmin(principal: Principal): void {
  if (requirePrincipal(principal).kind !== 'admin') throw new ForbiddenError('Only the platform admin key may do that');
}

/** Whether the caller is the admin or the user `userId` (no scope check). */
export function isActingAs(principal: Principal, userId: number): boolean {
  return principal?.kind === 'admin' || (principal?.kind === 'user' && principal.userId === userId);
}

/** The admin may act for anyone; a user's credential only for that user. */
export function requireActingAs(principal: Principal, userId: number): void {
  requirePrincipal(principal);
  if (!isActingAs(principal, userId)) throw new ForbiddenError();
}

/** Whether the caller's credential carries `scope` (the admin key and unscoped credentials carry all). */
export function hasScope(principal: Principal, scope: Scope): boolean {
  if (!principal) return false;
  return principal.kind === 'admin' || principal.scopes === null || principal.scopes.includes(scope);
}

export function requireScope(principal: Principal, scope: Scope): void {
  requirePrincipal(principal);
  if (!hasScope(principal, scope)) throw new ForbiddenError(`This key lacks the scope "${scope}"`);
}

/** The owner handle a write names: given in the body, or implied by a user's own credential. */
export function ownerHandle(principal: Principal, given: string | undefined): string {
  const caller = requirePrincipal(principal);
  if (given) return given;
  if (caller.kind === 'user') return caller.username;
  throw new ValidationError('Invalid body: owner: required with the admin key', { fields: [{ field: 'owner', message: 'required' }] });
}
