import { Router } from 'express';
import { pageQuery } from '@openslot/sdk/schemas';
import { requireActingAs } from '../authorization/index.js';
import { principalOf } from '../http/auth.js';
import { parseInput } from '../http/validate.js';
import type { UsersService } from '../users/users.service.js';
import type { AuditService } from './audit.service.js';

/** The owner reads what was changed with their session tokens and in the console, newest first. */
export function createAuditRouter(deps: { users: UsersService; audit: AuditService }): Router {
  const { users, audit } = deps;
  const router = Router();

  router.get('/v1/users/:username/audit', async (req, res) => {
    const page = parseInput(pageQuery, req.query, 'query');
    const user = await users.require(req.params.username);
    requireActingAs(principalOf(res), user.id);
    const { items, nextCursor } = await audit.list(user.id, page);
    res.json({ entries: items, nextCursor });
  });

  return router;
}
