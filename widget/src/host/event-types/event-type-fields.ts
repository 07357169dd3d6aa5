import { html, nothing, type TemplateResult } from 'lit';
import { minorUnitDigits, type BookingField, type EventTypeHost, type Schedule, type Team } from '@openslot/sdk';
import type { HostMessages } from '../i18n/index.js';
import { getIn, type Settings } from './event-type-draft.js';

/** What the fields need from the component: the model, its errors, and a way to change it. */
export interface FormContext {
  settings: Settings;
  errors: Map<string, string>;
  t: HostMessages;
  set(path: string, value: unknown): void;
  /** The owner's team (for its hosts), `null` for a personal event type. */
  team: Team | null;
  schedules: Schedule[];
  /** Whether the server takes payments; `null` while unknown. */
  paymentsEnabled: boolean | null;
}

const value = (e: Event) => (e.target as HTMLInputElement).value;
const checked = (e: Event) => (e.target as HTMLInputElement).checked;
/** A number field's value; empty is `null` for optional fields. */
const numberOrEmpty = (e: Event, empty: null | undefined) => (value(e).trim() === '' ? empty : Number(value(e)));

/** The field error shown under a control and tied to it by `aria-describedby`, keyed by the API's field path. */
function errorOf(ctx: FormContext, path: string): TemplateResult {
  return html`<span id="${path}-error" class="field-error">${ctx.errors.get(path) ?? ''}</span>`;
}
const invalid = (ctx: FormContext, path: string) => (ctx.errors.has(path) ? 'true' : 'false');

function textField(ctx: FormContext, path: string, label: string, options: { hint?: string; required?: boolean; type?: string; multiline?: boolean } = {}) {
  const current = String(getIn(ctx.settings, path) ?? '');
  const hintId = options.hint ? `${path}-hint` : '';
  const control = options.multiline
    ? html`<textarea id=${path} rows="3" .value=${current} @input=${(e: Event) => ctx.set(path, value(e))} aria-invalid=${invalid(ctx, path)} aria-describedby="${path}-error ${hintId}"></textarea>`
    : html`<input id=${path} type=${options.type ?? 'text'} ?required=${options.required} .value=${current} @input=${(e: Event) => ctx.set(path, value(e))} aria-invalid=${invalid(ctx, path)} aria-describedby="${path}-error ${hintId}" />`;
  return html`<div class="field">
    <label for=${path}>${label}</label>${control}
    ${options.hint ? html`<span id=${hintId} class="hint">${options.hint}</span>` : nothing}${errorOf(ctx, path)}
  </div>`;
}

/** `nullable`: empty is `null`; `optional`: empty leaves the field out. */
function numberField(ctx: FormContext, path: string, label: string, options: { hint?: string; min?: number; nullable?: boolean; optional?: boolean } = {}) {
  const current = getIn(ctx.settings, path);
  const hintId = options.hint ? `${path}-hint` : '';
  return html`<div class="field">
    <label for=${path}>${label}</label>
    <input id=${path} type="number" inputmode="numeric" min=${options.min ?? 0} step="1" .value=${current === null || current === undefined ? '' : String(current)}
      @input=${(e: Event) => ctx.set(path, options.nullable ? numberOrEmpty(e, null) : options.optional ? numberOrEmpty(e, undefined) : Number(value(e)))} aria-invalid=${invalid(ctx, path)} aria-describedby="${path}-error ${hintId}" />
    ${options.hint ? html`<span id=${hintId} class="hint">${options.hint}</span>` : nothing}${errorOf(ctx, path)}
  </div>`;
}

function checkbox(ctx: FormContext, id: string, label: string, on: boolean, change: (on: boolean) => void) {
  return html`<div class="field check"><span class="row"><input type="checkbox" id=${id} .checked=${on} @change=${(e: Event) => change(checked(e))} aria-invalid=${invalid(ctx, id)} aria-describedby="${id}-error" /><label for=${id}>${label}</label></span>${errorOf(ctx, id)}</div>`;
}

