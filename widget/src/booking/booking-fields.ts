import { html, nothing } from 'lit';
import type { BookingField } from '@openslot/sdk';
import type { Messages } from '../i18n/index.js';

/*
 * The event type's extra questions (`bookingFields`) as form controls, and their answers read
 * back as the booking's `responses`. Ids are prefixed so a field named `name` can't clash with
 * the attendee's name.
 */

const INPUT_TYPES: Partial<Record<BookingField['type'], string>> = { text: 'text', email: 'email', phone: 'tel', number: 'number' };

export function renderBookingFields(fields: readonly BookingField[], t: Messages, errors: Record<string, string> = {}) {
  return fields.map((field) => {
    const id = `q-${field.name}`;
    const invalid = errors[id] ? 'true' : nothing;
    const describedBy = errors[id] ? `${id}-error` : nothing;
    const error = errors[id] ? html`<p class="field-error" id="${id}-error">${errors[id]}</p>` : nothing;
    if (field.type === 'checkbox') {
      return html`<label class="check" for=${id}>
        <input part="input" id=${id} name=${id} type="checkbox" ?required=${field.required} aria-invalid=${invalid} aria-describedby=${describedBy} />
        ${field.label}
      </label>${error}`;
    }
    const label = html`<label for=${id}>${field.label}${field.required ? nothing : html` <span class="optional">${t.optional}</span>`}</label>`;
    if (field.type === 'textarea') {
      return html`${label}<textarea part="input" id=${id} name=${id} rows="3" maxlength="5000" ?required=${field.required} aria-invalid=${invalid} aria-describedby=${describedBy}></textarea>${error}`;
    }
    if (field.type === 'select') {
      return html`${label}<select part="input" id=${id} name=${id} ?required=${field.required} aria-invalid=${invalid} aria-describedby=${describedBy}>
          <option value="">${t.choose}</option>
          ${(field.options ?? []).map((option) => html`<option>${option}</option>`)}
        </select>${error}`;
    }
    return html`${label}<input part="input" id=${id} name=${id} type=${INPUT_TYPES[field.type] ?? 'text'} ?required=${field.required} aria-invalid=${invalid} aria-describedby=${describedBy} />${error}`;
  });
}

/** Answers keyed by field name; unanswered optional fields are left out. */
export function readResponses(fields: readonly BookingField[], form: FormData): Record<string, string | number | boolean> {
  const responses: Record<string, string | number | boolean> = {};
  for (const field of fields) {
    const raw = form.get(`q-${field.name}`);
    if (field.type === 'checkbox') responses[field.name] = raw !== null;
    else if (typeof raw === 'string' && raw.trim() !== '') responses[field.name] = field.type === 'number' ? Number(raw) : raw.trim();
  }
  return responses;
}
