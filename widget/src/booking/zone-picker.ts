import { html } from 'lit';

let zones: string[] | undefined;

/** Every IANA zone the browser knows, once. */
function allZones(): string[] {
  zones ??= typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones;
}

/**
 * "Times in" a zone, changeable: a native select, which is accessible and searchable by typing.
 * Its 400-odd options cost more to render than the rest of the first screen, so until the booker
 * reaches for it (hover, press, focus: all before the list can open) it holds the current zone only.
 */
export function renderZonePicker(current: string, label: string, expanded: boolean, expand: () => void, onPick: (zone: string) => void) {
  const options = !expanded ? [current] : allZones().includes(current) ? allZones() : [current, ...allZones()];
  return html`<p class="zone">
    <label for="zone">${label}</label>
    <select
      id="zone"
      part="input"
      @pointerenter=${expand}
      @pointerdown=${expand}
      @focus=${expand}
      @change=${(e: Event) => onPick((e.target as HTMLSelectElement).value)}
    >
      ${options.map((zone) => html`<option value=${zone} ?selected=${zone === current}>${zone.replaceAll('_', ' ')}</option>`)}
    </select>
  </p>`;
}