function select<T extends string>(ctx: FormContext, path: string, label: string, current: T, choices: Record<T, string>, change: (value: T) => void) {
  return html`<div class="field">
    <label for=${path}>${label}</label>
    <select id=${path} @change=${(e: Event) => change(value(e) as T)} aria-invalid=${invalid(ctx, path)} aria-describedby="${path}-error">
      ${(Object.entries(choices) as Array<[T, string]>).map(([key, text]) => html`<option value=${key} ?selected=${key === current}>${text}</option>`)}
    </select>${errorOf(ctx, path)}
  </div>`;
}

export function basics(ctx: FormContext) {
  const { t } = ctx;
  return html`<fieldset><legend>${t.sections.basics}</legend>
    ${textField(ctx, 'title', t.title, { required: true })}
    ${textField(ctx, 'slug', t.slug, { required: true, hint: t.slugHint })}
    ${textField(ctx, 'description', t.description, { multiline: true })}
    ${numberField(ctx, 'durationMinutes', t.durationMinutes, { min: 5 })}
    ${checkbox(ctx, 'requiresConfirmation', t.requiresConfirmation, ctx.settings.requiresConfirmation, (on) => ctx.set('requiresConfirmation', on))}
  </fieldset>`;
}

export function timing(ctx: FormContext) {
  const { t, settings: s } = ctx;
  const window = s.bookingWindow;
  return html`<fieldset><legend>${t.sections.timing}</legend>
    ${numberField(ctx, 'slotIntervalMinutes', t.slotIntervalMinutes, { min: 5, nullable: true, hint: t.slotIntervalHint })}
    ${numberField(ctx, 'minimumNoticeMinutes', t.minimumNoticeMinutes)}
    ${numberField(ctx, 'beforeBufferMinutes', t.beforeBufferMinutes)}
    ${numberField(ctx, 'afterBufferMinutes', t.afterBufferMinutes)}
    ${select(ctx, 'bookingWindow.type', t.bookingWindow, window.type, t.windowTypes, (type) =>
      ctx.set('bookingWindow', type === 'rolling' ? { type, days: 60 } : type === 'range' ? { type, start: '', end: '' } : { type }),
    )}
    ${window.type === 'rolling' ? numberField(ctx, 'bookingWindow.days', t.windowDays, { min: 1 }) : nothing}
    ${window.type === 'range' ? html`${textField(ctx, 'bookingWindow.start', t.windowStart, { type: 'date' })}${textField(ctx, 'bookingWindow.end', t.windowEnd, { type: 'date' })}` : nothing}
    <div class="field">
      <label for="scheduleId">${t.scheduleId}</label>
      <select id="scheduleId" @change=${(e: Event) => ctx.set('scheduleId', value(e) === '' ? null : Number(value(e)))} aria-invalid=${invalid(ctx, 'scheduleId')} aria-describedby="scheduleId-error">
        <option value="" ?selected=${s.scheduleId === null}>${t.hostDefault}</option>
        ${ctx.schedules.map((schedule) => html`<option value=${schedule.id} ?selected=${schedule.id === s.scheduleId}>${schedule.name}</option>`)}
      </select>${errorOf(ctx, 'scheduleId')}
    </div>
    ${numberField(ctx, 'limits.perDay', t.perDay, { min: 1, nullable: true, hint: t.noLimit })}
    ${numberField(ctx, 'limits.perWeek', t.perWeek, { min: 1, nullable: true, hint: t.noLimit })}
    ${numberField(ctx, 'seats', t.seats, { min: 1, nullable: true, hint: t.seatsHint })}
    ${checkbox(ctx, 'recurring', t.repeats, s.recurring !== null, (on) => ctx.set('recurring', on ? { freq: 'weekly', interval: 1, maxCount: 4 } : null))}
    ${s.recurring
      ? html`${select(ctx, 'recurring.freq', t.frequency, s.recurring.freq, t.freq, (freq) => ctx.set('recurring.freq', freq))}
        ${numberField(ctx, 'recurring.interval', t.interval, { min: 1 })}${numberField(ctx, 'recurring.maxCount', t.maxCount, { min: 2 })}`
      : nothing}
  </fieldset>`;
}

