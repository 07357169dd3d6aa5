import { Router } from 'express';
import { createTeamInput, pageQuery, updateTeamInput } from '@openslot/sdk/schemas';
import { principalOf } from '../http/auth.js';
import { requirePrincipal } from '../authorization/index.js';
import { parseInput } from '../http/validate.js';
import { publicTeam, type TeamsService } from './teams.service.js';

export function createTeamsRouter(deps: { teams: TeamsService }): Router {
  const { teams } = deps;
  const router = Router();

  router.post('/v1/teams', async (req, res) => {
    requirePrincipal(principalOf(res));
    const input = parseInput(createTeamInput, req.body);
    res.status(201).json({ team: publicTeam(await teams.create(principalOf(res), input)) });
  });

  router.get('/v1/teams', async (req, res) => {
    const { items, nextCursor } = await teams.list(principalOf(res), parseInput(pageQuery, req.query, 'query'));
    res.json({ teams: items.map(publicTeam), nextCursor });
  });

  router.get('/v1/teams/:slug', async (req, res) => {
    res.json({ team: publicTeam(await teams.get(principalOf(res), req.params.slug)) });
  });

  router.patch('/v1/teams/:slug', async (req, res) => {
    requirePrincipal(principalOf(res));
    const patch = parseInput(updateTeamInput, req.body);
    res.json({ team: publicTeam(await teams.update(principalOf(res), req.params.slug, patch)) });
  });

  return router;
}
