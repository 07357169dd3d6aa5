import { Router } from 'express';
import { connectCalendarInput, createCalendarConnectionInput, emptyInput, updateCalendarConnectionInput } from '@openslot/sdk/schemas';
import { principalOf } from '../http/auth.js';
import { parseInput } from '../http/validate.js';
import type { CalendarsService } from './calendars.service.js';
import type { OAuthConnect } from './oauth.js';

export function createCalendarsRouter(deps: { calendars: CalendarsService; oauth: OAuthConnect }): Router {
  const { calendars, oauth } = deps;
  const router = Router();

  router.get('/v1/users/:username/calendars', async (req, res) => {
    res.json({ connections: await calendars.list(principalOf(res), req.params.username) });
  });

  router.post('/v1/users/:username/calendars', async (req, res) => {
    const input = parseInput(createCalendarConnectionInput, req.body);
    res.status(201).json({ connection: await calendars.create(principalOf(res), req.params.username, input) });
  });

  for (const provider of ['google', 'microsoft'] as const) {
    router.post(`/v1/users/:username/calendars/${provider}/connect`, async (req, res) => {
      const input = parseInput(connectCalendarInput, req.body);
      res.status(201).json({ url: await oauth.start(principalOf(res), req.params.username, provider, input.returnTo ?? null) });
    });

    // The provider sends the host's browser here after consent: store the connection, then go on.
    router.get(`/v1/calendars/${provider}/callback`, async (req, res) => {
      const query = req.query as Record<string, unknown>;
      const result = await oauth.finish(provider, {
        state: typeof query.state === 'string' ? query.state : '',
        code: typeof query.code === 'string' ? query.code : null,
        error: typeof query.error === 'string' ? query.error : null,
      });
      if (result.returnTo) return res.redirect(303, result.returnTo);
      res.status(result.ok ? 200 : 400).type('html').send(result.page);
    });
  }

  router.get('/v1/users/:username/calendars/:id', async (req, res) => {
    res.json({ connection: await calendars.get(principalOf(res), req.params.username, req.params.id) });
  });

  router.patch('/v1/users/:username/calendars/:id', async (req, res) => {
    const patch = parseInput(updateCalendarConnectionInput, req.body);
    res.json({ connection: await calendars.update(principalOf(res), req.params.username, req.params.id, patch) });
  });

  router.delete('/v1/users/:username/calendars/:id', async (req, res) => {
    parseInput(emptyInput, req.body);
    await calendars.delete(principalOf(res), req.params.username, req.params.id);
    res.status(204).end();
  });

  return router;
}
