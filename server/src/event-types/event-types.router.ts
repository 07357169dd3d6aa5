import { Router } from 'express';
import { createEventTypeInput, emptyInput, pageQuery, updateEventTypeInput } from '@openslot/sdk/schemas';
import { principalOf } from '../http/auth.js';
import { requirePrincipal } from '../authorization/index.js';
import { idParam } from '../http/params.js';
import { parseInput } from '../http/validate.js';
import type { SchedulesRepo } from '../schedules/schedules.repo.js';
import { ownerEventType, publicEventType, type EventTypesService } from './event-types.service.js';

export function createEventTypesRouter(deps: { eventTypes: EventTypesService; schedules: SchedulesRepo }): Router {
  const { eventTypes, schedules } = deps;
  const router = Router();

  router.get('/v1/event-types/:handle/:slug', async (req, res) => {
    const resolved = await eventTypes.resolve(`${req.params.handle}/${req.params.slug}`);
    eventTypes.requireAllowedOrigin(resolved, req.get('origin'));
    const scheduleId = resolved.eventType.scheduleId ?? resolved.hosts[0]?.defaultScheduleId ?? null;
    const schedule = scheduleId === null ? null : await schedules.findById(scheduleId);
    res.json({ eventType: publicEventType(resolved, schedule?.timeZone ?? resolved.hosts[0]?.timeZone ?? 'UTC') });
  });

  router.post('/v1/event-types', async (req, res) => {
    const principal = principalOf(res);
    requirePrincipal(principal);
    const input = parseInput(createEventTypeInput, { owner: principal?.kind === 'user' ? principal.username : undefined, ...req.body });
    res.status(201).json({ eventType: ownerEventType(await eventTypes.create(principal, input)) });
  });

  router.get('/v1/event-types', async (req, res) => {
    const principal = principalOf(res);
    requirePrincipal(principal);
    const { items, nextCursor } = await eventTypes.list(principal, parseInput(pageQuery, req.query, 'query'));
    res.json({ eventTypes: items.map(ownerEventType), nextCursor });
  });

  router.get('/v1/event-types/:id', async (req, res) => {
    const principal = principalOf(res);
    requirePrincipal(principal);
    res.json({ eventType: ownerEventType(await eventTypes.get(principal, idParam(req.params.id, 'Event type'))) });
  });

  router.patch('/v1/event-types/:id', async (req, res) => {
    const principal = principalOf(res);
    requirePrincipal(principal);
    const patch = parseInput(updateEventTypeInput, req.body);
    res.json({ eventType: ownerEventType(await eventTypes.update(principal, idParam(req.params.id, 'Event type'), patch)) });
  });

  router.delete('/v1/event-types/:id', async (req, res) => {
    const principal = principalOf(res);
    requirePrincipal(principal);
    parseInput(emptyInput, req.body);
    await eventTypes.delete(principal, idParam(req.params.id, 'Event type'));
    res.status(204).end();
  });

  return router;
}
