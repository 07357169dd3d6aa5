import { html, nothing } from 'lit';
import type { CreateBookingResponse, PublicEventType } from '@openslot/sdk';
import type { Messages } from '../i18n/index.js';
import { formatWhen } from '../intl.js';
import { renderCalendarLinks } from './calendar-links.js';
import { icon } from './icons.js';

/** The last step: what was booked, worded for its status (accepted, pending the host, awaiting payment). */
export function renderConfirmation(t: Messages, eventType: PublicEventType, result: CreateBookingResponse, timeZone: string, locale: string) {
  const { booking } = result;
  const when = formatWhen(booking.start, booking.end, timeZone, locale);
  if (booking.status === 'awaiting_payment') {
    return html`<section part="confirmation" class="confirmation" aria-labelledby="done-heading">
      <h3 id="done-heading" tabindex="-1">${t.payTitle}</h3>
      <p>${t.payHolding(when)}</p>
      ${booking.payment?.checkoutUrl ? html`<a part="button" class="primary" href=${booking.payment.checkoutUrl}>${t.payContinue}</a>` : nothing}
    </section>`;
  }
  const pending = booking.status === 'pending';
  const hosts = booking.hosts.map((h) => h.name).join(', ') || t.theHost;
  const series = result.bookings && result.bookings.length > 1 ? result.bookings : undefined;
  return html`<section part="confirmation" class="confirmation" aria-labelledby="done-heading">
    <p class="done-mark" aria-hidden="true">${icon(pending ? 'clock' : 'check')}</p>
    <h3 id="done-heading" tabindex="-1">${pending ? t.requested : t.booked}</h3>
    <p>${pending ? t.willConfirm(hosts, booking.attendee.email) : t.inviteSent(booking.attendee.email)}</p>
    <dl>
      <dt>${t.what}</dt>
      <dd>${eventType.title}</dd>
      <dt>${t.when}</dt>
      <dd>${when}</dd>
      ${series
        ? html`<dt>${t.allDates}</dt>
            <dd><ul class="series">${series.map((b) => html`<li>${formatWhen(b.start, b.end, timeZone, locale)}</li>`)}</ul></dd>`
        : nothing}
    </dl>
    ${pending ? nothing : renderCalendarLinks(booking, t)}
  </section>`;
}
