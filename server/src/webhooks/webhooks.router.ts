import { Router } from 'express';
import { createWebhookInput, emptyInput, listWebhooksQuery, pageQuery, updateWebhookInput } from '@openslot/sdk/schemas';
import { principalOf } from '../http/auth.js';
import { parseInput } from '../http/validate.js';
import type { WebhooksService } from './webhooks.service.js';

export function createWebhooksRouter(deps: { webhooks: WebhooksService }): Router {
  const { webhooks } = deps;
  const router = Router();

  router.post('/v1/webhooks', async (req, res) => {
    const input = parseInput(createWebhookInput, req.body);
    res.status(201).json({ webhook: await webhooks.create(principalOf(res), input) });
  });

  router.get('/v1/webhooks', async (req, res) => {
    const { owner, ...page } = parseInput(listWebhooksQuery, req.query, 'query');
    const { items, nextCursor } = await webhooks.list(principalOf(res), owner, page);
    res.json({ webhooks: items, nextCursor });
  });

  router.get('/v1/webhooks/:id', async (req, res) => {
    res.json({ webhook: await webhooks.get(principalOf(res), req.params.id) });
  });

  router.patch('/v1/webhooks/:id', async (req, res) => {
    const patch = parseInput(updateWebhookInput, req.body);
    res.json({ webhook: await webhooks.update(principalOf(res), req.params.id, patch) });
  });

  router.post('/v1/webhooks/:id/test', async (req, res) => {
    parseInput(emptyInput, req.body);
    res.status(202).json({ delivery: await webhooks.test(principalOf(res), req.params.id) });
  });

  router.delete('/v1/webhooks/:id', async (req, res) => {
    parseInput(emptyInput, req.body);
    await webhooks.delete(principalOf(res), req.params.id);
    res.status(204).end();
  });

  router.post('/v1/webhooks/:id/rotate-secret', async (req, res) => {
    parseInput(emptyInput, req.body);
    res.json({ webhook: await webhooks.rotateSecret(principalOf(res), req.params.id) });
  });

  router.get('/v1/webhooks/:id/deliveries', async (req, res) => {
    const { items, nextCursor } = await webhooks.deliveries(principalOf(res), req.params.id, parseInput(pageQuery, req.query, 'query'));
    res.json({ deliveries: items, nextCursor });
  });

  router.post('/v1/webhooks/:id/deliveries/:deliveryId/retry', async (req, res) => {
    parseInput(emptyInput, req.body);
    res.json({ delivery: await webhooks.retry(principalOf(res), req.params.id, req.params.deliveryId) });
  });

  return router;
}
