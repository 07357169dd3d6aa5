import { NetworkError, NotFoundError, type SlotsResponse } from '@openslot/sdk';
import { formatDate, formatMonth } from '../intl.js';

/** What the live region says once a month or a day has loaded. */
export function slotsAnnouncement(data: SlotsResponse | undefined, month: string, date: string, locale: string): string {
  if (!data) return '';
  if (date) {
    const count = data.slots[date]?.length ?? 0;
    return `${count} ${count === 1 ? 'time' : 'times'} on ${formatDate(date, locale)}`;
  }
  const days = Object.values(data.slots).filter((s) => s.length > 0).length;
  const monthLabel = formatMonth(month, locale);
  return days === 0 ? `No free times in ${monthLabel}` : `${days} ${days === 1 ? 'day' : 'days'} with free times in ${monthLabel}`;
}

export function hasFreeDay(response: SlotsResponse): boolean {
  return Object.values(response.slots).some((times) => times.length > 0);
}

/** A sentence for the booker; the full error still goes out in `openslot-error`. */
export function errorMessage(error: Error): string {
  if (error instanceof NetworkError) return 'We couldn’t reach the booking service. Check your connection and try again.';
  if (error instanceof NotFoundError) return 'This booking page doesn’t exist (any more).';
  return `Something went wrong: ${error.message}`;
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
