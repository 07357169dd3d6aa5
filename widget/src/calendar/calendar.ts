import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { addMonths } from '@openslot/sdk';
import { addDays, daysInMonth, firstDayOfWeek, formatDate, formatMonth, weekday, weekdayNames } from '../intl.js';
import { en, type Messages } from '../i18n/en.js';
import { styles } from './calendar.styles.js';
import { nextTask } from '../lazy.js';

/** Internal: a day was chosen (only days with times can be). Not composed: the booker re-fires it. */
export class CalendarDaySelectEvent extends Event {
  constructor(readonly date: string) {
    super('day-select', { bubbles: false });
  }
}

/** Internal: the calendar wants to show another month (buttons, PageUp/PageDown, arrowing off the edge). */
export class CalendarMonthChangeEvent extends Event {
  constructor(readonly month: string) {
    super('month-change', { bubbles: false });
  }
}

/**
 * @tagname openslot-calendar
 * @summary A month grid of days, marking the ones with free times; an ARIA grid with a roving
 * tabindex, arrow keys (mirrored in right-to-left pages), Home/End and PageUp/PageDown.
 *
 * @fires {CalendarDaySelectEvent} day-select - A day with times was chosen; `event.date` (does not leave `<openslot-booking>`).
 * @fires {CalendarMonthChangeEvent} month-change - Asks the owner to show `event.month`.
 *
 * @csspart header - The month name and the navigation buttons.
 * @csspart nav-button - The previous/next month buttons.
 * @csspart grid - The table of days.
 * @csspart day - Every day button.
 * @csspart day-available - Days with free times.
 * @csspart day-selected - The chosen day.
 */
export class OpenSlotCalendar extends LitElement {
  static override styles = styles;

  /** The month shown, `2026-12`. */
  @property() month = '';
  /** Days with at least one free time. */
  @property({ attribute: false }) available: ReadonlySet<string> = new Set();
  /** The chosen day, `2026-12-03`. */
  @property() selected = '';
  /** Months before this one can't be shown (the viewer's current month). */
  @property() min = '';
  @property() locale = 'en-US';
  /** The words the grid says, from the booker's message catalog. */
  @property({ attribute: false }) labels: Pick<Messages, 'previousMonth' | 'nextMonth' | 'noTimes'> = en;
  /** Shows "Loading" instead of marking days while the month's slots load. */
  @property({ type: Boolean }) loading = false;

  /** The day that holds the roving tabindex. */
  @state() private focusDate = '';
  /** Whether the user put the focus on a day; until then it follows the first free day. */
  #focusChosen = false;
  #moveFocus = false;

  /** Gives keyboard focus to the grid's current day. */
  focusGrid(): void {
    this.renderRoot.querySelector<HTMLButtonElement>('button[tabindex="0"][data-date]')?.focus();
  }

  /** Its first render is a task of its own, apart from the booker's (see OpenSlotBooking.scheduleUpdate). */
  protected override scheduleUpdate(): void | Promise<unknown> {
    if (this.hasUpdated) return super.scheduleUpdate();
    return nextTask().then(() => super.scheduleUpdate());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('month') && !this.focusDate.startsWith(this.month)) this.#focusChosen = false;
    if (!this.focusDate.startsWith(this.month) || (!this.#focusChosen && (changed.has('available') || changed.has('selected')))) {
      const days = daysInMonth(this.month);
      this.focusDate =
        (this.selected.startsWith(this.month) && this.selected) || days.find((d) => this.available.has(d)) || days[0]!;
    }
  }

  protected override updated(): void {
    // After arrowing into another month, wait until the host has switched months.
    if (this.#moveFocus && this.focusDate.startsWith(this.month)) {
      this.#moveFocus = false;
      this.focusGrid();
    }
  }

