import { ValidationError } from '../errors.js';
import { requirePrincipal, type Principal } from './auth.js';

/** The owner handle a write names: given in the body, or implied by a user's own key. */
export function ownerHandle(principal: Principal, given: string | undefined): string {
  const caller = requirePrincipal(principal);
  if (given) return given;
  if (caller.kind === 'user') return caller.username;
  throw new ValidationError('Invalid body: owner: required with the admin key', { fields: [{ field: 'owner', message: 'required' }] });
}
