import { html, nothing } from 'lit';
import type { PublicEventType, Slot } from '@openslot/sdk';
import type { Messages } from '../i18n/index.js';
import { formatDateTime } from '../intl.js';
import { renderBookingFields } from './booking-fields.js';

export interface DetailsContext {
  t: Messages;
  timeZone: string;
  locale: string;
  name: string;
  email: string;
  guests: string;
  lockPrefill: boolean;
  submitting: boolean;
  notice: string;
  submit: (event: SubmitEvent) => void;
  back: () => void;
}

/** The attendee's details: name, email, guests, the event type's questions, and the recurring count. */
export function renderDetailsForm(slot: Slot, eventType: PublicEventType, ctx: DetailsContext) {
  const { t } = ctx;
  // A locked prefill is read-only, not disabled: it is still submitted and still readable.
  const locked = (value: string) => ctx.lockPrefill && value !== '';
  const recurring = eventType.recurring;
  return html`<section class="details" aria-labelledby="details-heading">
    <h3 id="details-heading" tabindex="-1">${t.yourDetails}</h3>
    <p class="when">${formatDateTime(slot.start, ctx.timeZone, ctx.locale)}</p>
    <form part="form" @submit=${ctx.submit}>
      <label for="name">${t.name}</label>
      <input part="input" id="name" name="name" autocomplete="name" required .value=${ctx.name} ?readonly=${locked(ctx.name)} />
      <label for="email">${t.email}</label>
      <input part="input" id="email" name="email" type="email" autocomplete="email" required .value=${ctx.email} ?readonly=${locked(ctx.email)} />
      ${eventType.allowGuests !== false
        ? html`<label for="guests">${t.guests} <span class="optional">${t.optional}</span></label>
            <input part="input" id="guests" name="guests" type="email" multiple aria-describedby="guests-hint" .value=${ctx.guests} ?readonly=${locked(ctx.guests)} />
            <span id="guests-hint" class="hint">${t.guestsHint}</span>`
        : nothing}
      ${recurring
        ? html`<label for="count">${t.occurrences}</label>
            <input part="input" id="count" name="count" type="number" min="1" max=${recurring.maxCount} required .value=${String(recurring.maxCount)} aria-describedby="count-hint" />
            <span id="count-hint" class="hint">${t.repeats(recurring.freq, recurring.interval, recurring.maxCount)}</span>`
        : nothing}
      ${renderBookingFields(eventType.bookingFields, t)}
      ${ctx.notice ? html`<p role="alert" class="notice">${ctx.notice}</p>` : nothing}
      <div class="actions">
        <button type="button" class="secondary" @click=${ctx.back}>${t.back}</button>
        <button part="button" class="primary" type="submit" ?disabled=${ctx.submitting}>${ctx.submitting ? t.booking : t.confirm}</button>
      </div>
    </form>
  </section>`;
}
