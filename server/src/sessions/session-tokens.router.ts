import { Router } from 'express';
import { createSessionTokenInput, emptyInput } from '@openslot/sdk/schemas';
import { ForbiddenError } from '../errors.js';
import { requireActingAs, requirePrincipal, type Principal } from '../authorization/index.js';
import { principalOf } from '../http/auth.js';
import { idParam } from '../http/params.js';
import { parseInput } from '../http/validate.js';
import type { UsersService } from '../users/users.service.js';
import type { SessionTokensService } from './session-tokens.service.js';

/** The session token the call is made with, when it is one of `userId`'s. */
function ownSessionToken(principal: Principal, userId: number, what: string): number {
  const caller = requirePrincipal(principal);
  requireActingAs(caller, userId);
  if (caller.kind !== 'user' || caller.credential.type !== 'session') throw new ForbiddenError(`${what} takes the session token itself as the bearer`);
  return Number(caller.credential.id);
}

/**
 * Session tokens for a host's browser. Minting and listing take an API key or the admin key (a
 * session token is refused before it gets here: http/auth.ts `sessionTokenLimits`).
 */
export function createSessionTokensRouter(deps: { users: UsersService; sessionTokens: SessionTokensService }): Router {
  const { users, sessionTokens } = deps;
  const router = Router();

  router.post('/v1/users/:username/session-tokens', async (req, res) => {
    const input = parseInput(createSessionTokenInput, req.body);
    const user = await users.require(req.params.username);
    const caller = principalOf(res);
    requireActingAs(caller, user.id);
    res.status(201).json(await sessionTokens.mint(user.id, caller?.kind === 'admin' ? 'admin' : 'api_key', { minutes: input.expiresInMinutes }));
  });

  router.get('/v1/users/:username/session-tokens', async (req, res) => {
    const user = await users.require(req.params.username);
    requireActingAs(principalOf(res), user.id);
    res.json({ sessionTokens: await sessionTokens.list(user.id) });
  });

  router.post('/v1/users/:username/session-tokens/refresh', async (req, res) => {
    parseInput(emptyInput, req.body);
    const user = await users.require(req.params.username);
    const id = ownSessionToken(principalOf(res), user.id, 'A refresh');
    res.status(201).json(await sessionTokens.refresh(user.id, id));
  });

  router.delete('/v1/users/:username/session-tokens/:id', async (req, res) => {
    parseInput(emptyInput, req.body);
    const user = await users.require(req.params.username);
    const principal = principalOf(res);
    requireActingAs(principal, user.id);
    const id = req.params.id === 'current' ? ownSessionToken(principal, user.id, 'Revoking "current"') : idParam(req.params.id, 'Session token');
    await sessionTokens.revoke(user.id, id);
    res.status(204).end();
  });

  return router;
}
