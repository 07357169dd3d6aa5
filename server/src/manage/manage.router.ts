import express, { Router, type Response } from 'express';
import { decisionInput } from '@openslot/sdk/schemas';
import type { BookingsService } from '../bookings/bookings.service.js';
import type { Clock } from '../clock.js';
import { DomainError } from '../errors.js';
import { parseInput } from '../http/validate.js';
import type { TeamsService } from '../teams/teams.service.js';
import { bookPage, decisionPage, invitationPage, managePage, messagePage } from './pages.js';

const STATUS: Partial<Record<DomainError['kind'], number>> = { not_found: 404, unauthorized: 401, forbidden: 403, slot_unavailable: 409, conflict: 409, validation_failed: 400 };

export function sendPage(res: Response, status: number, html: string): void {
  // The URLs carry tokens: keep them out of caches, referrers and frames. Scripts and API calls
  // only from this server (the manage page runs the widget it serves).
  res
    .status(status)
    .set({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'content-security-policy': "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    })
    .send(html);
}

/** Domain errors become a readable page with the matching status; anything else goes to the error middleware. */
async function page(res: Response, work: () => Promise<{ status?: number; html: string }>): Promise<void> {
  try {
    const { status = 200, html } = await work();
    sendPage(res, status, html);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    sendPage(res, STATUS[error.kind] ?? 400, messagePage(error.kind === 'not_found' ? 'Link not valid' : 'That did not work', error.message));
  }
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * The pages behind the links in booking emails. Mail scanners follow links, so a GET only shows
 * a page; the change happens on the form's POST.
 */
export function createManageRouter(deps: { bookings: BookingsService; teams: TeamsService; clock: Clock }): Router {
  const { bookings, clock } = deps;
  const router = Router();
  router.use('/manage', express.urlencoded({ extended: false, limit: '10kb' }));

  const invalidLink = () => ({ status: 404, html: messagePage('Link not valid', 'This link is not valid. Use the latest email about this booking.') });

  router.get('/manage/bookings/:uid', (req, res) =>
    page(res, async () => {
      const token = text(req.query.token);
      const booking = await bookings.get(req.params.uid, { principal: null, token });
      return { html: managePage(booking, token, `/manage/bookings/${encodeURIComponent(booking.uid)}/cancel`, clock.now()) };
    }),
  );

  // Where emails send a booker to pick another time (a payment refunded because its time was gone).
  router.get('/book/:handle/:slug', (req, res) =>
    page(res, async () => {
      const { handle, slug } = req.params as { handle: string; slug: string };
      return { html: bookPage(`${handle}/${slug}`) };
    }),
  );

  router.post('/manage/bookings/:uid/cancel', (req, res) =>
    page(res, async () => {
      const { reason } = parseInput(decisionInput, { ...(text(req.body?.reason) && { reason: text(req.body.reason) }) });
      await bookings.cancel(req.params.uid, { principal: null, token: text(req.body?.token) }, { reason });
      return { html: messagePage('Booking cancelled', 'Your booking is cancelled. Everyone has been told by email.') };
    }),
  );

  for (const decision of ['confirm', 'reject'] as const) {
    const path = `/manage/bookings/:uid/${decision}`;

    router.get(path, (req, res) =>
      page(res, async () => {
        const { uid } = req.params as { uid: string };
        const expires = text(req.query.expires);
        const sig = text(req.query.sig);
        const verdict = bookings.links.verifyDecision(decision, uid, expires, sig, clock.now());
        if (verdict === 'invalid') return invalidLink();
        if (verdict === 'expired') return { status: 410, html: messagePage('Link expired', 'This booking has already ended.') };
        const booking = await bookings.find(uid);
        if (!booking) return invalidLink();
        return { html: decisionPage(booking, decision, `/manage/bookings/${encodeURIComponent(uid)}/${decision}`, [{ name: 'expires', value: expires }, { name: 'sig', value: sig }]) };
      }),
    );

    router.post(path, (req, res) =>
      page(res, async () => {
        const { uid } = req.params as { uid: string };
        const verdict = bookings.links.verifyDecision(decision, uid, text(req.body?.expires), text(req.body?.sig), clock.now());
        if (verdict === 'invalid') return invalidLink();
        if (verdict === 'expired') return { status: 410, html: messagePage('Link expired', 'This booking has already ended.') };
        const { reason } = parseInput(decisionInput, { ...(text(req.body?.reason) && { reason: text(req.body.reason) }) });
        const booking = await bookings.decideByLink(uid, decision, reason ?? null);
        return decision === 'confirm'
          ? { html: messagePage('Booking confirmed', `${booking.attendee.name} has been told that the meeting is confirmed.`) }
          : { html: messagePage('Booking declined', `${booking.attendee.name} has been told that the request was declined.`) };
      }),
    );
  }

  // The link in a team invitation: the signed link is the invited member's consent, given on the POST.
  const invitation = '/manage/teams/:slug/invitations/:username';
  const expiredInvitation = () => ({ status: 410, html: messagePage('Link expired', 'This invitation has expired. Ask the team to invite you again.') });
  const invalidInvitation = () => ({ status: 404, html: messagePage('Link not valid', 'This invitation is not valid any more: it was withdrawn, or you left the team.') });

  router.get(invitation, (req, res) =>
    page(res, async () => {
      const { slug, username } = req.params as { slug: string; username: string };
      const expires = text(req.query.expires);
      const sig = text(req.query.sig);
      const found = await deps.teams.invitationByLink(slug, username, expires, sig);
      if (found === 'invalid') return invalidInvitation();
      if (found === 'expired') return expiredInvitation();
      const action = `/manage/teams/${encodeURIComponent(slug)}/invitations/${encodeURIComponent(username)}`;
      return { html: invitationPage(found.team, found.member.role, found.member.status === 'active', action, [{ name: 'expires', value: expires }, { name: 'sig', value: sig }]) };
    }),
  );

  router.post(invitation, (req, res) =>
    page(res, async () => {
      const { slug, username } = req.params as { slug: string; username: string };
      const team = await deps.teams.acceptByLink(slug, username, text(req.body?.expires), text(req.body?.sig));
      if (team === 'invalid') return invalidInvitation();
      if (team === 'expired') return expiredInvitation();
      return { html: messagePage(`Welcome to ${team.name}`, `You are now a member of ${team.name}.`) };
    }),
  );

  return router;
}
