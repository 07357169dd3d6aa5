import type { RequestHandler, Response } from 'express';
import compression from 'compression';

/** Answers smaller than this go as they are: compressing them costs more than it saves. */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

/**
 * brotli or gzip, whichever the client accepts (brotli first), for answers above the threshold.
 * Brotli at quality 4 and gzip at level 6 cost well under a millisecond per 100 KB of slots JSON;
 * the six-month slots answer on a 5-minute grid shrinks more than 10×. Answers that are already
 * encoded (`/widget.js`, compressed once at start) pass untouched.
 */
export function compressResponses(): RequestHandler {
  return compression({ threshold: COMPRESSION_THRESHOLD_BYTES });
}

/**
 * The public event view: anyone may keep it a minute and show the last copy for ten more while
 * it revalidates (its ETag makes that a 304). An owner's edit reaches new visitors within a minute.
 */
export function cacheEventView(res: Response): void {
  res.setHeader('Cache-Control', 'public, max-age=60, stale-while-revalidate=600');
}

/**
 * Slots change whenever anyone books, so they are kept only briefly: 5 s fresh, then served stale
 * for up to 25 s while a fresh copy is fetched. That is safe because the one client that must see
 * a change at once — the booker who just took a slot — asks past any cache: once a booking, cancel
 * or reschedule invalidated the SDK's slots query, it fetches with `cache: 'no-cache'` (the browser
 * revalidates with the server and tells caches on the way `Cache-Control: max-age=0`). An answer
 * built on a calendar that could not be read is not kept at all, so the host's real times show as
 * soon as the provider answers again.
 */
export function cacheSlots(res: Response, degraded: boolean): void {
  res.setHeader('Cache-Control', degraded ? 'no-store' : 'public, max-age=5, stale-while-revalidate=25');
}
