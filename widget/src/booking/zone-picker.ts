import { html, nothing } from 'lit';
import type { Messages } from '../i18n/index.js';
import { formatTime, zoneName } from '../intl.js';
import { icon } from './icons.js';
import type * as ZoneList from './zone-list.js';

export interface ZonePickerState {
  t: Messages;
  locale: string;
  zone: string;
  open: boolean;
  query: string;
  /** The searchable list's chunk, once loaded. */
  list: typeof ZoneList | undefined;
}

export interface ZonePickerActions {
  toggle(): void;
  /** The booker points at the button: fetch the list's chunk now. */
  prefetch(): void;
  search(query: string): void;
  pick(zone: string): void;
}

/**
 * "Times in Europe/Berlin · 10:32": the zone times are shown in, with its current time. It opens
 * a searchable list of every zone grouped by region (a chunk of its own, zone-list.ts).
 */
export function renderZonePicker(state: ZonePickerState, actions: ZonePickerActions) {
  const { t } = state;
  return html`<div class="zone">
    <button
      part="zone-button"
      class="zone-button"
      aria-expanded=${state.open ? 'true' : 'false'}
      aria-controls="zone-panel"
      @pointerenter=${actions.prefetch}
      @focus=${actions.prefetch}
      @click=${actions.toggle}
    >
      ${icon('globe')}<span class="zone-label">${t.timesIn}</span> <strong>${zoneName(state.zone)}</strong>
      <span class="zone-time">${formatTime(new Date().toISOString(), state.zone, state.locale)}</span><span aria-hidden="true">▾</span>
    </button>
    ${state.open
      ? html`<div id="zone-panel" class="zone-panel" part="zone-panel">
          ${state.list ? state.list.renderZoneList(state, actions) : html`<p class="hint">${t.loading}</p>`}
        </div>`
      : nothing}
  </div>`;
}
