import { Router } from 'express';
import { createScheduleInput, pageQuery, updateScheduleInput } from '@openslot/sdk/schemas';
import { principalOf } from '../http/auth.js';
import { ownerHandle, requirePrincipal } from '../authorization/index.js';
import { idParam } from '../http/params.js';
import { parseInput } from '../http/validate.js';
import { publicSchedule, type SchedulesService } from './schedules.service.js';

export function createSchedulesRouter(deps: { schedules: SchedulesService }): Router {
  const { schedules } = deps;
  const router = Router();

  router.post('/v1/schedules', async (req, res) => {
    const principal = principalOf(res);
    requirePrincipal(principal);
    const input = parseInput(createScheduleInput, req.body);
    const schedule = await schedules.create(principal, ownerHandle(principal, input.owner), input);
    res.status(201).json({ schedule: publicSchedule(schedule) });
  });

  router.get('/v1/schedules', async (req, res) => {
    const principal = principalOf(res);
    requirePrincipal(principal);
    const { items, nextCursor } = await schedules.list(principal, parseInput(pageQuery, req.query, 'query'));
    res.json({ schedules: items.map(publicSchedule), nextCursor });
  });

  router.get('/v1/schedules/:id', async (req, res) => {
    const principal = principalOf(res);
    requirePrincipal(principal);
    res.json({ schedule: publicSchedule(await schedules.requireOwned(principal, idParam(req.params.id, 'Schedule'))) });
  });

  router.patch('/v1/schedules/:id', async (req, res) => {
    const principal = principalOf(res);
    requirePrincipal(principal);
    const patch = parseInput(updateScheduleInput, req.body);
    res.json({ schedule: publicSchedule(await schedules.update(principal, idParam(req.params.id, 'Schedule'), patch)) });
  });

  return router;
}
