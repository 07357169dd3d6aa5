import type { Request, RequestHandler, Response } from 'express';
import { refusedPage } from './pages.js';

export const CONSOLE_COOKIE = 'openslot_console';

export function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
}

const secure = (req: Request, publicUrl: string) => req.secure || publicUrl.startsWith('https:');

/** The session cookie: never readable by scripts, not sent on cross-site requests but top-level links, `Secure` under https. */
export function setSessionCookie(req: Request, res: Response, publicUrl: string, value: string, maxAgeMs: number): void {
  const attributes = ['Path=/console', 'HttpOnly', 'SameSite=Lax', `Max-Age=${Math.max(0, Math.floor(maxAgeMs / 1000))}`, ...(secure(req, publicUrl) ? ['Secure'] : [])];
  res.append('Set-Cookie', `${CONSOLE_COOKIE}=${encodeURIComponent(value)}; ${attributes.join('; ')}`);
}

export function clearSessionCookie(req: Request, res: Response, publicUrl: string): void {
  setSessionCookie(req, res, publicUrl, '', 0);
}

/**
 * CSRF protection for every console write, cookie-authenticated or not (the sign-in form too,
 * against signing a victim in to an attacker's account): the browser's `Origin` must be this
 * server's. SameSite=Lax already keeps the cookie off cross-site POSTs; the Origin check also
 * stops a sibling subdomain (same site, other origin) and needs no token in every form. A
 * browser always sends `Origin` on a POST; without it only `Sec-Fetch-Site: same-origin` passes.
 */
export function sameOriginWrites(publicUrl: string): RequestHandler {
  const allowed = new URL(publicUrl).origin;
  return (req, res, next) => {
    if (req.method !== 'POST') return next();
    const origin = req.get('origin');
    const own = origin ? origin === allowed || origin === `${req.protocol}://${req.get('host')}` : req.get('sec-fetch-site') === 'same-origin';
    if (own) return next();
    sendPage(res, 403, refusedPage('This form was not sent from the OpenSlot console, so it was not acted on.'), publicUrl);
  };
}

/**
 * A console page with its Content-Security-Policy: scripts and styles only from this server, the
 * API only (the components call it), forms only to it, never framed, never cached, and no
 * Referer (the sign-in link's URL carries its token).
 */
export function sendPage(res: Response, status: number, html: string, publicUrl: string): void {
  const api = new URL(publicUrl).origin;
  res
    .status(status)
    .set({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': `default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self' ${api}; img-src 'self' data:; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    })
    .send(html);
}
