import { Router, type Request, type Response } from 'express';
import { cancelBookingInput, createBookingInput, decisionInput, listBookingsQuery, rescheduleBookingInput } from '@openslot/sdk/schemas';
import { ValidationError } from '../errors.js';
import { bearerToken, principalOf } from '../http/auth.js';
import { parseInput } from '../http/validate.js';
import type { BookingAccess, BookingsService } from './bookings.service.js';

/** An owner key or the booker's manage token, from `Authorization: Bearer` or `?token=`. */
export function bookingAccessOf(req: Request, res: Response): BookingAccess {
  const principal = principalOf(res);
  const query = typeof req.query.token === 'string' ? req.query.token : null;
  return { principal, token: principal ? null : (bearerToken(req) ?? query) };
}

/** The `Idempotency-Key` header: 1 to 200 visible ASCII characters, compared byte for byte. */
export function idempotencyKeyOf(req: Request): string | null {
  const key = req.get('idempotency-key');
  if (key === undefined) return null;
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw new ValidationError('Invalid header: Idempotency-Key: 1 to 200 visible ASCII characters', { fields: [{ field: 'Idempotency-Key', message: '1 to 200 visible ASCII characters' }] });
  }
  return key;
}

export function createBookingsRouter(deps: { bookings: BookingsService }): Router {
  const { bookings } = deps;
  const router = Router();

  router.post('/v1/bookings', async (req, res) => {
    const input = parseInput(createBookingInput, req.body);
    res.status(201).json(await bookings.create(input, idempotencyKeyOf(req), req.get('origin')));
  });

  router.get('/v1/bookings', async (req, res) => {
    const query = parseInput(listBookingsQuery, req.query, 'query');
    const { items, nextCursor } = await bookings.list(principalOf(res), query);
    res.json({ bookings: items, nextCursor });
  });

  router.get('/v1/bookings/:uid', async (req, res) => {
    const booking = await bookings.get(req.params.uid, bookingAccessOf(req, res));
    // A moved booking points at the one that replaced it (RFC 5829), beside `rescheduledToUid`.
    if (booking.rescheduledToUid) res.setHeader('Link', `</v1/bookings/${encodeURIComponent(booking.rescheduledToUid)}>; rel="successor-version"`);
    res.json({ booking });
  });

  router.post('/v1/bookings/:uid/cancel', async (req, res) => {
    const input = parseInput(cancelBookingInput, req.body);
    res.json({ booking: await bookings.cancel(req.params.uid, bookingAccessOf(req, res), input) });
  });

  router.post('/v1/bookings/:uid/reschedule', async (req, res) => {
    const input = parseInput(rescheduleBookingInput, req.body);
    res.status(201).json({ booking: await bookings.reschedule(req.params.uid, bookingAccessOf(req, res), input) });
  });

  router.post('/v1/bookings/:uid/confirm', async (req, res) => {
    parseInput(decisionInput, req.body);
    res.json({ booking: await bookings.confirm(req.params.uid, bookingAccessOf(req, res)) });
  });

  router.post('/v1/bookings/:uid/reject', async (req, res) => {
    const input = parseInput(decisionInput, req.body);
    res.json({ booking: await bookings.reject(req.params.uid, bookingAccessOf(req, res), input.reason ?? null) });
  });

  return router;
}
