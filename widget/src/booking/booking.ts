import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  SlotUnavailableError,
  addMonths,
  eventTypeQuery,
  idempotencyKey,
  invalidateSlots,
  prefetchNextMonth,
  slotsQuery,
  type CreateBookingInput,
  type CreateBookingResponse,
  type PublicEventType,
  type Slot,
  type SlotsResponse,
} from '@openslot/sdk';
import { clientFor, scriptOrigin, sharedQueryClient } from '../api.js';
import type { CalendarDaySelectEvent, CalendarMonthChangeEvent } from '../calendar/calendar.js';
import { QueryController } from '../controllers/query-controller.js';
import {
  OpenSlotBookedEvent,
  OpenSlotDateSelectEvent,
  OpenSlotErrorEvent,
  OpenSlotPaymentRedirectEvent,
  OpenSlotReadyEvent,
  OpenSlotSlotSelectEvent,
  OpenSlotSubmitEvent,
} from '../events.js';
import { browserTimeZone, formatDate, formatDateTime, formatPrice, formatTime, todayIn } from '../intl.js';
import { styles } from './booking.styles.js';
import { readResponses, renderBookingFields } from './booking-fields.js';
import { renderConfirmation } from './confirmation.js';
import { renderZonePicker } from './zone-picker.js';
import { errorMessage, hasFreeDay, parseMetadata, slotsAnnouncement } from './messages.js';

type Step = 'pick' | 'details' | 'done';

/**
 * @tagname openslot-booking
 * @summary The booking page for one event type: a month of days with free times, the times of the
 * chosen day, the attendee's details, and the confirmation. Renders in the page's DOM (shadow
 * DOM, no iframe) and talks to the OpenSlot API through the SDK.
 *
 * @fires {OpenSlotReadyEvent} openslot-ready - The event type and the first month of slots loaded; `detail.eventType`.
 * @fires {OpenSlotDateSelectEvent} openslot-date-select - A day was chosen; `detail: {date, slots}`.
 * @fires {OpenSlotSlotSelectEvent} openslot-slot-select - A time was chosen; `detail: {slot, timeZone}`.
 * @fires {OpenSlotSubmitEvent} openslot-submit - About to book (cancelable); `detail.input` is the request body.
 * @fires {OpenSlotBookedEvent} openslot-booked - Booked; `detail: {booking, manageToken, bookings?}`.
 * @fires {OpenSlotPaymentRedirectEvent} openslot-payment-redirect - About to open the checkout (cancelable); `detail: {booking, checkoutUrl}`.
 * @fires {OpenSlotErrorEvent} openslot-error - Loading or booking failed; `detail: {error, phase}`.
 *
 * @csspart base - The outer box.
 * @csspart header - Host, title and duration.
 * @csspart title - The event title.
 * @csspart calendar - The month grid (its own parts: `day`, `day-available`, `day-selected`, `nav-button`, `grid`).
 * @csspart times - The list of times of the chosen day.
 * @csspart time - One time button.
 * @csspart form - The details form.
 * @csspart input - The text inputs.
 * @csspart button - The primary buttons (confirm, retry).
 * @csspart confirmation - The booked screen.
 * @csspart error - The error panel.
 *
 * @cssprop --openslot-accent - The brand colour of buttons and available days.
 * @cssprop --openslot-accent-contrast - Text on the accent colour.
 * @cssprop --openslot-radius - Corner radius of the box and the buttons.
 * @cssprop --openslot-font - The font family.
 * @cssprop --openslot-bg - Background.
 * @cssprop --openslot-fg - Text colour.
 * @cssprop --openslot-muted - Secondary text.
 * @cssprop --openslot-border - Borders.
 */
export class OpenSlotBooking extends LitElement {
  static override styles = styles;

