import { Router } from 'express';
import { createApiKeyInput, emptyInput, pageQuery } from '@openslot/sdk/schemas';
import { principalOf } from '../http/auth.js';
import { idParam } from '../http/params.js';
import { parseInput } from '../http/validate.js';
import type { ApiKeysService } from './api-keys.service.js';

export function createApiKeysRouter(deps: { apiKeys: ApiKeysService }): Router {
  const { apiKeys } = deps;
  const router = Router();

  router.post('/v1/users/:username/api-keys', async (req, res) => {
    const input = parseInput(createApiKeyInput, req.body);
    res.status(201).json(await apiKeys.create(principalOf(res), req.params.username, input));
  });

  router.get('/v1/users/:username/api-keys', async (req, res) => {
    const { items, nextCursor } = await apiKeys.list(principalOf(res), req.params.username, parseInput(pageQuery, req.query, 'query'));
    res.json({ apiKeys: items, nextCursor });
  });

  router.delete('/v1/users/:username/api-keys/:id', async (req, res) => {
    parseInput(emptyInput, req.body);
    await apiKeys.revoke(principalOf(res), req.params.username, idParam(req.params.id, 'API key'));
    res.status(204).end();
  });

  return router;
}
