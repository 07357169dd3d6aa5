import { ForbiddenError } from '../errors.js';
import type { Principal } from './principal.js';

/** Session tokens start so, API keys with `osk_`: the prefix says which table to look in. */
export const SESSION_TOKEN_PREFIX = 'oss_';

// What only an API key (or the admin key) may reach: minting and listing credentials, and webhooks,
// whose secrets outlive any browser session. Matched by path, so later routes under them are covered.
const KEY_ONLY: RegExp[] = [/^\/v1\/users\/[^/]+\/api-keys(\/|$)/, /^\/v1\/users\/[^/]+\/session-tokens\/?$/, /^\/v1\/webhooks(\/|$)/];

/**
 * The limits of a session token (a host's browser credential): useless for managing credentials,
 * and unable to change the host's email (the console signs in by it, so that would outlive the token).
 */
export function refuseSessionToken(principal: Principal, request: { method: string; path: string; fields: readonly string[] }): void {
  if (principal?.kind !== 'user' || principal.credential.type !== 'session') return;
  const keyOnly = KEY_ONLY.some((path) => path.test(request.path));
  const emailChange = request.method === 'PATCH' && /^\/v1\/users\/[^/]+\/?$/.test(request.path) && request.fields.includes('email');
  if (keyOnly || emailChange) throw new ForbiddenError('A session token may not do that: use an API key');
}
