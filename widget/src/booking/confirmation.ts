import { html, nothing } from 'lit';
import type { Booking, PublicEventType } from '@openslot/sdk';
import { formatDateTime } from '../intl.js';

/** The last step: what was booked, worded for its status (accepted, pending the host, awaiting payment). */
export function renderConfirmation(eventType: PublicEventType, booking: Booking, timeZone: string, locale: string) {
  const when = formatDateTime(booking.start, timeZone, locale);
  if (booking.status === 'awaiting_payment') {
    return html`<section part="confirmation" class="confirmation" aria-labelledby="done-heading">
      <h3 id="done-heading" tabindex="-1">Complete your payment</h3>
      <p>We’re holding ${when} for you while you pay.</p>
      ${booking.payment?.checkoutUrl
        ? html`<a part="button" class="primary" href=${booking.payment.checkoutUrl}>Continue to payment</a>`
        : nothing}
    </section>`;
  }
  const pending = booking.status === 'pending';
  const hosts = booking.hosts.map((h) => h.name).join(', ') || 'The host';
  return html`<section part="confirmation" class="confirmation" aria-labelledby="done-heading">
    <h3 id="done-heading" tabindex="-1">${pending ? 'Booking requested' : 'You’re booked'}</h3>
    <p>
      ${pending
        ? html`${hosts} will confirm your request. We’ll email ${booking.attendee.email} when they do.`
        : html`A calendar invitation is on its way to ${booking.attendee.email}.`}
    </p>
    <dl>
      <dt>What</dt>
      <dd>${eventType.title}</dd>
      <dt>When</dt>
      <dd>${when}</dd>
    </dl>
  </section>`;
}