  /** The OpenSlot server; defaults to the origin this script was loaded from. */
  @property() api = scriptOrigin();
  /** The event type, `alice/intro`, `acme/sales` or `alice+bob/intro`. */
  @property() event = '';
  /** The IANA zone times are shown and booked in; defaults to the browser's. */
  @property({ attribute: 'time-zone' }) timeZone = '';
  /** A BCP 47 locale for dates and times; defaults to the page's `lang`, then the browser's. */
  @property() locale = '';
  /** `light` (default, as most host pages are), `dark`, or `auto` (follows the system setting). */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'light';
  /** Prefills the attendee's name. */
  @property() name = '';
  /** Prefills the attendee's email. */
  @property() email = '';
  /** Makes prefilled name and email read-only (the page already knows who the booker is). */
  @property({ attribute: 'lock-prefill', type: Boolean }) lockPrefill = false;
  /** Hides the host, title, description and duration (when the page already shows them). */
  @property({ attribute: 'hide-details', type: Boolean }) hideDetails = false;
  /** JSON object of strings, passed to the booking and its webhooks, such as `{"campaign":"fall"}`. */
  @property({ converter: { fromAttribute: parseMetadata } }) metadata: Record<string, string> | undefined;

  @state() private month = '';
  /** The zone the booker picked in the widget, over `time-zone` and the browser's. */
  @state() private pickedZone = '';
  @state() private step: Step = 'pick';
  @state() private date = '';
  @state() private chosen: Slot | undefined;
  @state() private submitting = false;
  @state() private notice = '';
  @state() private booked: CreateBookingResponse | undefined;

