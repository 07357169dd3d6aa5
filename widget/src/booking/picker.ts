import { html, nothing } from 'lit';
import { addMonths, type Slot } from '@openslot/sdk';
import type { CalendarDaySelectEvent, CalendarMonthChangeEvent } from '../calendar/calendar.js';
import type { Messages } from '../i18n/index.js';
import { addDays, firstDayOfWeek, formatDate, formatDateRange, formatMonth, weekStartOf } from '../intl.js';
import type * as Layouts from './layouts.js';
import { renderNav, renderTimeButtons, type LayoutContext } from './times.js';
import { renderZonePicker, type ZonePickerActions, type ZonePickerState } from './zone-picker.js';

/** What the picking step shows: the free days and times in one of the three layouts. */
export interface PickerState {
  t: Messages;
  locale: string;
  zone: string;
  layout: 'month' | 'week' | 'column';
  /** The month shown (`month`, `column`), or the week's first day's month (`week`). */
  month: string;
  /** The first day of the week shown (`week`). */
  week: string;
  today: string;
  /** Free times by day, of `month` and (for a week running into the next month) the next; `undefined` while loading. */
  days: Record<string, Slot[]> | undefined;
  /** The chosen day (`month` layout). */
  date: string;
  notice: string;
  /** The time picked and awaiting Next (its start), or ''. */
  picked: string;
  /** The zone picker's own state (open, search, its chunk). */
  zonePicker: Omit<ZonePickerState, 't' | 'locale' | 'zone'>;
  /** The week and column layouts' chunk, once loaded. */
  layouts: typeof Layouts | undefined;
}

export interface PickerActions {
  selectDate(date: string): void;
  /** A time was picked (Next appears beside it). */
  chooseSlot(slot: Slot, date: string): void;
  /** Next: go on with that time. */
  selectSlot(slot: Slot, date: string): void;
  showMonth(month: string): void;
  showWeek(firstDay: string): void;
  zones: ZonePickerActions;
}

export function renderPicker(state: PickerState, actions: PickerActions) {
  const { t, locale } = state;
  const days = state.days ?? {};
  const loading = state.days === undefined;
  const layout: LayoutContext = {
    t,
    timeZone: state.zone,
    locale,
    loading,
    picked: state.picked,
    choose: (date, slot) => actions.chooseSlot(slot, date),
    pick: (date, slot) => actions.selectSlot(slot, date),
  };
  const zonePicker = renderZonePicker({ t, locale, zone: state.zone, ...state.zonePicker }, actions.zones);
  const notice = state.notice ? html`<p role="alert" class="notice">${state.notice}</p>` : nothing;

  if (state.layout === 'week') {
    const week = Array.from({ length: 7 }, (_, i) => addDays(state.week, i));
    const thisWeek = weekStartOf(state.today, firstDayOfWeek(locale));
    return html`<div class="picker-wide">
      ${renderNav(
        formatDateRange(week[0]!, week[6]!, locale),
        { label: t.previousWeek, disabled: state.week <= thisWeek, go: () => actions.showWeek(addDays(state.week, -7)) },
        { label: t.nextWeek, go: () => actions.showWeek(addDays(state.week, 7)) },
      )}
      ${notice} ${state.layouts ? state.layouts.renderWeek(week, days, layout) : loadingWide(t.loadingTimes)} ${zonePicker}
    </div>`;
  }
  if (state.layout === 'column') {
    return html`<div class="picker-wide">
      ${renderNav(
        formatMonth(state.month, locale),
        { label: t.previousMonth, disabled: state.month <= state.today.slice(0, 7), go: () => actions.showMonth(addMonths(state.month, -1)) },
        { label: t.nextMonth, go: () => actions.showMonth(addMonths(state.month, 1)) },
      )}
      ${notice} ${state.layouts ? state.layouts.renderColumn(days, layout) : loadingWide(t.loadingTimes)} ${zonePicker}
    </div>`;
  }
  const available = new Set(Object.keys(days).filter((d) => days[d]!.length > 0));
  const times = days[state.date] ?? [];
  return html`<div class="picker">
    <openslot-calendar
      part="calendar"
      exportparts="day, day-available, day-selected, nav-button, grid"
      .month=${state.month}
      .min=${state.today.slice(0, 7)}
      .available=${available}
      .selected=${state.date}
      .locale=${locale}
      .labels=${t}
      ?loading=${loading}
      @day-select=${(e: CalendarDaySelectEvent) => actions.selectDate(e.date)}
      @month-change=${(e: CalendarMonthChangeEvent) => actions.showMonth(e.month)}
    ></openslot-calendar>
    <section class="times" aria-labelledby=${state.date ? 'times-heading' : nothing}>
      ${notice}
      ${state.date
        ? html`<h3 id="times-heading" tabindex="-1">${formatDate(state.date, locale)}</h3>
            ${times.length === 0 ? html`<p class="hint">${t.noTimesDay}</p>` : renderTimeButtons(state.date, times, layout, 'times-heading')}`
        : html`<p class="hint">${!loading && available.size === 0 ? t.noTimesMonth : t.chooseDay}</p>`}
      ${zonePicker}
    </section>
  </div>`;
}

/** The wide layouts before their chunk arrives: the box they will fill, so nothing moves. */
const loadingWide = (label: string) => html`<div class="wide-loading" aria-busy="true"><p class="hint">${label}</p></div>`;
