import { html, nothing } from 'lit';
import type { Slot } from '@openslot/sdk';
import type { Messages } from '../i18n/index.js';
import { formatTime } from '../intl.js';

/* What every layout shares: the previous/next row and a day's list of times. */

export interface LayoutContext {
  t: Messages;
  timeZone: string;
  locale: string;
  loading: boolean;
  /** The time picked but not yet confirmed (its start), which shows the Next button beside it. */
  picked: string;
  /** A time was picked: show Next beside it. */
  choose: (date: string, slot: Slot) => void;
  /** Next was pressed: book that time. */
  pick: (date: string, slot: Slot) => void;
}

export function renderNav(label: string, prev: { label: string; disabled: boolean; go: () => void }, next: { label: string; go: () => void }) {
  return html`<div class="nav-row">
    <button part="nav-button" class="nav" aria-label=${prev.label} ?disabled=${prev.disabled} @click=${prev.go}><span aria-hidden="true">‹</span></button>
    <h3 id="range-heading" tabindex="-1" aria-live="polite">${label}</h3>
    <button part="nav-button" class="nav" aria-label=${next.label} @click=${next.go}><span aria-hidden="true">›</span></button>
  </div>`;
}

/**
 * A day's times as a compact list. Picking one splits it into the time and a Next button, as
 * Calendly's page does: a stray tap books nothing, and the booker sees the time once more.
 */
export function renderTimeButtons(date: string, times: readonly Slot[], ctx: LayoutContext, labelledBy: string) {
  return html`<ul part="times" class="time-list" aria-labelledby=${labelledBy}>
    ${times.map((slot) => {
      const picked = slot.start === ctx.picked;
      return html`<li class=${picked ? 'picked' : ''}>
        <button part="time" class="time" aria-pressed=${picked ? 'true' : 'false'} @click=${() => ctx.choose(date, slot)}>
          ${formatTime(slot.start, ctx.timeZone, ctx.locale)}
          ${slot.seatsLeft === undefined ? nothing : html`<span class="seats">${ctx.t.seatsLeft(slot.seatsLeft)}</span>`}
        </button>
        ${picked ? html`<button part="button confirm-time" class="primary next" @click=${() => ctx.pick(date, slot)}>${ctx.t.next}</button>` : nothing}
      </li>`;
    })}
  </ul>`;
}
