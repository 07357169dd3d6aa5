import { Router } from 'express';
import { createUserInput, emptyInput, updateUserInput } from '@openslot/sdk/schemas';
import { principalOf, requireActingAs, requireAdmin, requirePrincipal } from '../http/auth.js';
import { parseInput } from '../http/validate.js';
import { publicUser, type UsersService } from './users.service.js';
import type { UsersRepo } from './users.repo.js';

export function createUsersRouter(deps: { users: UsersService; usersRepo: UsersRepo }): Router {
  const { users, usersRepo } = deps;
  const router = Router();

  router.post('/v1/users', async (req, res) => {
    requireAdmin(principalOf(res));
    const input = parseInput(createUserInput, req.body);
    const user = await users.create(input);
    res.status(201).json({ user: publicUser(user) });
  });

  router.get('/v1/users', async (_req, res) => {
    const caller = requirePrincipal(principalOf(res));
    const list = caller.kind === 'admin' ? await usersRepo.list() : [await users.require(caller.username)];
    res.json({ users: list.map(publicUser) });
  });

  router.get('/v1/users/:username', async (req, res) => {
    const user = await users.require(req.params.username);
    requireActingAs(principalOf(res), user.id);
    res.json({ user: publicUser(user) });
  });

  router.patch('/v1/users/:username', async (req, res) => {
    const patch = parseInput(updateUserInput, req.body);
    const user = await users.require(req.params.username);
    requireActingAs(principalOf(res), user.id);
    res.json({ user: publicUser(await users.update(user.username, patch)) });
  });

  router.post('/v1/users/:username/api-keys', async (req, res) => {
    parseInput(emptyInput, req.body);
    const user = await users.require(req.params.username);
    requireActingAs(principalOf(res), user.id);
    res.status(201).json({ key: await users.createApiKey(user.username) });
  });

  return router;
}
