import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  NotFoundError,
  SlotUnavailableError,
  addMonths,
  eventTypeQuery,
  queryKeys,
  slotsQuery,
  type CreateBookingResponse,
  type PublicEventType,
  type Slot,
  type SlotsResponse,
} from '@openslot/sdk';
import { clientFor, scriptOrigin, sharedQueryClient } from '../api.js';
import { QueryController } from '../controllers/query-controller.js';
import {
  OpenSlotDateSelectEvent,
  OpenSlotErrorEvent,
  OpenSlotReadyEvent,
  OpenSlotSlotSelectEvent,
} from '../events.js';
import { loadMessages, messagesFor, messagesReady, type Messages } from '../i18n/index.js';
import { addDays, browserTimeZone, firstDayOfWeek, formatDateRange, todayIn, weekStartOf } from '../intl.js';
import { Lazy, nextTask } from '../lazy.js';
import type { ManageController, ManageViewContext } from '../manage/manage.js';
import { styles } from './booking.styles.js';
import type { SubmitController } from './book-step.js';
import { renderHeader } from './header.js';
import { renderPicker } from './picker.js';
import { errorMessage, hasFreeDay, parseMetadata, slotsAnnouncement } from './messages.js';

type Step = 'pick' | 'details' | 'done' | 'manage' | 'cancel';

// The chunks (see lazy.ts): shared by every widget on the page, each loaded at most once.
const bookStep = new Lazy(() => import('./book-step.js'));
const manageMode = new Lazy(() => import('../manage/manage.js'));
const wideLayouts = new Lazy(() => import('./layouts.js'));
const zoneList = new Lazy(() => import('./zone-list.js'));

/**
 * @tagname openslot-booking
 * @summary The booking page for one event type: free days and times (month, week or column
 * layout), the attendee's details, and the confirmation; or, with `booking-uid` and `token`, one
 * booking to view, cancel or reschedule. Renders in the page's DOM (shadow DOM, no iframe) and
 * talks to the OpenSlot API through the SDK.
 *
 * @fires {OpenSlotReadyEvent} openslot-ready - The event type and the first month of slots (manage mode: the booking) loaded; `detail.eventType`.
 * @fires {OpenSlotDateSelectEvent} openslot-date-select - A day was chosen; `detail: {date, slots}`.
 * @fires {OpenSlotSlotSelectEvent} openslot-slot-select - A time was chosen; `detail: {slot, timeZone}`.
 * @fires {OpenSlotSubmitEvent} openslot-submit - About to book (cancelable); `detail.input` is the request body.
 * @fires {OpenSlotBookedEvent} openslot-booked - Booked; `detail: {booking, manageToken, bookings?}`.
 * @fires {OpenSlotPaymentRedirectEvent} openslot-payment-redirect - About to open the checkout (cancelable); `detail: {booking, checkoutUrl}`.
 * @fires {OpenSlotCancelledEvent} openslot-cancelled - Manage mode: the booking was cancelled; `detail.booking`.
 * @fires {OpenSlotRescheduledEvent} openslot-rescheduled - Manage mode: the booking moved; `detail: {booking, previous}`.
 * @fires {OpenSlotErrorEvent} openslot-error - Loading, booking or a change failed; `detail: {error, phase}`.
 *
 * @csspart base - The outer box.
 * @csspart header - Host, title and duration.
 * @csspart title - The event title.
 * @csspart calendar - The month grid (its own parts: `day`, `day-available`, `day-selected`, `nav-button`, `grid`).
 * @csspart week - The week layout's seven columns.
 * @csspart column - The column layout's list of days.
 * @csspart nav-button - Previous/next buttons.
 * @csspart times - The list of times of a day.
 * @csspart time - One time button.
 * @csspart form - The details form (and the cancel form).
 * @csspart input - The text inputs.
 * @csspart button - The primary buttons (confirm, retry, reschedule).
 * @csspart confirmation - The booked, cancelled or rescheduled screen.
 * @csspart manage - Manage mode's booking overview.
 * @csspart link - The meeting link.
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
 * @cssprop --openslot-danger - The cancel button and error text.
 */
