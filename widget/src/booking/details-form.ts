import { html, nothing } from 'lit';
import type { PublicEventType, Slot } from '@openslot/sdk';
import type { Messages } from '../i18n/index.js';
import { formatWhen } from '../intl.js';
import { renderBookingFields } from './booking-fields.js';
import { icon } from './icons.js';

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
  /** Messages of the fields that failed the last submit, by field id. */
  errors: Record<string, string>;
  submit: (event: SubmitEvent) => void;
  /** A field was edited: its message goes. */
  edited: (id: string) => void;
  back: () => void;
}

/**
 * The attendee's details: name, email, guests, the event type's questions, and the recurring count,
 * beside a summary of the chosen time. Checked by the widget itself (`novalidate`): each problem
 * is said under its field, in the widget's words and style, not in the browser's tooltip.
 */
export function renderDetailsForm(slot: Slot, eventType: PublicEventType, ctx: DetailsContext) {
  const { t, errors } = ctx;
  // A locked prefill is read-only, not disabled: it is still submitted and still readable.
  const locked = (value: string) => ctx.lockPrefill && value !== '';
  const recurring = eventType.recurring;
  const described = (id: string, hint = '') => [hint, errors[id] ? `${id}-error` : ''].filter(Boolean).join(' ') || nothing;
  const invalid = (id: string) => (errors[id] ? 'true' : nothing);
  const error = (id: string) => (errors[id] ? html`<p class="field-error" id="${id}-error">${errors[id]}</p>` : nothing);
  return html`<section class="details" aria-labelledby="details-heading">
    <h3 id="details-heading" tabindex="-1">${t.yourDetails}</h3>
    <div class="summary">
      <p><strong>${eventType.title}</strong></p>
      <p class="when">${icon('calendar')}<span>${formatWhen(slot.start, slot.end, ctx.timeZone, ctx.locale)}</span></p>
      <p class="when">${icon('clock')}<span>${t.minutes(eventType.durationMinutes)}</span></p>
    </div>
    <form part="form" novalidate @submit=${ctx.submit} @input=${(e: Event) => ctx.edited((e.target as HTMLElement).id)}>
      <label for="name">${t.name}</label>
      <input part="input" id="name" name="name" autocomplete="name" required maxlength="200" .value=${ctx.name} ?readonly=${locked(ctx.name)} aria-invalid=${invalid('name')} aria-describedby=${described('name')} />
      ${error('name')}
      <label for="email">${t.email}</label>
      <input part="input" id="email" name="email" type="email" autocomplete="email" required maxlength="254" .value=${ctx.email} ?readonly=${locked(ctx.email)} aria-invalid=${invalid('email')} aria-describedby=${described('email')} />
      ${error('email')}
      ${eventType.allowGuests !== false
        ? html`<label for="guests">${t.guests} <span class="optional">${t.optional}</span></label>
            <input part="input" id="guests" name="guests" type="email" multiple .value=${ctx.guests} ?readonly=${locked(ctx.guests)} aria-invalid=${invalid('guests')} aria-describedby=${described('guests', 'guests-hint')} />
            <span id="guests-hint" class="hint">${t.guestsHint}</span>
            ${error('guests')}`
        : nothing}
      ${recurring
        ? html`<label for="count">${t.occurrences}</label>
            <input part="input" id="count" name="count" type="number" min="1" max=${recurring.maxCount} required .value=${String(recurring.maxCount)} aria-invalid=${invalid('count')} aria-describedby=${described('count', 'count-hint')} />
            <span id="count-hint" class="hint">${t.repeats(recurring.freq, recurring.interval, recurring.maxCount)}</span>
            ${error('count')}`
        : nothing}
      ${renderBookingFields(eventType.bookingFields, t, errors)}
      ${ctx.notice ? html`<p role="alert" class="notice">${ctx.notice}</p>` : nothing}
      <div class="actions">
        <button type="button" class="secondary" @click=${ctx.back}>${icon('back')}${t.back}</button>
        <button part="button" class="primary" type="submit" ?disabled=${ctx.submitting}>${ctx.submitting ? t.booking : t.confirm}</button>
      </div>
    </form>
  </section>`;
}

/** The form's problems in the widget's words, by field id: empty when it may be sent. */
export function validateForm(form: HTMLFormElement, t: Messages): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('input, textarea, select')) {
    const { validity } = field;
    if (validity.valid || !field.id) continue;
    if (validity.valueMissing) errors[field.id] = t.required;
    else if (validity.typeMismatch && field.type === 'email') errors[field.id] = (field as HTMLInputElement).multiple ? t.invalidEmails : t.invalidEmail;
    else errors[field.id] = field.validationMessage;
  }
  return errors;
}
