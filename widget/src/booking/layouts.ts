import { html } from 'lit';
import type { Slot } from '@openslot/sdk';
import { formatDate } from '../intl.js';
import { renderTimeButtons, type LayoutContext } from './times.js';

/*
 * The `week` and `column` layouts (a chunk of their own, loaded when a widget uses one): every free
 * time of a week (seven columns) or of a month (one column of days) at once, for pages with room
 * to spare or a narrow sidebar. `month` is the calendar in picker.ts.
 */

/** Seven days side by side (stacked in a narrow box), each with its times. */
export function renderWeek(days: readonly string[], slots: Record<string, Slot[]>, ctx: LayoutContext) {
  return html`<div part="week" class="week" role="group" aria-labelledby="range-heading" tabindex="0" aria-busy=${ctx.loading ? 'true' : 'false'}>
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
  if (ctx.loading || days.length === 0) return html`<div class="wide-loading"><p class="hint">${ctx.loading ? ctx.t.loadingTimes : ctx.t.noTimesMonth}</p></div>`;
  return html`<div part="column" class="column" role="group" aria-labelledby="range-heading" tabindex="0">
    ${days.map(
      (date) => html`<section aria-labelledby="d-${date}">
        <h4 id="d-${date}" aria-label=${formatDate(date, ctx.locale)}>
          <span class="weekday">${formatDate(date, ctx.locale, { weekday: 'short' })}</span>
          ${formatDate(date, ctx.locale, { day: 'numeric', month: 'short' })}
        </h4>
        ${renderTimeButtons(date, slots[date]!, ctx, `d-${date}`)}
      </section>`,
    )}
  </div>`;
}
