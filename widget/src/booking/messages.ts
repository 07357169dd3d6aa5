import { NetworkError, NotFoundError, RateLimitError, type SlotsResponse } from '@openslot/sdk';
import type { Messages } from '../i18n/index.js';
import { formatDate, formatMonth } from '../intl.js';

/** What the live region says once a month or a day has loaded. */
export function slotsAnnouncement(t: Messages, data: SlotsResponse | undefined, month: string, date: string, locale: string): string {
  if (!data) return '';
  if (date) return t.timesOn(data.slots[date]?.length ?? 0, formatDate(date, locale));
  const days = Object.values(data.slots).filter((s) => s.length > 0).length;
  return t.daysIn(days, formatMonth(month, locale));
}

export function hasFreeDay(response: SlotsResponse): boolean {
  return Object.values(response.slots).some((times) => times.length > 0);
}

/** A sentence for the booker; the full error still goes out in `openslot-error`. */
export function errorMessage(t: Messages, error: Error): string {
  if (error instanceof NetworkError) return t.unreachable;
  if ((error as { code?: string }).code === 'meeting_started') return t.meetingStarted;
  if (error instanceof NotFoundError) return t.notFound;
  if (error instanceof RateLimitError) return t.rateLimited(Math.max(1, Math.ceil((error.retryAfterMs ?? 60_000) / 1000)));
  return t.failed(error.message);
}

/** The `metadata` attribute: a JSON object, its values as strings; anything else is ignored with a warning. */
export function parseMetadata(value: string | null): Record<string, string> | undefined {
  if (!value) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
    }
  } catch {
    // fall through
  }
  console.warn('<openslot-booking>: `metadata` must be a JSON object, such as {"campaign":"fall"}; ignored');
  return undefined;
}

const UTM_KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'];

/** The host page's UTM parameters (`?utm_source=news`), recorded in the booking's metadata. */
export function utmParameters(search: string): Record<string, string> {
  const params = new URLSearchParams(search);
  const found: Record<string, string> = {};
  for (const key of UTM_KEYS) {
    const value = params.get(key);
    if (value) found[key] = value.slice(0, 500);
  }
  return found;
}

/** The `guests` attribute or input: emails separated by commas, spaces or semicolons. */
export function parseGuests(value: string): string[] {
  return value.split(/[\s,;]+/).filter(Boolean);
}
