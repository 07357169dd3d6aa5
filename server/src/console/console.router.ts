import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { LIMITS } from '@openslot/sdk/schemas';
import { UnauthorizedError } from '../errors.js';
import { CONSOLE_CSS, CONSOLE_JS } from './assets.js';
import type { ConsoleService, ConsoleSession } from './console.service.js';
import { clearSessionCookie, CONSOLE_COOKIE, cookieOf, sameOriginWrites, sendPage, setSessionCookie } from './http.js';
import { confirmSignInPage, consolePage, linkRefusedPage, refusedPage, signInPage } from './pages.js';

const emailForm = z.object({ email: z.email().max(LIMITS.email) });
const linkToken = z.string().min(1).max(400);

/**
 * `/console`: a self-hoster's host signs in with an emailed link and gets the host components,
 * with a session token the console mints for them. Server-rendered forms; every POST passes the
 * Origin check (`sameOriginWrites`).
 */
export function createConsoleRouter(deps: { console: ConsoleService; publicUrl: string }): Router {
  const { console: consoleService, publicUrl } = deps;
  const router = Router();
  const page = (res: Response, status: number, html: string) => sendPage(res, status, html, publicUrl);
  const sessionOf = (req: Request): Promise<ConsoleSession | null> => consoleService.sessionOf(cookieOf(req, CONSOLE_COOKIE));

  router.use('/console', express.urlencoded({ extended: false, limit: '16kb' }), sameOriginWrites(publicUrl));

  router.get('/console/console.js', (_req, res) => {
    res.type('text/javascript').set('Cache-Control', 'no-cache').send(CONSOLE_JS);
  });
  router.get('/console/console.css', (_req, res) => {
    res.type('text/css').set('Cache-Control', 'no-cache').send(CONSOLE_CSS);
  });

  router.get('/console', async (req, res) => {
    const session = await sessionOf(req);
    if (!session) return res.redirect(303, '/console/sign-in');
    const [token, sessions] = await Promise.all([consoleService.mintToken(session), consoleService.list(session)]);
    page(res, 200, consolePage({ username: session.username, api: publicUrl, token, sessions, current: session.id }));
  });

  router.get('/console/sign-in', async (req, res) => {
    if (await sessionOf(req)) return res.redirect(303, '/console');
    page(res, 200, signInPage());
  });

  // The same answer whether or not an account uses the address.
  router.post('/console/sign-in', async (req, res) => {
    const form = emailForm.safeParse(req.body ?? {});
    if (!form.success) return page(res, 400, signInPage({ email: String(req.body?.email ?? '').slice(0, LIMITS.email), error: 'Enter an email address, like host@example.com.' }));
    await consoleService.requestSignIn(form.data.email);
    page(res, 200, signInPage({ sent: true }));
  });

  router.get('/console/sign-in/link', async (req, res) => {
    const token = linkToken.safeParse(req.query.token);
    const refusal = token.success ? await consoleService.checkLink(token.data) : 'unknown';
    if (refusal) return page(res, refusal === 'unknown' ? 404 : 410, linkRefusedPage(refusal));
    page(res, 200, confirmSignInPage(token.data!));
  });

  router.post('/console/sign-in/link', async (req, res) => {
    const token = linkToken.safeParse(req.body?.token);
    const opened = token.success ? await consoleService.signIn(token.data, req.get('user-agent') ?? '') : ({ refused: 'unknown' } as const);
    if ('refused' in opened) return page(res, opened.refused === 'unknown' ? 404 : 410, linkRefusedPage(opened.refused));
    setSessionCookie(req, res, publicUrl, opened.cookie, opened.maxAgeMs);
    res.redirect(303, '/console');
  });

  router.post('/console/sign-out', async (req, res) => {
    const session = await sessionOf(req);
    if (session) await consoleService.revoke(session, session.id);
    clearSessionCookie(req, res, publicUrl);
    res.redirect(303, '/console/sign-in');
  });

  router.post('/console/sessions/:id/revoke', async (req, res) => {
    const session = await sessionOf(req);
    if (!session) return res.redirect(303, '/console/sign-in');
    const id = Number(req.params.id);
    if (!Number.isSafeInteger(id) || !(await consoleService.revoke(session, id))) return page(res, 404, refusedPage('That is not one of your sessions.'));
    res.redirect(303, id === session.id ? '/console/sign-in' : '/console');
  });

  // For console.js: a fresh session token for the components before theirs expires.
  router.post('/console/session-token', async (req, res) => {
    const session = await sessionOf(req);
    if (!session) throw new UnauthorizedError('The console session has ended: sign in again');
    res.status(201).json(await consoleService.mintToken(session));
  });

  return router;
}