export function where(ctx: FormContext) {
  const { t, settings: s } = ctx;
  return html`<fieldset><legend>${t.sections.where}</legend>
    ${select(ctx, 'location.type', t.locationType, s.location.type, t.locations, (type) => ctx.set('location', { type }))}
    ${s.location.type === 'link' ? textField(ctx, 'location.url', t.locationUrl, { type: 'url' }) : nothing}
    ${s.location.type === 'in_person' ? textField(ctx, 'location.address', t.locationAddress) : nothing}
  </fieldset>`;
}

/** A team's event type: how its hosts share it, and who hosts with what weight and priority. */
export function teamHosts(ctx: FormContext) {
  const { t, settings: s, team } = ctx;
  if (!team) return nothing;
  const hostOf = (username: string) => s.hosts.find((h) => h.username === username);
  const setHosts = (change: (hosts: EventTypeHost[]) => EventTypeHost[]) => ctx.set('hosts', change(ctx.settings.hosts));
  return html`<fieldset><legend>${t.sections.team}</legend>
    ${select(ctx, 'schedulingType', t.schedulingType, s.schedulingType ?? 'round_robin', t.schedulingTypes, (type) => ctx.set('schedulingType', type))}
    ${errorOf(ctx, 'hosts')}
    <table class="hosts">
      <thead><tr><th scope="col">${t.host}</th><th scope="col">${t.weight}</th><th scope="col">${t.priority}</th><th scope="col">${t.fixed}</th></tr></thead>
      <tbody>
        ${team.members.filter((member) => member.status === 'active').map((member) => {
          const host = hostOf(member.username);
          const index = s.hosts.findIndex((h) => h.username === member.username);
          const update = (patch: Partial<EventTypeHost>) => setHosts((hosts) => hosts.map((h) => (h.username === member.username ? { ...h, ...patch } : h)));
          return html`<tr>
            <th scope="row"><span class="row"><input type="checkbox" id="host-${member.username}" .checked=${Boolean(host)}
              @change=${(e: Event) => setHosts((hosts) => (checked(e) ? [...hosts, { username: member.username, weight: 1, priority: 2, fixed: false }] : hosts.filter((h) => h.username !== member.username)))} />
              <label for="host-${member.username}">${member.username}</label></span></th>
            <td><input type="number" min="1" max="1000" aria-label="${t.weight}: ${member.username}" ?disabled=${!host} .value=${String(host?.weight ?? 1)} @input=${(e: Event) => update({ weight: Number(value(e)) })}
              aria-invalid=${invalid(ctx, `hosts.${index}.weight`)} aria-describedby="hosts.${index}.weight-error" />${errorOf(ctx, `hosts.${index}.weight`)}</td>
            <td><input type="number" min="0" max="4" aria-label="${t.priority}: ${member.username}" ?disabled=${!host} .value=${String(host?.priority ?? 2)} @input=${(e: Event) => update({ priority: Number(value(e)) })} /></td>
            <td><input type="checkbox" aria-label="${t.fixed}: ${member.username}" ?disabled=${!host} .checked=${host?.fixed ?? false} @change=${(e: Event) => update({ fixed: checked(e) })} /></td>
          </tr>`;
        })}
      </tbody>
    </table>
  </fieldset>`;
}

