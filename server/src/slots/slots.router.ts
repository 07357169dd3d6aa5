import { performance } from 'node:perf_hooks';
import { Router } from 'express';
import { slotsQuery } from '@openslot/sdk/schemas';
import type { Clock } from '../clock.js';
import { measure, serverTiming } from '../db/query-meter.js';
import type { EventTypesService } from '../event-types/event-types.service.js';
import { parseInput } from '../http/validate.js';
import { groupSlotsByDate, resolveQueryRange } from '../scheduling/index.js';
import { ValidationError } from '../errors.js';
import { cacheSlots } from '../http/compression.js';
import type { AvailabilityService } from '../availability/availability.service.js';

/** The longest range one request may ask for: six months of 31 days, enough for any half-year view. */
export const MAX_RANGE_DAYS = 186;

export function createSlotsRouter(deps: { eventTypes: EventTypesService; availability: AvailabilityService; clock: Clock }): Router {
  const { eventTypes, availability, clock } = deps;
  const router = Router();

  router.get('/v1/slots', async (req, res) => {
    const startedAt = performance.now();
    const query = parseInput(slotsQuery, req.query, 'query');
    const range = resolveQueryRange(query.start, query.end, query.timeZone);
    if (range.end <= range.start) {
      throw new ValidationError('Invalid query: end: must not be before start', { fields: [{ field: 'end', message: 'must not be before start' }] });
    }
    if (range.end - range.start > MAX_RANGE_DAYS * 86_400_000) {
      throw new ValidationError(`Invalid query: the range may span at most ${MAX_RANGE_DAYS} days`, {
        fields: [{ field: 'end', message: `at most ${MAX_RANGE_DAYS} days after start` }],
      });
    }
    const { result, measure: db } = await measure(async () => {
      const resolved = await eventTypes.resolve(query.event);
      eventTypes.requireAllowedOrigin(resolved, req.get('origin'));
      return { resolved, ...(await availability.slots(resolved, range, clock.now())) };
    });
    const body = {
      eventType: result.resolved.event,
      timeZone: query.timeZone,
      slots: groupSlotsByDate(result.slots, query.timeZone),
      ...(result.degraded.length > 0 && { degraded: result.degraded.map(({ host, calendar, reason }) => ({ host, calendar, reason })) }),
    };
    cacheSlots(res, result.degraded.length > 0);
    res.setHeader('Server-Timing', `${serverTiming(db)}, total;dur=${(performance.now() - startedAt).toFixed(2)}`);
    res.json(body);
  });

  return router;
}
