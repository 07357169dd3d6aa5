import { Router } from 'express';
import { createUserInput, emptyInput, pageQuery, updateUserInput } from '@openslot/sdk/schemas';
import { principalOf } from '../http/auth.js';
import { requireActingAs, requireAdmin, requirePrincipal } from '../authorization/index.js';
import { parseInput } from '../http/validate.js';
import { publicUser, type UsersService } from './users.service.js';

export function createUsersRouter(deps: { users: UsersService }): Router {
  const { users } = deps;
  const router = Router();

  router.post('/v1/users', async (req, res) => {
    requireAdmin(principalOf(res));
    const input = parseInput(createUserInput, req.body);
    const user = await users.create(input);
    res.status(201).json({ user: publicUser(user) });
  });

  router.get('/v1/users', async (req, res) => {
    const { items, nextCursor } = await users.list(requirePrincipal(principalOf(res)), parseInput(pageQuery, req.query, 'query'));
    res.json({ users: items.map(publicUser), nextCursor });
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