export class OpenSlotBooking extends LitElement {
  static override styles = styles;

  /** The OpenSlot server; defaults to the origin this script was loaded from. */
  @property() api = scriptOrigin();
  /** The event type, `alice/intro`, `acme/sales` or `alice+bob/intro`. */
  @property() event = '';
  /** The IANA zone times are shown and booked in; defaults to the browser's. */
  @property({ attribute: 'time-zone' }) timeZone = '';
  /** A BCP 47 locale for dates, times and wording (English, German, French, Spanish); defaults to the page's `lang`, then the browser's. */
  @property() locale = '';
  /** `light` (default, as most host pages are), `dark`, or `auto` (follows the system setting). */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'light';
  /** `month` (a calendar, default), `week` (seven days of times side by side) or `column` (the month's days one under another). */
  @property({ reflect: true }) layout: 'month' | 'week' | 'column' = 'month';
  /** Prefills the attendee's name. */
  @property() name = '';
  /** Prefills the attendee's email. */
  @property() email = '';
  /** Prefills the guests: emails separated by commas. */
  @property() guests = '';
  /** Makes prefilled name, email and guests read-only (the page already knows who the booker is). */
  @property({ attribute: 'lock-prefill', type: Boolean }) lockPrefill = false;
  /** Hides the host, title, description and duration (when the page already shows them). */
  @property({ attribute: 'hide-details', type: Boolean }) hideDetails = false;
  /** JSON object of strings, passed to the booking and its webhooks, such as `{"campaign":"fall"}`; the page's `utm_*` parameters are added. */
  @property({ converter: { fromAttribute: parseMetadata } }) metadata: Record<string, string> | undefined;
  /** Manage mode: the booking to show, with `token`. */
  @property({ attribute: 'booking-uid' }) bookingUid = '';
  /** Manage mode: the booking's manage token (from `openslot-booked` or the booking email). */
  @property() token = '';

  @state() private month = '';
  @state() private weekStart = '';
  /** The zone the booker picked in the widget, over `time-zone` and the browser's. */
  @state() private pickedZone = '';
  @state() private step: Step = 'pick';
  @state() private date = '';
  @state() private chosen: Slot | undefined;
  /** The time picked in the list, awaiting Next. */
  @state() private picked = '';
  /** The details form's problems from the last submit, by field id. */
  @state() private fieldErrors: Record<string, string> = {};
  @state() private notice = '';
  @state() private booked: CreateBookingResponse | undefined;
  /** The zone picker: open or not, and what was typed into its search. */
  @state() private zonesOpen = false;
  @state() private zoneQuery = '';

