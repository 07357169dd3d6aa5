import { html } from 'lit';
import { formatTime, zoneName } from '../intl.js';
import type { ZonePickerActions, ZonePickerState } from './zone-picker.js';

/*
 * The time-zone list (a chunk, loaded when the booker reaches for the picker): a search box over
 * every IANA zone the browser knows, grouped by region, each with its current time. Only what
 * can be read renders: the matches of the search (the current zone's region before one is typed),
 * at most MAX of them, so a keystroke never formats 400 clocks.
 */
const MAX = 60;
let zones: string[] | undefined;

function allZones(current: string): string[] {
  zones ??= [...(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []), 'UTC'];
  return zones.includes(current) ? zones : [current, ...zones];
}

const regionOf = (zone: string) => (zone.includes('/') ? zone.slice(0, zone.indexOf('/')) : 'UTC');
const normalise = (text: string) => text.toLowerCase().replace(/[_/\s-]+/g, ' ').trim();

/** Matching zones grouped by region, in the browser's order within each. */
export function matchZones(query: string, current: string): Map<string, string[]> {
  const wanted = normalise(query);
  const groups = new Map<string, string[]>();
  let count = 0;
  for (const zone of allZones(current)) {
    const hit = wanted ? normalise(zone).includes(wanted) : regionOf(zone) === regionOf(current);
    if (!hit || count >= MAX) continue;
    count++;
    const region = regionOf(zone);
    groups.set(region, [...(groups.get(region) ?? []), zone]);
  }
  return groups;
}

export function renderZoneList(state: ZonePickerState, actions: ZonePickerActions) {
  const { t } = state;
  const groups = matchZones(state.query, state.zone);
  const now = new Date().toISOString();
  const onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      actions.toggle();
    }
  };
  return html`<div class="zone-search" @keydown=${onKeydown}>
    <label for="zone-search">${t.searchZones}</label>
    <input
      part="input"
      id="zone-search"
      type="search"
      autocomplete="off"
      aria-controls="zone-results"
      .value=${state.query}
      @input=${(e: Event) => actions.search((e.target as HTMLInputElement).value)}
    />
    <div id="zone-results" class="zone-results" aria-live="polite">
      ${groups.size === 0
        ? html`<p class="hint">${t.noZones}</p>`
        : [...groups].map(
            ([region, list]) => html`<h4 id="zr-${region}">${region}</h4>
              <ul aria-labelledby="zr-${region}">
                ${list.map(
                  (zone) => html`<li>
                    <button class="zone-option" data-zone=${zone} aria-pressed=${zone === state.zone ? 'true' : 'false'} @click=${() => actions.pick(zone)}>
                      <span>${zoneName(zone.includes('/') ? zone.slice(zone.indexOf('/') + 1) : zone)}</span>
                      <span class="zone-time">${formatTime(now, zone, state.locale)}</span>
                    </button>
                  </li>`,
                )}
              </ul>`,
          )}
    </div>
  </div>`;
}
