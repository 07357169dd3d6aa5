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