  protected override render() {
    if (!this.month) return nothing;
    const firstDay = firstDayOfWeek(this.locale);
    const names = weekdayNames(this.locale, firstDay);
    const days = daysInMonth(this.month);
    const lead = (weekday(days[0]!) - firstDay + 7) % 7;
    const cells: Array<string | null> = [...Array<null>(lead).fill(null), ...days];
    // Always six weeks, so the grid's height never changes from month to month.
    while (cells.length < 42) cells.push(null);
    const weeks = Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));
    const atMin = this.min !== '' && this.month <= this.min;

    return html`
      <div class="header" part="header">
        <button part="nav-button" class="nav" aria-label=${this.labels.previousMonth} ?disabled=${atMin} @click=${() => this.#changeMonth(-1)}>
          <span aria-hidden="true">‹</span>
        </button>
        <h3 id="month" aria-live="polite">${formatMonth(this.month, this.locale)}</h3>
        <button part="nav-button" class="nav" aria-label=${this.labels.nextMonth} @click=${() => this.#changeMonth(1)}>
          <span aria-hidden="true">›</span>
        </button>
      </div>
      <table role="grid" part="grid" aria-labelledby="month" aria-busy=${this.loading ? 'true' : 'false'} @keydown=${this.#onKeydown}>
        <thead>
          <tr>
            ${names.map((n) => html`<th scope="col" abbr=${n.long}>${n.short}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${weeks.map((week) => html`<tr>${week.map((date) => this.#renderDay(date))}</tr>`)}
        </tbody>
      </table>
    `;
  }

  #renderDay(date: string | null) {
    if (!date) return html`<td role="presentation"></td>`;
    const available = !this.loading && this.available.has(date);
    const selected = date === this.selected;
    const parts = ['day', available && 'day-available', selected && 'day-selected'].filter(Boolean).join(' ');
    return html`<td aria-selected=${selected ? 'true' : 'false'}>
      <button
        part=${parts}
        data-date=${date}
        tabindex=${date === this.focusDate ? 0 : -1}
        aria-label=${formatDate(date, this.locale) + (available ? '' : `, ${this.labels.noTimes}`)}
        aria-disabled=${available ? 'false' : 'true'}
        @click=${() => this.#select(date)}
      >${Number(date.slice(8))}</button>
    </td>`;
  }

  #select(date: string): void {
    this.focusDate = date;
    this.#focusChosen = true;
    if (this.available.has(date) && !this.loading) this.dispatchEvent(new CalendarDaySelectEvent(date));
  }

  #changeMonth(delta: number): void {
    const month = addMonths(this.month, delta);
    if (this.min && month < this.min) return;
    this.dispatchEvent(new CalendarMonthChangeEvent(month));
  }

  #onKeydown(event: KeyboardEvent): void {
    const rtl = getComputedStyle(this).direction === 'rtl';
    const offsetInWeek = (weekday(this.focusDate) - firstDayOfWeek(this.locale) + 7) % 7;
    const moves: Record<string, () => string> = {
      ArrowRight: () => addDays(this.focusDate, rtl ? -1 : 1),
      ArrowLeft: () => addDays(this.focusDate, rtl ? 1 : -1),
      ArrowDown: () => addDays(this.focusDate, 7),
      ArrowUp: () => addDays(this.focusDate, -7),
      Home: () => addDays(this.focusDate, -offsetInWeek),
      End: () => addDays(this.focusDate, 6 - offsetInWeek),
      PageDown: () => sameDayIn(addMonths(this.month, 1), this.focusDate),
      PageUp: () => sameDayIn(addMonths(this.month, -1), this.focusDate),
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const next = move();
    const nextMonth = next.slice(0, 7);
    if (this.min && nextMonth < this.min) return;
    this.focusDate = next;
    this.#focusChosen = true;
    this.#moveFocus = true;
    if (nextMonth !== this.month) this.dispatchEvent(new CalendarMonthChangeEvent(nextMonth));
  }
}

/** The same day number in another month, clamped to its length (Jan 31 → Feb 28). */
function sameDayIn(month: string, date: string): string {
  const days = daysInMonth(month);
  return days[Math.min(Number(date.slice(8)), days.length) - 1]!;
}
