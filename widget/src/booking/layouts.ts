import { html, nothing } from 'lit';
import type { Slot } from '@openslot/sdk';
import type { Messages } from '../i18n/index.js';
import { formatDate, formatTime } from '../intl.js';

/*
 * The `week` and `column` layouts: every free time of a week (seven columns) or of a month (one
 * column of days) at once, for pages with room to spare or a narrow sidebar. `month` is the
 * calendar in booking.ts.
 */

export interface LayoutContext {
  t: Messages;
  timeZone: string;
  locale: string;
  loading: boolean;
  pick: (date: string, slot: Slot) => void;
}

export function renderNav(label: string, prev: { label: string; disabled: boolean; go: () => void }, next: { label: string; go: () => void }) {
  return html`<div class="nav-row">
    <button part="nav-button" class="nav" aria-label=${prev.label} ?disabled=${prev.disabled} @click=${prev.go}><span aria-hidden="true">‹</span></button>
    <h3 id="range-heading" tabindex="-1" aria-live="polite">${label}</h3>
    <button part="nav-button" class="nav" aria-label=${next.label} @click=${next.go}><span aria-hidden="true">›</span></button>
  </div>`;
}

export function renderTimeButtons(date: string, times: readonly Slot[], ctx: LayoutContext, labelledBy: string) {
  return html`<ul part="times" aria-labelledby=${labelledBy}>
    ${times.map(
      (slot) => html`<li>
        <button part="time" class="time" @click=${() => ctx.pick(date, slot)}>
          ${formatTime(slot.start, ctx.timeZone, ctx.locale)}
          ${slot.seatsLeft === undefined ? nothing : html`<span class="seats">${ctx.t.seatsLeft(slot.seatsLeft)}</span>`}
        </button>
      </li>`,
    )}
  </ul>`;
}

/** Seven days side by side (stacked in a narrow box), each with its times. */
export function renderWeek(days: readonly string[], slots: Record<string, Slot[]>, ctx: LayoutContext) {
  return html`<div part="week" class="week" aria-busy=${ctx.loading ? 'true' : 'false'}>
    ${days.map((date) => {
      const times = ctx.loading ? [] : (slots[date] ?? []);
      return html`<section class="day-column" aria-labelledby="d-${date}">
        <h4 id="d-${date}">${formatDate(date, ctx.locale, { weekday: 'short', day: 'numeric', month: 'short' })}</h4>
        ${times.length ? renderTimeButtons(date, times, ctx, `d-${date}`) : html`<p class="hint">${ctx.loading ? '' : ctx.t.noTimes}</p>`}
      </section>`;
    })}
  </div>`;
}

/** The month's days that have times, one under the other. */
export function renderColumn(slots: Record<string, Slot[]>, ctx: LayoutContext) {
  const days = Object.keys(slots).filter((d) => slots[d]!.length > 0).sort();
  if (ctx.loading) return html`<p class="hint">${ctx.t.loadingTimes}</p>`;
  if (days.length === 0) return html`<p class="hint">${ctx.t.noTimesMonth}</p>`;
  return html`<div part="column" class="column">
    ${days.map(
      (date) => html`<section aria-labelledby="d-${date}">
        <h4 id="d-${date}">${formatDate(date, ctx.locale)}</h4>
        ${renderTimeButtons(date, slots[date]!, ctx, `d-${date}`)}
      </section>`,
    )}
  </div>`;
}
