import { html } from 'lit';
import type { Booking } from '@openslot/sdk';
import type { Messages } from '../i18n/index.js';

/** `2026-12-03T09:30:00.000Z` → `20261203T093000Z`, the compact UTC form calendars take. */
const compact = (instant: string) => new Date(instant).toISOString().replace(/[-:]|\.\d{3}/g, '');

/** An iCalendar file for calendars without a web link (Apple, Thunderbird, …). */
export function icsOf(booking: Booking): string {
  const escape = (text: string) => text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\n/g, '\\n');
  const where = booking.location.url ?? booking.location.address ?? '';
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//OpenSlot//Widget//EN',
    'BEGIN:VEVENT',
    `UID:${booking.uid}@openslot`,
    `DTSTAMP:${compact(booking.createdAt)}`,
    `DTSTART:${compact(booking.start)}`,
    `DTEND:${compact(booking.end)}`,
    `SUMMARY:${escape(booking.title)}`,
    ...(where ? [`LOCATION:${escape(where)}`] : []),
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');
}

/** Add-to-calendar links for a booked meeting: Google, Outlook, and an .ics file. */
export function renderCalendarLinks(booking: Booking, t: Messages) {
  const where = booking.location.url ?? booking.location.address ?? '';
  const google = new URLSearchParams({ action: 'TEMPLATE', text: booking.title, dates: `${compact(booking.start)}/${compact(booking.end)}`, location: where });
  const outlook = new URLSearchParams({ path: '/calendar/action/compose', rru: 'addevent', subject: booking.title, startdt: booking.start, enddt: booking.end, location: where });
  return html`<p class="calendar-links">
    <span id="add-to-calendar">${t.addToCalendar}</span>
    <a part="link" aria-describedby="add-to-calendar" href="https://calendar.google.com/calendar/render?${google}" target="_blank" rel="noopener">Google</a>
    <a part="link" aria-describedby="add-to-calendar" href="https://outlook.live.com/calendar/0/deeplink/compose?${outlook}" target="_blank" rel="noopener">Outlook</a>
    <a part="link" aria-describedby="add-to-calendar" href="data:text/calendar;charset=utf-8,${encodeURIComponent(icsOf(booking))}" download="${booking.uid}.ics">${t.icsFile}</a>
  </p>`;
}
