import type { RequestHandler } from 'express';

/**
 * The same-on-every-answer headers: no MIME sniffing, no referrer (page URLs carry manage tokens
 * and signed links), and a CSP that allows nothing, which JSON does not need and any HTML page
 * that needs more replaces with its own (`sendPage`). HSTS only when the public URL is https:
 * on plain http a browser ignores it, and a local `npm start` must stay reachable.
 *
 * `/widget.js` keeps working cross-origin: a CSP governs the document it is sent with, not a
 * script another site loads, and the widget route sends its own CORS and CORP headers.
 */
export function securityHeaders(options: { publicUrl: string }): RequestHandler {
  const https = options.publicUrl.startsWith('https:');
  return (_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    if (https) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
    next();
  };
}
