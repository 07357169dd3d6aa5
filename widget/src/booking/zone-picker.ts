import { html } from 'lit';

let zones: string[] | undefined;

/** Every IANA zone the browser knows, once. */
function allZones(): string[] {
  zones ??= typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones;
}

/** "Times in" a zone, changeable: a native select, which is accessible and searchable by typing. */
export function renderZonePicker(current: string, label: string, onPick: (zone: string) => void) {
  const options = allZones().includes(current) ? allZones() : [current, ...allZones()];
  return html`<p class="zone">
    <label for="zone">${label}</label>
    <select id="zone" part="input" @change=${(e: Event) => onPick((e.target as HTMLSelectElement).value)}>
      ${options.map((zone) => html`<option value=${zone} ?selected=${zone === current}>${zone.replaceAll('_', ' ')}</option>`)}
    </select>
  </p>`;
}
