/*
 * Dates and times through Intl only (no date library in the browser). Calendar dates are
 * `YYYY-MM-DD` strings and do their arithmetic in UTC, where no day is ever 23 or 25 hours.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * A DateTimeFormat per locale and options, made once: constructing one costs far more than
 * formatting with it, and a month grid formats dozens of dates on every render.
 */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(options);
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * Today's date where the viewer is (a day can differ from UTC's). Formatted in the widget's own
 * locale: each further locale costs ICU's data for it, the most expensive step of a first render.
 */
export function todayIn(timeZone: string, locale = 'en-US', now = new Date()): string {
  const parts = dateTimeFormat(locale, { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', numberingSystem: 'latn' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)!.value.padStart(2, '0');
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysInMonth(month: string): string[] {
  const first = `${month}-01`;
  const days: string[] = [];
  for (let d = first; d.startsWith(month); d = addDays(d, 1)) days.push(d);
  return days;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The locale's first day of the week as 0 = Sunday … 6; Monday when the browser can't tell. */
const firstDays = new Map<string, number>();
export function firstDayOfWeek(locale: string): number {
  let day = firstDays.get(locale);
  if (day === undefined) firstDays.set(locale, (day = readFirstDay(locale)));
  return day;
}

function readFirstDay(locale: string): number {
  try {
    const info = new Intl.Locale(locale) as Intl.Locale & {
      getWeekInfo?: () => { firstDay: number };
      weekInfo?: { firstDay: number };
    };
    const firstDay = (info.getWeekInfo?.() ?? info.weekInfo)?.firstDay ?? 1;
    return firstDay % 7;
  } catch {
    return 1;
  }
}

/** A calendar date spelled out: "Thursday, December 3, 2026". */
export function formatDate(date: string, locale: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'full' }): string {
  return dateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

export function formatMonth(month: string, locale: string): string {
  return formatDate(`${month}-01`, locale, { month: 'long', year: 'numeric' });
}

/** An instant as a time of day in the viewer's zone: "9:30 AM". */
export function formatTime(instant: string, timeZone: string, locale: string): string {
  return dateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }).format(new Date(instant));
}

export function formatDateTime(instant: string, timeZone: string, locale: string): string {
  return dateTimeFormat(locale, { timeZone, dateStyle: 'full', timeStyle: 'short' }).format(new Date(instant));
}

/** A meeting's start–end in the viewer's zone, with the zone: "Thursday, December 10, 2026, 9:00 – 9:30 AM (Europe/Berlin)". */
export function formatWhen(start: string, end: string, timeZone: string, locale: string): string {
  const format = dateTimeFormat(locale, { timeZone, weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' });
  return `${format.formatRange(new Date(start), new Date(end))} (${zoneName(timeZone)})`;
}

/** One instant in the viewer's zone, with the zone: "Thursday, December 10, 9:00 AM (Europe/Berlin)". */
export function formatInstant(instant: string, timeZone: string, locale: string): string {
  const format = dateTimeFormat(locale, { timeZone, weekday: 'long', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' });
  return `${format.format(new Date(instant))} (${zoneName(timeZone)})`;
}

/** An IANA zone as people read it: `America/New_York` → "America/New York". */
export const zoneName = (zone: string) => zone.replaceAll('_', ' ');

/** Short weekday names starting from `firstDay`, with their long forms for screen readers. */
export function weekdayNames(locale: string, firstDay: number): Array<{ short: string; long: string }> {
  // 2026-11-01 was a Sunday.
  return Array.from({ length: 7 }, (_, i) => {
    const date = `2026-11-0${1 + ((firstDay + i) % 7)}`;
    return { short: formatDate(date, locale, { weekday: 'short' }), long: formatDate(date, locale, { weekday: 'long' }) };
  });
}

/** A price in minor units (`amount: 4500, currency: "eur"`) as the locale writes it: "€45.00". */
export function formatPrice(amount: number, currency: string, locale: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency: currency.toUpperCase() });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}

/** The first day of the week (per `firstDay`, 0 = Sunday) that contains `date`. */
export function weekStartOf(date: string, firstDay: number): string {
  return addDays(date, -((weekday(date) - firstDay + 7) % 7));
}

/** Two calendar dates as one range: "Dec 7 – 13, 2026". */
export function formatDateRange(from: string, to: string, locale: string): string {
  const format = dateTimeFormat(locale, { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
  return format.formatRange(new Date(`${from}T00:00:00Z`), new Date(`${to}T00:00:00Z`));
}
