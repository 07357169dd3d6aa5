import { Router } from 'express';
import { emptyInput, refundBookingInput } from '@openslot/sdk/schemas';
import { DomainError } from '../errors.js';
import { principalOf } from '../http/auth.js';
import { parseInput } from '../http/validate.js';
import { bookingAccessOf, idempotencyKeyOf } from '../bookings/bookings.router.js';
import { sendPage } from '../manage/manage.router.js';
import { messagePage } from '../manage/pages.js';
import type { Payments } from './index.js';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 && value.length <= 500 ? value : undefined);

/** What the return page says when it cannot send the booker on to their booking. */
function statusPage(status: string): { title: string; message: string } {
  switch (status) {
    case 'accepted':
      return { title: 'Payment received', message: 'Thank you: your booking is confirmed, and the confirmation is on its way by email.' };
    case 'pending':
      return { title: 'Payment authorised', message: 'Your card is authorised, not charged. The host will confirm or decline your request, and we will email you either way.' };
    case 'awaiting_payment':
      return { title: 'Not paid yet', message: 'Your time is still held for a few minutes. Go back to the booking page to pay.' };
    case 'expired':
      return { title: 'Payment time ran out', message: 'The time was released because the payment did not complete. Please pick another time.' };
    default:
      return { title: 'Booking ' + status.replace('_', ' '), message: 'This booking no longer takes a payment.' };
  }
}

/**
 * The booker's way through Stripe (`GET /v1/payments/checkout/:uid` → Stripe Checkout →
 * `GET /v1/payments/return`), the host's refund, and Connect onboarding for users and teams.
 */
export function createPaymentsRouter(deps: { payments: Payments }): Router {
  const { payments } = deps;
  const router = Router();

  router.get('/v1/payments/checkout/:uid', async (req, res) => {
    const destination = await payments.checkoutDestination(req.params.uid).catch((error: unknown) => {
      if (error instanceof DomainError) throw error;
      return null; // Stripe unreachable: the hold stands, try again
    });
    if (!destination) return sendPage(res, 503, messagePage('Payment page unavailable', 'The payment page could not be opened just now. Your time is still held: please try again in a moment.'));
    if (destination.kind === 'stripe') return void res.redirect(303, destination.url);
    const { booking, timeRanOut } = destination;
    const page = timeRanOut && booking.status === 'awaiting_payment' ? statusPage('expired') : statusPage(booking.status);
    sendPage(res, booking.status === 'accepted' || booking.status === 'pending' ? 200 : 410, messagePage(page.title, page.message));
  });

  router.get('/v1/payments/return', async (req, res) => {
    const query = { sessionId: text(req.query.session_id), bookingUid: text(req.query.booking), token: text(req.query.token) };
    const found = await payments.returned(query).catch((error: unknown) => {
      if (error instanceof DomainError && error.kind === 'not_found') return null;
      throw error;
    });
    if (!found) return sendPage(res, 404, messagePage('Payment not found', 'We could not find this payment. The confirmation email, once it comes, has the link to your booking.'));
    if (found.manageUrl) return void res.redirect(303, found.manageUrl);
    const page = statusPage(found.booking.status);
    sendPage(res, 200, messagePage(page.title, page.message));
  });

  router.post('/v1/bookings/:uid/refund', async (req, res) => {
    const input = parseInput(refundBookingInput, req.body);
    res.json({ booking: await payments.refund(req.params.uid, bookingAccessOf(req, res), input.amount, idempotencyKeyOf(req)) });
  });

  router.post('/v1/users/:username/stripe/connect', async (req, res) => {
    parseInput(emptyInput, req.body);
    res.status(201).json(await payments.connect.connectUser(principalOf(res), req.params.username));
  });

  router.post('/v1/teams/:slug/stripe/connect', async (req, res) => {
    parseInput(emptyInput, req.body);
    res.status(201).json(await payments.connect.connectTeam(principalOf(res), req.params.slug));
  });

  router.get('/v1/stripe/connect/return', async (req, res) => {
    const result = await payments.connect.returned(text(req.query.owner) ?? '', text(req.query.sig) ?? '');
    if (!result) return sendPage(res, 404, messagePage('Link not valid', 'This link is not valid. Start connecting Stripe again from OpenSlot.'));
    sendPage(
      res,
      200,
      result.chargesEnabled
        ? messagePage('Stripe connected', 'Your Stripe account can take payments: bookings of your paid event types are paid into it.')
        : messagePage('Stripe not ready yet', 'Stripe still needs some details before your account can take payments. Finish onboarding from the link in OpenSlot.'),
    );
  });

  router.get('/v1/stripe/connect/refresh', async (req, res) => {
    const url = await payments.connect.refreshed(text(req.query.owner) ?? '', text(req.query.sig) ?? '');
    if (!url) return sendPage(res, 404, messagePage('Link not valid', 'This link is not valid. Start connecting Stripe again from OpenSlot.'));
    res.redirect(303, url);
  });

  return router;
}