  #manage: ManageController | undefined;
  #booker: SubmitController | undefined;
  #eventType = new QueryController<PublicEventType>(this, sharedQueryClient, () => ({
    ...eventTypeQuery(this.#client, this.#event),
    enabled: this.#event !== '',
  }));
  #slots = new QueryController<SlotsResponse>(this, sharedQueryClient, () => ({
    ...slotsQuery(this.#client, { event: this.#event, month: this.#month, timeZone: this.#zone }),
    enabled: this.#event !== '' && !(this.#managing && (this.step === 'manage' || this.step === 'cancel')),
  }));
  /** The week layout's second month, when the week runs into it. */
  #slotsNext = new QueryController<SlotsResponse>(this, sharedQueryClient, () => ({
    ...slotsQuery(this.#client, { event: this.#event, month: this.#weekEndMonth, timeZone: this.#zone }),
    enabled: this.#event !== '' && this.layout === 'week' && this.#weekEndMonth !== this.#month,
  }));
  #readyFired = false;
  #reportedErrors = new WeakSet<Error>();
  #prefetched = new Set<string>();
  #skippedEmptyMonth = false;
  /** Whether the last update was in manage mode: switching modes starts over. */
  #wasManaging = false;

  get #client() {
    return clientFor(this.api);
  }
  get #managing(): boolean {
    return this.bookingUid !== '' && this.token !== '';
  }
  /** The event type shown: the attribute's, or in manage mode the booking's. */
  get #event(): string {
    return this.#managing ? (this.#manage?.booking?.eventType ?? '') : this.event;
  }
  get #zone(): string {
    return this.pickedZone || this.timeZone || browserTimeZone();
  }
  get #locale(): string {
    return this.locale || document.documentElement.lang || navigator.language || 'en-US';
  }
  get #t(): Messages {
    return messagesFor(this.#locale);
  }
  get #today(): string {
    return todayIn(this.#zone, this.#locale);
  }
  get #week(): string {
    return this.weekStart || weekStartOf(this.#today, firstDayOfWeek(this.#locale));
  }
  get #month(): string {
    if (this.layout === 'week') return this.#week.slice(0, 7);
    return this.month || this.#today.slice(0, 7);
  }
  get #weekEndMonth(): string {
    return addDays(this.#week, 6).slice(0, 7);
  }

  /**
   * The first render waits for a task of its own, so loading the script, rendering and (later)
   * showing the data are separate tasks, none long. The requests start before it (hostConnected).
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    if (this.hasUpdated) return super.scheduleUpdate();
    return nextTask().then(() => super.scheduleUpdate());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another event, zone or booking later on (not the first assignment) starts over.
    const restart = ['event', 'timeZone', 'bookingUid', 'token', 'layout'].some((p) => changed.get(p as keyof OpenSlotBooking) !== undefined);
    if (restart || this.#managing !== this.#wasManaging) this.#reset();
    this.#wasManaging = this.#managing;
    if (this.#managing) {
      const chunk = manageMode.get(this);
      if (chunk) (this.#manage ??= new chunk.ManageController(this)).sync(this.#client, this.bookingUid, this.token);
    }
    if (!messagesReady(this.#locale)) void loadMessages(this.#locale).then(() => this.requestUpdate(), () => this.requestUpdate());
    if (this.layout !== 'month') wideLayouts.get(this);
    // Late in a month there may be nothing left: open on the next month instead, once, unless the
    // booker already navigated. (Here, before rendering, so it costs no second update.)
    const slots = this.#slots.result;
    const current = slots?.data?.eventType === this.#event && slots.data.timeZone === this.#zone;
    if (this.layout !== 'week' && slots?.isSuccess && current && !this.month && !this.#skippedEmptyMonth && !hasFreeDay(slots.data)) {
      this.#skippedEmptyMonth = true;
      this.month = addMonths(this.#month, 1);
    }
  }

  protected override updated(): void {
    const eventType = this.#eventType.result?.data;
    const slots = this.#slots.result;
    const shown = this.#managing ? this.#manage?.booking : slots?.isSuccess && (this.layout === 'month' || wideLayouts.value);
    if (!this.#readyFired && eventType && messagesReady(this.#locale) && shown) {
      this.#readyFired = true;
      this.dispatchEvent(new OpenSlotReadyEvent({ eventType }));
      bookStep.prefetch(); // what the next click needs, while the booker looks at the times
    }
    if (slots?.isSuccess && !this.#prefetched.has(slots.data.timeZone + this.#month)) {
      this.#prefetched.add(slots.data.timeZone + this.#month);
      void sharedQueryClient().prefetch(slotsQuery(this.#client, { event: this.#event, month: addMonths(this.#month, 1), timeZone: this.#zone }));
    }
    for (const error of [this.#eventType.result?.error, slots?.error]) {
      if (error && !this.#reportedErrors.has(error)) {
        this.#reportedErrors.add(error);
        this.dispatchEvent(new OpenSlotErrorEvent({ error, phase: 'load' }));
      }
    }
  }

  protected override render() {
    const t = this.#t;
    if (!this.event && !this.#managing) return html`<div part="base error" class="base">${t.setEvent}</div>`;
    const eventType = this.#eventType.result;
    const slots = this.#slots.result;
    // A failed background refetch keeps the data it had: only show the error panel with nothing to show.
    const failed = this.#manage?.error || (!eventType?.data && eventType?.error) || (!slots?.data && slots?.error) || undefined;
    const loaded = eventType?.data && messagesReady(this.#locale) && (!this.#managing || this.#manage?.booking);
    return html`
      <div part="base" class="base" lang=${this.#locale}>
        <div class="visually-hidden" role="status" aria-live="polite">${this.#announcement()}</div>
        ${failed
          ? this.#renderError(failed)
          : loaded
            ? html`${this.hideDetails ? nothing : renderHeader(eventType.data, this.#t, this.#locale)} ${this.#renderStep(eventType.data)}`
            : // The first state has the loaded page's shape and height (see header.ts, and the calendar's six rows).
              html`${this.hideDetails ? nothing : renderHeader(undefined, this.#t, this.#locale)}
              ${this.#managing ? html`<p class="loading">${this.#t.loading}</p>` : this.#renderPicker()}`}
      </div>
    `;
  }

  #renderStep(eventType: PublicEventType) {
    const booking = this.#manage?.booking;
    const manage = manageMode.value;
    if (this.#managing && booking && manage) {
      const ctx: ManageViewContext = { t: this.#t, timeZone: this.#zone, locale: this.#locale, busy: this.#manage!.busy, notice: this.notice };
      return manage.renderManageStep(this.step, booking, this.#manage!.outcome, this.chosen, ctx, {
        cancel: () => this.#go('cancel', '#cancel-heading'),
        reschedule: () => this.#go('pick', '#range-heading, openslot-calendar'),
        overview: () => this.#go('manage', '#manage-heading'),
        replacement: () => void (this.bookingUid = booking.rescheduledToUid ?? this.bookingUid),
        bookAgain: () => {
          this.event = booking.eventType;
          this.bookingUid = '';
          this.token = '';
        },
        back: () => this.#back(),
        submitCancel: (reason) => void this.#change(this.#manage!.cancel(this.#client, this.token, reason)),
        confirmReschedule: (start) => void this.#change(this.#manage!.reschedule(this.#client, this.token, start)),
        picker: () => this.#renderPicker(),
      });
    }
    const book = this.step === 'done' || this.step === 'details' ? bookStep.get(this) : undefined;
    if (this.step === 'done' && this.booked && book) return book.renderConfirmation(this.#t, eventType, this.booked, this.#zone, this.#locale);
    if (this.step === 'details' && this.chosen) {
      if (!book) return html`<p class="loading">${this.#t.loading}</p>`;
      return book.renderDetailsForm(this.chosen, eventType, {
        t: this.#t,
        timeZone: this.#zone,
        locale: this.#locale,
        name: this.name,
        email: this.email,
        guests: this.guests,
        lockPrefill: this.lockPrefill,
        submitting: this.#booker?.submitting ?? false,
        notice: this.notice,
        errors: this.fieldErrors,
        edited: (id) => {
          if (this.fieldErrors[id]) this.fieldErrors = Object.fromEntries(Object.entries(this.fieldErrors).filter(([key]) => key !== id));
        },
        submit: (event) => void this.#submit(event),
        back: () => this.#back(),
      });
    }
    return this.#renderPicker();
  }

  /** Free times by day for the picker: the month's, plus the next month's when a week runs into it; `undefined` while loading. */
  #days(): Record<string, Slot[]> | undefined {
    const slots = this.#slots.result;
    const next = this.#slotsNext.result;
    const spans = this.layout === 'week' && this.#weekEndMonth !== this.#month;
    if (!slots?.isSuccess || (spans && !next?.isSuccess)) return undefined;
    return { ...slots.data.slots, ...(spans ? next!.data!.slots : {}) };
  }

  #renderPicker() {
    return renderPicker(
      {
        t: this.#t,
        locale: this.#locale,
        zone: this.#zone,
        layout: this.layout,
        month: this.#month,
        week: this.#week,
        today: this.#today,
        days: this.#days(),
        date: this.date,
        notice: this.notice,
        picked: this.picked,
        zonePicker: { open: this.zonesOpen, query: this.zoneQuery, list: this.zonesOpen ? zoneList.get(this) : zoneList.value },
        layouts: wideLayouts.value,
      },
      {
        selectDate: (date) => this.#selectDate(date),
        chooseSlot: (slot) => this.#chooseSlot(slot),
        selectSlot: (slot, date) => this.#selectSlot(slot, date),
        showMonth: (month) => (this.month = month),
        showWeek: (firstDay) => (this.weekStart = firstDay),
        zones: {
          toggle: () => {
            this.zonesOpen = !this.zonesOpen;
            this.zoneQuery = '';
            void this.#focus(this.zonesOpen ? '#zone-search' : '.zone-button', zoneList);
          },
          prefetch: () => void zoneList.load().catch(() => undefined),
          search: (query) => (this.zoneQuery = query),
          pick: (zone) => this.#pickZone(zone),
        },
      },
    );
  }

  #renderError(error: Error) {
    return html`<div part="error" class="error" role="alert">
      <p>${errorMessage(this.#t, error)}</p>
      ${error instanceof NotFoundError ? nothing : html`<button part="button" class="primary" @click=${this.#retry}>${this.#t.retry}</button>`}
    </div>`;
  }

  #announcement(): string {
    const t = this.#t;
    if (this.#booker?.submitting) return t.booking;
    if (this.step === 'done' || this.step === 'details' || this.step === 'manage' || this.step === 'cancel') return '';
    if (this.#eventType.result?.isPending || this.#slots.result?.isPending) return t.loadingTimes;
    if (this.layout === 'week') {
      const last = addDays(this.#week, 6);
      const days = this.#days() ?? {};
      const count = Object.entries(days).reduce((n, [day, times]) => (day >= this.#week && day <= last ? n + times.length : n), 0);
      return t.timesInWeek(count, formatDateRange(this.#week, last, this.#locale));
    }
    return slotsAnnouncement(t, this.#slots.result?.data, this.#month, this.layout === 'month' ? this.date : '', this.#locale);
  }

  async #focus(selector: string, chunk?: Lazy<unknown>): Promise<void> {
    await chunk?.load().catch(() => undefined); // the step renders once its chunk is here
    await this.updateComplete;
    const target = this.renderRoot.querySelector<HTMLElement>(selector);
    if (target && 'focusGrid' in target) {
      const calendar = target as HTMLElement & { focusGrid(): void; updateComplete: Promise<boolean> };
      await calendar.updateComplete; // its first render is a task later (see scheduleUpdate)
      calendar.focusGrid();
    }
    else target?.focus();
  }

  #go(step: Step, focus: string): void {
    this.step = step;
    this.notice = '';
    this.chosen = undefined;
    void this.#focus(focus);
  }

  #selectDate(date: string): void {
    this.date = date;
    this.picked = '';
    this.notice = '';
    const slots = this.#slots.result?.data?.slots[date] ?? [];
    this.dispatchEvent(new OpenSlotDateSelectEvent({ date, slots }));
    void this.#focus('#times-heading').then(() => this.#revealTimes());
  }

  /** On a phone the times render below the calendar, often below the fold: bring them up. */
  #revealTimes(): void {
    const times = this.renderRoot.querySelector<HTMLElement>('.times');
    if (!times) return;
    const { top } = times.getBoundingClientRect();
    if (top >= 0 && top <= window.innerHeight * 0.5) return;
    const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
    times.scrollIntoView({ block: 'start', behavior: smooth ? 'smooth' : 'auto' });
  }

  #pickZone(zone: string): void {
    // Days are keyed in the zone: a chosen day may not mean the same times any more.
    this.pickedZone = zone;
    this.date = '';
    this.picked = '';
    this.zonesOpen = false;
    void this.#focus('.zone-button');
  }

  #chooseSlot(slot: Slot): void {
    this.picked = slot.start;
    bookStep.prefetch();
    void this.#focus('button.next');
  }

  #selectSlot(slot: Slot, date: string): void {
    this.fieldErrors = {};
    this.date = date;
    this.chosen = slot;
    this.step = 'details';
    this.notice = '';
    this.dispatchEvent(new OpenSlotSlotSelectEvent({ slot, timeZone: this.#zone }));
    void this.#focus('#details-heading', bookStep);
  }

  #back(): void {
    this.step = 'pick';
    this.notice = '';
    void this.#focus(this.layout === 'month' ? '#times-heading' : `#d-${this.date} + ul button, #range-heading`);
  }

  #retry(): void {
    if (this.#manage?.error) this.#manage.reload(this.#client, this.bookingUid, this.token);
    if (this.#eventType.result?.error) this.#eventType.refetch();
    if (this.#slots.result?.error) this.#slots.refetch();
  }

  /** A manage-mode change (cancel, reschedule); afterwards the slots are stale: a time was freed or taken. */
  async #change(work: Promise<boolean>): Promise<void> {
    try {
      if (!(await work)) return;
      void sharedQueryClient().invalidate(queryKeys.slotsOf(this.#client, this.#event));
      this.date = '';
      this.#go('manage', '#done-heading');
    } catch (error) {
      if (error instanceof SlotUnavailableError) this.#taken();
      else this.notice = errorMessage(this.#t, error as Error);
    }
  }

  /** Someone else took the chosen time: back to the (refreshed) times. */
  #taken(): void {
    this.step = 'pick';
    this.chosen = undefined;
    this.notice = this.#t.taken;
    void sharedQueryClient().invalidate(queryKeys.slotsOf(this.#client, this.#event));
    void this.#focus(this.layout === 'month' ? '#times-heading' : '#range-heading');
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const eventType = this.#eventType.result?.data;
    const book = bookStep.value;
    if (!this.chosen || !eventType || !book) return;
    const context = { event: this.event, start: this.chosen.start, timeZone: this.#zone, locale: this.#locale, metadata: this.metadata, search: window.location.search };
    const form = event.target as HTMLFormElement;
    this.fieldErrors = book.validateForm(form, this.#t);
    const firstInvalid = Object.keys(this.fieldErrors)[0];
    if (firstInvalid) {
      void this.#focus(`#${firstInvalid}`);
      return;
    }
    const input = book.bookingInput(context, new FormData(form), eventType);
    this.notice = '';
    this.#booker ??= new book.SubmitController(this);
    try {
      const result = await this.#booker.book(this.#client, input);
      if (!result) return;
      this.booked = result;
      this.step = 'done';
      void sharedQueryClient().invalidate(queryKeys.slotsOf(this.#client, this.event));
      void this.#focus('#done-heading');
    } catch (error) {
      if (error instanceof SlotUnavailableError) this.#taken();
      else this.notice = errorMessage(this.#t, error as Error);
    }
  }

  #reset(): void {
    this.pickedZone = '';
    this.#skippedEmptyMonth = false;
    this.#readyFired = false;
    this.month = '';
    this.weekStart = '';
    this.step = this.#managing ? 'manage' : 'pick';
    this.date = '';
    this.chosen = undefined;
    this.picked = '';
    this.notice = '';
    this.booked = undefined;
  }
}