/** The price in the currency's major unit (the API takes minor units: 45.00 EUR is 4500). */
export function money(ctx: FormContext) {
  const { t, settings: s } = ctx;
  const price = s.price;
  const digits = price ? minorUnitDigits(price.currency) : 2;
  const policy = s.refundPolicy;
  return html`<fieldset><legend>${t.sections.money}</legend>
    ${ctx.paymentsEnabled === false ? html`<p class="hint" id="no-payments">${t.noPaymentsHint}</p>` : nothing}
    ${checkbox(ctx, 'price', t.paid, price !== null, (on) => ctx.set('price', on ? { amount: 1000, currency: 'eur' } : null))}
    ${price
      ? html`<div class="row">
          <div class="field">
            <label for="price.amount">${t.amount}</label>
            <input id="price.amount" type="number" min="0" step=${digits === 0 ? '1' : String(10 ** -digits)} .value=${(price.amount / 10 ** digits).toFixed(digits)}
              @change=${(e: Event) => ctx.set('price.amount', Math.round(Number(value(e)) * 10 ** digits))} aria-invalid=${invalid(ctx, 'price.amount')} aria-describedby="price.amount-error" />
            ${errorOf(ctx, 'price.amount')}
          </div>
          <div class="field">
            <label for="price.currency">${t.currency}</label>
            <input id="price.currency" maxlength="3" size="4" .value=${price.currency.toUpperCase()} @change=${(e: Event) => ctx.set('price.currency', value(e).trim().toLowerCase())}
              aria-invalid=${invalid(ctx, 'price.currency')} aria-describedby="price.currency-error" />
            ${errorOf(ctx, 'price.currency')}
          </div>
        </div>
        ${select(ctx, 'refundPolicy.type', t.refundPolicy, policy.type, t.refunds, (type) =>
          ctx.set('refundPolicy', type === 'partial' ? { type, percent: 50 } : { type }),
        )}
        ${policy.type === 'partial' ? numberField(ctx, 'refundPolicy.percent', t.percent, { min: 1 }) : nothing}
        ${numberField(ctx, 'refundPolicy.fullUntilHoursBefore', t.fullUntilHoursBefore, { min: 1, optional: true, hint: t.fullUntilHint })}`
      : nothing}
  </fieldset>`;
}

export function questions(ctx: FormContext) {
  const { t, settings: s } = ctx;
  const setFields = (change: (fields: BookingField[]) => BookingField[]) => ctx.set('bookingFields', change(ctx.settings.bookingFields));
  return html`<fieldset><legend>${t.sections.questions}</legend>
    ${s.bookingFields.map((field, i) => {
      const path = `bookingFields.${i}`;
      return html`<div class="question" role="group" aria-label=${t.question(i + 1)}>
        ${textField(ctx, `${path}.label`, t.fieldLabel)}
        ${textField(ctx, `${path}.name`, t.fieldName)}
        ${select(ctx, `${path}.type`, t.fieldType, field.type, t.fieldTypes, (type) => {
          setFields((fields) =>
            fields.map((f, j) => {
              const { options: _options, ...rest } = f;
              return j === i ? (type === 'select' ? { ...rest, type, options: [] } : { ...rest, type }) : f;
            }),
          );
        })}
        ${field.type === 'select'
          ? html`<div class="field"><label for="${path}.options">${t.fieldOptions}</label>
              <textarea id="${path}.options" rows="3" .value=${(field.options ?? []).join('\n')} @change=${(e: Event) => ctx.set(`${path}.options`, value(e).split('\n').map((o) => o.trim()).filter(Boolean))}
                aria-invalid=${invalid(ctx, `${path}.options`)} aria-describedby="${path}.options-error"></textarea>${errorOf(ctx, `${path}.options`)}</div>`
          : nothing}
        ${checkbox(ctx, `${path}.required`, t.fieldRequired, field.required ?? false, (on) => ctx.set(`${path}.required`, on))}
        <button type="button" class="danger" @click=${() => setFields((fields) => fields.filter((_, j) => j !== i))}>${t.removeQuestion(i + 1)}</button>
      </div>`;
    })}
    <button type="button" class="add-question" @click=${() => setFields((fields) => [...fields, { name: `question${fields.length + 1}`, label: '', type: 'text', required: false }])}>${t.addQuestion}</button>
  </fieldset>`;
}

export function embedding(ctx: FormContext) {
  const { t, settings: s } = ctx;
  return html`<fieldset><legend>${t.sections.embedding}</legend>
    <div class="field">
      <label for="allowedOrigins">${t.allowedOrigins}</label>
      <textarea id="allowedOrigins" rows="2" .value=${s.allowedOrigins.join('\n')} @change=${(e: Event) => ctx.set('allowedOrigins', value(e).split('\n').map((o) => o.trim()).filter(Boolean))}
        aria-invalid=${invalid(ctx, 'allowedOrigins')} aria-describedby="allowedOrigins-error allowedOrigins-hint"></textarea>
      <span id="allowedOrigins-hint" class="hint">${t.allowedOriginsHint}</span>${errorOf(ctx, 'allowedOrigins')}
    </div>
  </fieldset>`;
}
