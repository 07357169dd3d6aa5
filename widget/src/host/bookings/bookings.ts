import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { formatMoney, SlotUnavailableError, OpenSlotError, type Booking, type BookingList } from '@openslot/sdk';
import { browserTimeZone, formatDateTime } from '../../intl.js';
import { describeError, fieldErrors } from '../errors.js';
import { OpenSlotSavedEvent } from '../events.js';
import { OpenSlotHostElement } from '../host-element.js';
import { hostStyles } from '../host.styles.js';
import { LoadController } from '../load-controller.js';
import { styles } from './bookings.styles.js';
import { instantToZoned, zonedToInstant } from './zoned.js';

type Tab = 'upcoming' | 'pending' | 'past';
type Action = 'confirm' | 'reject' | 'cancel' | 'reschedule';
const TABS: readonly Tab[] = ['upcoming', 'pending', 'past'];
const DONE = { confirm: 'confirmed', reject: 'rejected', cancel: 'cancelled', reschedule: 'rescheduled' } as const;

/**
 * @tagname openslot-bookings
 * @summary The host's bookings: upcoming, pending (confirm or decline, with a reason) and past,
 * with search and paging; cancel or move a booking.
 *
 * @attr {string} api - The OpenSlot server (default: where host.js came from).
 * @attr {string} token - A session token (or an API key), sent as `Authorization: Bearer`.
 * @attr {string} locale - Language of words, dates and times.
 * @attr {string} time-zone - Zone the times are shown and entered in (default: the browser's).
 * @attr {string} tab - `upcoming` (default), `pending` or `past`.
 * @attr {number} page-size - Bookings a page (default 20).
 *
 * @fires {OpenSlotSavedEvent} openslot-saved - `detail: {kind: "booking", action: "confirmed" | "rejected" | "cancelled" | "rescheduled", booking}`.
 * @fires {OpenSlotErrorEvent} openslot-error - `detail: {error, phase: "load" | "save"}`.
 *
 * @csspart base - The component's box.
 * @csspart tabs - The tab list.
 * @csspart tab - One tab.
 * @csspart search - The search form.
 * @csspart booking - One booking in the list.
 * @csspart action - A booking's action buttons.
 * @csspart pager - The paging buttons.
 * @csspart error - Error panels.
 *
 * @cssprop --openslot-accent - Buttons, the selected tab, focus rings (inherited from the page).
 * @cssprop --openslot-accent-contrast - Text on the accent colour.
 * @cssprop --openslot-bg - Background.
 * @cssprop --openslot-fg - Text.
 * @cssprop --openslot-muted - Secondary text.
 * @cssprop --openslot-border - Borders.
 * @cssprop --openslot-danger - Errors.
 * @cssprop --openslot-radius - Corner radius.
 * @cssprop --openslot-font - Font family (default: the page's).
 */
export class OpenSlotBookings extends OpenSlotHostElement {
  static override styles = [hostStyles, styles];

  /** The zone times are shown and entered in. */
  @property({ attribute: 'time-zone' }) timeZone = '';
  /** The tab shown. */
  @property({ reflect: true }) tab: Tab = 'upcoming';
  /** Bookings a page. */
  @property({ attribute: 'page-size', type: Number }) pageSize = 20;

  @state() private query = '';
  /** The cursors of the pages before this one, and this one's (`undefined`: the first). */
  @state() private cursors: Array<string | undefined> = [undefined];
  /** The booking whose action form is open. */
  @state() private open: { uid: string; action: Action } | undefined;
  @state() private actionError = '';
  @state() private fieldError = '';
  @state() private notice = '';
  @state() private busy = false;

  readonly #page = new LoadController<BookingList>(this, {
    key: () => [this.api, this.token, this.tab, this.query, this.cursors.at(-1), this.pageSize, this.#zone],
    load: (signal) =>
      this.client.bookings.list(
        { status: this.tab, limit: this.pageSize, timeZone: this.#zone, ...(this.query && { q: this.query }), ...(this.cursors.at(-1) && { cursor: this.cursors.at(-1) }) },
        { signal },
      ),
    onError: (error) => this.reportError(error, 'load'),
  });