  #eventType = new QueryController<PublicEventType>(this, sharedQueryClient, () => ({
    ...eventTypeQuery(this.#client, this.event),
    enabled: this.event !== '',
  }));
  #slots = new QueryController<SlotsResponse>(this, sharedQueryClient, () => ({
    ...slotsQuery(this.#client, { event: this.event, month: this.#month, timeZone: this.#zone }),
    enabled: this.event !== '',
  }));
  #readyFired = false;
  #reportedErrors = new WeakSet<Error>();
  #prefetched = new Set<string>();
  #skippedEmptyMonth = false;
  /** One key per distinct booking attempt: resubmitting after a lost response can't book twice. */
  #attempt: { body: string; key: string } | undefined;

  get #client() {
    return clientFor(this.api);
  }
  get #zone(): string {
    return this.pickedZone || this.timeZone || browserTimeZone();
  }
  get #locale(): string {
    return this.locale || document.documentElement.lang || navigator.language || 'en-US';
  }
  get #today(): string {
    return todayIn(this.#zone);
  }
  get #month(): string {
    return this.month || this.#today.slice(0, 7);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another event or zone later on (not the first assignment) starts the booking over.
    if (changed.get('event') !== undefined || changed.get('timeZone') !== undefined) this.#reset();
    // Late in a month there may be nothing left: open on the next month instead, once, unless the
    // booker already navigated. (Here, before rendering, so it costs no second update.)
    const slots = this.#slots.result;
    const current = slots?.data?.eventType === this.event && slots.data.timeZone === this.#zone;
    if (slots?.isSuccess && current && !this.month && !this.#skippedEmptyMonth && !hasFreeDay(slots.data)) {
      this.#skippedEmptyMonth = true;
      this.month = addMonths(this.#month, 1);
    }
  }

  protected override updated(): void {
    const eventType = this.#eventType.result?.data;
    const slots = this.#slots.result;
    if (!this.#readyFired && eventType && slots?.isSuccess) {
      this.#readyFired = true;
      this.dispatchEvent(new OpenSlotReadyEvent({ eventType }));
    }
    if (slots?.isSuccess && !this.#prefetched.has(slots.data.timeZone + this.#month)) {
      this.#prefetched.add(slots.data.timeZone + this.#month);
      void prefetchNextMonth(sharedQueryClient(), this.#client, { event: this.event, month: this.#month, timeZone: this.#zone });
    }
    for (const error of [this.#eventType.result?.error, slots?.error]) {
      if (error && !this.#reportedErrors.has(error)) {
        this.#reportedErrors.add(error);
        this.dispatchEvent(new OpenSlotErrorEvent({ error, phase: 'load' }));
      }
    }
  }

  protected override render() {
    if (!this.event) return html`<div part="base error" class="base">Set the <code>event</code> attribute, such as "alice/intro".</div>`;
    const eventType = this.#eventType.result;
    const slots = this.#slots.result;
    // A failed background refetch keeps the data it had: only show the error panel with nothing to show.
    const failed = (!eventType?.data && eventType?.error) || (!slots?.data && slots?.error) || undefined;
    return html`
      <div part="base" class="base">
        <div class="visually-hidden" role="status" aria-live="polite">${this.#announcement()}</div>
        ${failed
          ? this.#renderError(failed)
          : !eventType?.data
            ? html`<p class="loading" aria-hidden="true">Loading…</p>`
            : html`${this.#renderHeader(eventType.data)} ${this.#renderStep(eventType.data)}`}
      </div>
    `;
  }

  #renderHeader(eventType: PublicEventType) {
    if (this.hideDetails) return nothing;
    const hosts = eventType.hosts.map((h) => h.name).join(', ');
    const price = eventType.price ? formatPrice(eventType.price.amount, eventType.price.currency, this.#locale) : '';
    return html`<header part="header">
      ${hosts ? html`<p class="hosts">${hosts}</p>` : nothing}
      <h2 part="title">${eventType.title}</h2>
      <p class="meta">${eventType.durationMinutes} min${price ? ` · ${price}` : ''}</p>
      ${eventType.description ? html`<p class="description">${eventType.description}</p>` : nothing}
    </header>`;
  }

  #renderStep(eventType: PublicEventType) {
    if (this.step === 'done' && this.booked) return renderConfirmation(eventType, this.booked.booking, this.#zone, this.#locale);
    if (this.step === 'details' && this.chosen) return this.#renderDetails(this.chosen, eventType);
    return this.#renderPicker();
  }

  #renderPicker() {
    const slots = this.#slots.result;
    const days = slots?.data?.slots ?? {};
    const available = new Set(Object.keys(days).filter((d) => days[d]!.length > 0));
    return html`<div class="picker">
      <openslot-calendar
        part="calendar"
        exportparts="day, day-available, day-selected, nav-button, grid"
        .month=${this.#month}
        .min=${this.#today.slice(0, 7)}
        .available=${available}
        .selected=${this.date}
        .locale=${this.#locale}
        ?loading=${!slots?.isSuccess}
        @day-select=${(e: CalendarDaySelectEvent) => this.#selectDate(e.date)}
        @month-change=${(e: CalendarMonthChangeEvent) => (this.month = e.month)}
      ></openslot-calendar>
      <section class="times" aria-labelledby=${this.date ? 'times-heading' : nothing}>
        ${this.notice ? html`<p role="alert" class="notice">${this.notice}</p>` : nothing}
        ${this.date
          ? this.#renderTimes(days[this.date] ?? [])
          : html`<p class="hint">${slots?.isSuccess && available.size === 0 ? 'No free times this month.' : 'Choose a day to see its times.'}</p>`}
        ${renderZonePicker(this.#zone, (zone) => this.#pickZone(zone))}
      </section>
    </div>`;
  }

  #renderTimes(times: Slot[]) {
    return html`
      <h3 id="times-heading" tabindex="-1">${formatDate(this.date, this.#locale)}</h3>
      ${times.length === 0
        ? html`<p class="hint">No free times left on this day.</p>`
        : html`<ul part="times" aria-labelledby="times-heading">
            ${times.map(
              (slot) => html`<li>
                <button part="time" class="time" @click=${() => this.#selectSlot(slot)}>
                  ${formatTime(slot.start, this.#zone, this.#locale)}
                  ${slot.seatsLeft === undefined
                    ? nothing
                    : html`<span class="seats">${slot.seatsLeft === 1 ? '1 seat left' : `${slot.seatsLeft} seats left`}</span>`}
                </button>
              </li>`,
            )}
          </ul>`}
    `;
  }

  #renderDetails(slot: Slot, eventType: PublicEventType) {
    return html`<section class="details" aria-labelledby="details-heading">
      <h3 id="details-heading" tabindex="-1">Your details</h3>
      <p class="when">${formatDateTime(slot.start, this.#zone, this.#locale)}</p>
      <form part="form" @submit=${this.#submit}>
        <label for="name">Name</label>
        <input part="input" id="name" name="name" autocomplete="name" required .value=${this.name} ?readonly=${this.lockPrefill && this.name !== ''} />
        <label for="email">Email</label>
        <input part="input" id="email" name="email" type="email" autocomplete="email" required .value=${this.email} ?readonly=${this.lockPrefill && this.email !== ''} />
        ${renderBookingFields(eventType.bookingFields)}
        ${this.notice ? html`<p role="alert" class="notice">${this.notice}</p>` : nothing}
        <div class="actions">
          <button type="button" class="secondary" @click=${this.#back}>Back</button>
          <button part="button" class="primary" type="submit" ?disabled=${this.submitting}>
            ${this.submitting ? 'Booking…' : 'Confirm booking'}
          </button>
        </div>
      </form>
    </section>`;
  }

  #renderError(error: Error) {
    return html`<div part="error" class="error" role="alert">
      <p>${errorMessage(error)}</p>
      <button part="button" class="primary" @click=${this.#retry}>Retry</button>
    </div>`;
  }

  #announcement(): string {
    if (this.step === 'done') return '';
    if (this.submitting) return 'Booking…';
    if (this.#eventType.result?.isPending || this.#slots.result?.isPending) return 'Loading available times…';
    if (this.step === 'details') return '';
    return slotsAnnouncement(this.#slots.result?.data, this.#month, this.date, this.#locale);
  }

  async #focus(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  #selectDate(date: string): void {
    this.date = date;
    this.notice = '';
    const slots = this.#slots.result?.data?.slots[date] ?? [];
    this.dispatchEvent(new OpenSlotDateSelectEvent({ date, slots }));
    void this.#focus('#times-heading');
  }

  #pickZone(zone: string): void {
    // Days are keyed in the zone: a chosen day may not mean the same times any more.
    this.pickedZone = zone;
    this.date = '';
  }

  #selectSlot(slot: Slot): void {
    this.chosen = slot;
    this.step = 'details';
    this.notice = '';
    this.dispatchEvent(new OpenSlotSlotSelectEvent({ slot, timeZone: this.#zone }));
    void this.#focus('#details-heading');
  }

  #back(): void {
    this.step = 'pick';
    this.notice = '';
    void this.#focus('#times-heading');
  }

  #retry(): void {
    if (this.#eventType.result?.error) this.#eventType.refetch();
    if (this.#slots.result?.error) this.#slots.refetch();
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const eventType = this.#eventType.result?.data;
    if (!this.chosen || !eventType || this.submitting) return;
    const form = new FormData(event.target as HTMLFormElement);
    const responses = readResponses(eventType.bookingFields, form);
    const input: CreateBookingInput = {
      event: this.event,
      start: this.chosen.start,
      timeZone: this.#zone,
      attendee: { name: String(form.get('name')), email: String(form.get('email')), timeZone: this.#zone, locale: this.#locale },
      ...(Object.keys(responses).length > 0 ? { responses } : {}),
      ...(this.metadata ? { metadata: this.metadata } : {}),
    };
    if (!this.dispatchEvent(new OpenSlotSubmitEvent({ input }))) return;

    const body = JSON.stringify(input);
    if (this.#attempt?.body !== body) this.#attempt = { body, key: idempotencyKey() };
    this.submitting = true;
    this.notice = '';
    try {
      const result = await this.#client.bookings.create(input, { idempotencyKey: this.#attempt.key });
      this.#attempt = undefined;
      this.booked = result;
      this.step = 'done';
      this.dispatchEvent(new OpenSlotBookedEvent(result));
      void invalidateSlots(sharedQueryClient(), this.#client, this.event);
      void this.#focus('#done-heading');
      const checkoutUrl = result.booking.payment?.checkoutUrl;
      if (result.booking.status === 'awaiting_payment' && checkoutUrl) {
        if (this.dispatchEvent(new OpenSlotPaymentRedirectEvent({ booking: result.booking, checkoutUrl }))) window.location.assign(checkoutUrl);
      }
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(String(caught));
      this.dispatchEvent(new OpenSlotErrorEvent({ error, phase: 'book' }));
      if (error instanceof SlotUnavailableError) {
        // Someone else took it: back to the day's (refreshed) times.
        this.step = 'pick';
        this.chosen = undefined;
        this.notice = 'Sorry, that time was just taken. Please choose another.';
        void invalidateSlots(sharedQueryClient(), this.#client, this.event);
        void this.#focus('#times-heading');
      } else {
        this.notice = errorMessage(error);
      }
    } finally {
      this.submitting = false;
    }
  }

  #reset(): void {
    this.pickedZone = '';
    this.#skippedEmptyMonth = false;
    this.#readyFired = false;
    this.month = '';
    this.step = 'pick';
    this.date = '';
    this.chosen = undefined;
    this.notice = '';
    this.booked = undefined;
  }
}