  get #zone(): string {
    return this.timeZone || browserTimeZone();
  }

  protected override render() {
    const t = this.t;
    return html`
      <section part="base" class="base" aria-labelledby="bookings-heading" lang=${this.resolvedLocale}>
        <h2 id="bookings-heading">${t.bookings}</h2>
        <div role="tablist" part="tabs" aria-labelledby="bookings-heading" @keydown=${this.#onTabKey}>
          ${TABS.map(
            (tab) => html`<button role="tab" part="tab" id="tab-${tab}" aria-controls="panel" aria-selected=${tab === this.tab ? 'true' : 'false'} tabindex=${tab === this.tab ? 0 : -1} @click=${() => this.#select(tab)}>${t.tabs[tab]}</button>`,
          )}
        </div>
        <div role="tabpanel" id="panel" aria-labelledby="tab-${this.tab}">
          <form role="search" part="search" class="row search" @submit=${this.#search}>
            <label for="search">${t.search}</label>
            <input id="search" type="search" maxlength="200" placeholder=${t.searchHint} .value=${this.query} />
            <button type="submit">${t.search}</button>
          </form>
          <p class="status" role="status">${this.notice}</p>
          ${this.#renderList()}
        </div>
      </section>
    `;
  }

  #renderList() {
    const t = this.t;
    const page = this.#page.value;
    if (this.#page.error) return this.renderLoadError(this.#page);
    if (!page) return html`<p class="muted">${t.loading}</p>`;
    return html`
      ${page.bookings.length === 0 ? html`<p class="muted">${t.noBookings}</p>` : nothing}
      <ul class="plain list" aria-busy=${this.#page.loading ? 'true' : 'false'}>
        ${page.bookings.map((booking) => this.#renderBooking(booking))}
      </ul>
      ${this.cursors.length > 1 || page.nextCursor
        ? html`<nav part="pager" class="actions" aria-label=${t.bookings}>
            <button type="button" ?disabled=${this.cursors.length === 1} @click=${this.#previous}>${t.previousPage}</button>
            <span class="muted">${t.pageOf(this.cursors.length)}</span>
            <button type="button" ?disabled=${!page.nextCursor} @click=${() => this.#next(page.nextCursor!)}>${t.nextPage}</button>
          </nav>`
        : nothing}
    `;
  }

  #renderBooking(booking: Booking) {
    const t = this.t;
    const open = this.open?.uid === booking.uid ? this.open.action : undefined;
    const live = booking.status === 'pending' || booking.status === 'accepted' || booking.status === 'awaiting_payment';
    const future = Date.parse(booking.end) > Date.now();
    return html`
      <li part="booking" class="booking" aria-labelledby="b-${booking.uid}">
        <h3 id="b-${booking.uid}">${booking.title}</h3>
        <p class="when">${formatDateTime(booking.start, this.#zone, this.resolvedLocale)}</p>
        <p class="muted">${t.withAttendee(booking.attendee.name, booking.attendee.email)}</p>
        <p><span class="badge status">${t.status[booking.status] ?? booking.status}</span>
          ${booking.payment ? html`<span class="muted payment">${t.payment(booking.payment.status, formatMoney(booking.payment.amount, booking.payment.currency, this.resolvedLocale))}</span>` : nothing}
        </p>
        ${open
          ? this.#renderActionForm(booking, open)
          : html`<div class="actions">
              ${booking.status === 'pending'
                ? html`<button part="action" class="primary" @click=${() => this.#openAction(booking, 'confirm')}>${t.confirm}</button>
                    <button part="action" @click=${() => this.#openAction(booking, 'reject')}>${t.reject}</button>`
                : nothing}
              ${live && future
                ? html`<button part="action" @click=${() => this.#openAction(booking, 'reschedule')}>${t.reschedule}</button>
                    <button part="action" class="danger" @click=${() => this.#openAction(booking, 'cancel')}>${t.cancelBooking}</button>`
                : nothing}
            </div>`}
      </li>
    `;
  }

  #renderActionForm(booking: Booking, action: Action) {
    const t = this.t;
    const name = booking.attendee.name;
    const title = { confirm: t.confirmTitle, reject: t.rejectTitle, cancel: t.cancelTitle, reschedule: t.rescheduleTitle }[action](name);
    const submit = { confirm: t.confirm, reject: t.reject, cancel: t.cancelBooking, reschedule: t.reschedule }[action];
    return html`
      <form class="decision" aria-labelledby="form-title" @submit=${(e: Event) => this.#submit(e, booking, action)}>
        <h4 id="form-title" tabindex="-1">${title}</h4>
        ${action === 'reschedule'
          ? html`<div class="field">
              <label for="new-start">${t.newTime(this.#zone)}</label>
              <input id="new-start" type="datetime-local" required .value=${instantToZoned(booking.start, this.#zone)} aria-invalid=${this.fieldError ? 'true' : 'false'} aria-describedby="new-start-error" />
              <span id="new-start-error" class="field-error">${this.fieldError}</span>
            </div>`
          : nothing}
        <div class="field">
          <label for="reason">${t.reason} <span class="muted">${t.reasonHint}</span></label>
          <textarea id="reason" rows="2" maxlength="2000"></textarea>
        </div>
        ${this.actionError ? html`<div part="error" role="alert">${this.actionError}</div>` : nothing}
        <div class="actions">
          <button type="submit" class=${action === 'cancel' || action === 'reject' ? 'danger' : 'primary'} ?disabled=${this.busy}>${submit}</button>
          <button type="button" @click=${() => this.#closeAction(booking.uid)}>${t.back}</button>
        </div>
      </form>
    `;
  }

  async #openAction(booking: Booking, action: Action): Promise<void> {
    this.open = { uid: booking.uid, action };
    this.actionError = '';
    this.fieldError = '';
    this.notice = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#form-title')?.focus();
  }

  async #closeAction(uid: string): Promise<void> {
    this.open = undefined;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#b-${CSS.escape(uid)}`)?.closest('li')?.querySelector<HTMLElement>('button')?.focus();
  }

  async #submit(event: Event, booking: Booking, action: Action): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const reason = form.querySelector('textarea')!.value.trim();
    const body = reason ? { reason } : {};
    this.busy = true;
    this.actionError = '';
    this.fieldError = '';
    try {
      const bookings = this.client.bookings;
      let result: Booking;
      if (action === 'reschedule') {
        const local = form.querySelector<HTMLInputElement>('#new-start')!.value;
        if (!local) {
          this.fieldError = this.t.required;
          return;
        }
        result = (await bookings.reschedule(booking.uid, { start: zonedToInstant(local, this.#zone), ...body })).booking;
      } else if (action === 'cancel') result = (await bookings.cancel(booking.uid, body)).booking;
      else result = (await bookings[action](booking.uid, body)).booking;
      this.open = undefined;
      this.notice = this.t.done[DONE[action]];
      this.dispatchEvent(new OpenSlotSavedEvent({ kind: 'booking', action: DONE[action], booking: result }));
      await this.#page.reload();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#bookings-heading')?.focus();
    } catch (error) {
      this.reportError(error as Error, 'save');
      if (error instanceof SlotUnavailableError) this.fieldError = this.t.slotTaken;
      else if (error instanceof OpenSlotError && error.code === 'invalid_transition') {
        this.open = undefined;
        this.notice = this.t.notPending;
        await this.#page.reload();
      } else {
        const start = fieldErrors(error).get('start');
        if (start) this.fieldError = start;
        else this.actionError = describeError(error, this.t);
      }
    } finally {
      this.busy = false;
    }
  }

  #select(tab: Tab): void {
    if (tab === this.tab) return;
    this.tab = tab;
    this.cursors = [undefined];
    this.open = undefined;
    this.notice = '';
  }

  async #onTabKey(event: KeyboardEvent): Promise<void> {
    const index = TABS.indexOf(this.tab);
    const rtl = getComputedStyle(this).direction === 'rtl';
    const moves: Record<string, number> = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1, Home: -index, End: TABS.length - 1 - index };
    const move = moves[event.key];
    if (move === undefined) return;
    event.preventDefault();
    this.#select(TABS[(index + move + TABS.length) % TABS.length]!);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#tab-${this.tab}`)?.focus();
  }

  #search(event: Event): void {
    event.preventDefault();
    this.query = (this.renderRoot.querySelector<HTMLInputElement>('#search')!.value ?? '').trim();
    this.cursors = [undefined];
  }

  #next(cursor: string): void {
    this.cursors = [...this.cursors, cursor];
  }

  #previous(): void {
    this.cursors = this.cursors.slice(0, -1);
  }
}
