import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { OpenSlotError, type CalendarConnection, type CreateCalendarConnectionInput } from '@openslot/sdk';
import { describeError, fieldErrors } from '../errors.js';
import { OpenSlotConnectEvent, OpenSlotDeletedEvent, OpenSlotSavedEvent } from '../events.js';
import { OpenSlotHostElement } from '../host-element.js';
import { hostStyles } from '../host.styles.js';
import { LoadController } from '../load-controller.js';
import { styles } from './calendars.styles.js';

type FormKind = 'caldav' | 'ics';

/**
 * @tagname openslot-calendars
 * @summary The host's calendars: connect Google or Microsoft (through the provider's consent
 * page), a CalDAV account or an ICS feed; choose which calendars count as busy and the one new
 * bookings are written to; see and repair broken connections.
 *
 * @attr {string} api - The OpenSlot server (default: where host.js came from).
 * @attr {string} token - A session token (or an API key), sent as `Authorization: Bearer`.
 * @attr {string} username - The host, as in `alice`.
 * @attr {string} locale - Language of words.
 * @attr {string} return-to - Where Google or Microsoft send the host back to (default: this page).
 *
 * @fires {OpenSlotConnectEvent} openslot-connect - About to open Google's or Microsoft's consent page; cancelable (then open `detail.url` yourself).
 * @fires {OpenSlotSavedEvent} openslot-saved - `detail: {kind: "calendar", connection}` after connecting or a change of busy calendars, destination or credentials.
 * @fires {OpenSlotDeletedEvent} openslot-deleted - `detail: {kind: "calendar", id}`.
 * @fires {OpenSlotErrorEvent} openslot-error - `detail: {error, phase: "load" | "save"}`.
 *
 * @csspart base - The component's box.
 * @csspart connection - One connected account.
 * @csspart connect - The connect buttons.
 * @csspart error - Error panels.
 *
 * @cssprop --openslot-accent - Buttons, focus rings (inherited from the page).
 * @cssprop --openslot-accent-contrast - Text on the accent colour.
 * @cssprop --openslot-bg - Background.
 * @cssprop --openslot-fg - Text.
 * @cssprop --openslot-muted - Secondary text.
 * @cssprop --openslot-border - Borders.
 * @cssprop --openslot-danger - Errors and broken connections.
 * @cssprop --openslot-radius - Corner radius.
 * @cssprop --openslot-font - Font family (default: the page's).
 */
export class OpenSlotCalendars extends OpenSlotHostElement {
  static override styles = [hostStyles, styles];

  /** Where the provider's consent page sends the host back to; this page by default. */
  @property({ attribute: 'return-to' }) returnTo = '';

  @state() private form: FormKind | undefined;
  @state() private errors = new Map<string, string>();
  @state() private problem = '';
  @state() private notice = '';
  @state() private busyWith = '';
  @state() private disconnecting: string | undefined;

  readonly #data = new LoadController<CalendarConnection[]>(this, {
    key: () => (this.username ? [this.api, this.token, this.username] : null),
    load: (signal) => this.client.calendars.list(this.username, { signal }).then((answer) => answer.connections),
    onError: (error) => this.reportError(error, 'load'),
  });

  protected override render() {
    const t = this.t;
    if (!this.username) return html`<p part="error" role="alert">${t.setUsername}</p>`;
    const connections = this.#data.value;
    return html`
      <section part="base" class="base" aria-labelledby="calendars-heading" lang=${this.resolvedLocale}>
        <h2 id="calendars-heading" tabindex="-1">${t.calendars}</h2>
        <p class="hint">${t.calendarsHint}</p>
        <p class="status" role="status">${this.notice}</p>
        ${this.problem && !this.form ? html`<div part="error" role="alert">${this.problem}</div>` : nothing}
        ${connections
          ? html`${connections.length === 0 ? html`<p class="muted">${t.noCalendars}</p>` : nothing}
              <ul class="plain">${connections.map((connection) => this.#renderConnection(connection))}</ul>`
          : this.#data.error
            ? this.renderLoadError(this.#data)
            : html`<p class="muted">${t.loading}</p>`}
        <div class="connect" part="connect">
          <button type="button" @click=${() => this.#connectOAuth('google')} ?disabled=${this.busyWith === 'google'}>${t.connectGoogle}</button>
          <button type="button" @click=${() => this.#connectOAuth('microsoft')} ?disabled=${this.busyWith === 'microsoft'}>${t.connectMicrosoft}</button>
          <button type="button" aria-expanded=${this.form === 'caldav' ? 'true' : 'false'} @click=${() => this.#openForm('caldav')}>${t.connectCaldav}</button>
          <button type="button" aria-expanded=${this.form === 'ics' ? 'true' : 'false'} @click=${() => this.#openForm('ics')}>${t.connectIcs}</button>
        </div>
        ${this.form ? this.#renderForm(this.form) : nothing}
      </section>
    `;
  }

  #renderConnection(connection: CalendarConnection) {
    const t = this.t;
    const broken = connection.status === 'broken';
    const id = connection.id;
    return html`
      <li part="connection" class="connection ${broken ? 'broken' : ''}" aria-labelledby="c-${id}">
        <h3 id="c-${id}">${t.connectionTypes[connection.type] ?? connection.type}: ${connection.label}</h3>
        <p><span class="badge state">${broken ? t.broken : t.ok}</span></p>
        ${broken
          ? html`<div class="broken-notice" role="alert">
              <p>${t.brokenHint(connection.statusReason ?? '')}</p>
              ${connection.type === 'google' || connection.type === 'microsoft'
                ? html`<button type="button" @click=${() => this.#connectOAuth(connection.type as 'google' | 'microsoft')}>${t.reconnect}</button>`
                : html`<form class="row" @submit=${(e: Event) => this.#repair(e, connection)}>
                    <label for="repair-${id}">${connection.type === 'ics' ? t.icsUrl : t.newPassword}</label>
                    <input id="repair-${id}" type=${connection.type === 'ics' ? 'url' : 'password'} required autocomplete="off" aria-describedby="repair-${id}-error"
                      aria-invalid=${this.errors.has(`repair-${id}`) ? 'true' : 'false'} />
                    <button type="submit">${t.repair}</button>
                    <span id="repair-${id}-error" class="field-error">${this.errors.get(`repair-${id}`) ?? ''}</span>
                  </form>`}
            </div>`
          : nothing}
        <table class="calendars">
          <thead><tr><th scope="col">${t.calendarName}</th><th scope="col">${t.busy}</th><th scope="col">${t.destination}</th></tr></thead>
          <tbody>
            ${connection.calendars.map(
              (calendar) => html`<tr>
                <th scope="row">${calendar.name}${calendar.writable ? nothing : html` <span class="muted">(${t.readOnly})</span>`}</th>
                <td><input type="checkbox" aria-label=${t.busyOf(calendar.name)} .checked=${calendar.busy} @change=${(e: Event) => this.#choose(connection, { id: calendar.id, busy: (e.target as HTMLInputElement).checked })} /></td>
                <td><input type="radio" name="destination" aria-label=${t.destinationOf(calendar.name)} .checked=${calendar.destination} ?disabled=${!calendar.writable}
                  @change=${() => this.#choose(connection, { id: calendar.id, destination: true })} /></td>
              </tr>`,
            )}
          </tbody>
        </table>
        ${this.disconnecting === id
          ? html`<div role="group" aria-labelledby="d-${id}"><p id="d-${id}">${t.disconnectConfirm(connection.label)}</p>
              <div class="actions"><button type="button" class="danger" @click=${() => this.#disconnect(connection)}>${t.disconnect}</button>
                <button type="button" class="keep" @click=${() => (this.disconnecting = undefined)}>${t.keep}</button></div></div>`
          : html`<div class="actions"><button type="button" class="danger" aria-label="${t.disconnect}: ${connection.label}" @click=${() => this.#askDisconnect(id)}>${t.disconnect}</button></div>`}
      </li>
    `;
  }

  #renderForm(kind: FormKind) {
    const t = this.t;
    const input = (name: string, label: string, type: string, autocomplete: string) => html`<div class="field">
      <label for=${name}>${label}</label>
      <input id=${name} name=${name} type=${type} required autocomplete=${autocomplete} aria-invalid=${this.errors.has(name) ? 'true' : 'false'} aria-describedby="${name}-error" />
      <span id="${name}-error" class="field-error">${this.errors.get(name) ?? ''}</span>
    </div>`;
    return html`
      <form class="add" novalidate aria-labelledby="form-heading" @submit=${(e: Event) => this.#create(e, kind)}>
        <h3 id="form-heading" tabindex="-1">${kind === 'caldav' ? t.connectCaldav : t.connectIcs}</h3>
        ${kind === 'caldav'
          ? html`${input('url', t.caldavUrl, 'url', 'url')}${input('username', t.caldavUsername, 'text', 'username')}${input('password', t.caldavPassword, 'password', 'current-password')}`
          : input('url', t.icsUrl, 'url', 'off')}
        ${this.problem ? html`<div part="error" role="alert">${this.problem}</div>` : nothing}
        <div class="actions">
          <button type="submit" class="primary" ?disabled=${this.busyWith === kind}>${t.connect}</button>
          <button type="button" @click=${() => this.#openForm(undefined)}>${t.cancel}</button>
        </div>
      </form>
    `;
  }

  async #openForm(kind: FormKind | undefined): Promise<void> {
    this.form = kind;
    this.errors = new Map();
    this.problem = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(kind ? '#url' : '#calendars-heading')?.focus();
  }

  async #connectOAuth(provider: 'google' | 'microsoft'): Promise<void> {
    this.busyWith = provider;
    this.problem = '';
    try {
      const input = { returnTo: this.returnTo || location.href };
      const { url } = provider === 'google' ? await this.client.calendars.connectGoogle(this.username, input) : await this.client.calendars.connectMicrosoft(this.username, input);
      if (this.dispatchEvent(new OpenSlotConnectEvent({ provider, url }))) location.assign(url);
    } catch (error) {
      this.problem = describeError(error, this.t);
      this.reportError(error as Error, 'save');
    } finally {
      this.busyWith = '';
    }
  }

  async #create(event: Event, kind: FormKind): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() ?? '';
    const names = kind === 'caldav' ? ['url', 'username', 'password'] : ['url'];
    const errors = new Map(names.filter((name) => !value(name)).map((name) => [name, this.t.required] as const));
    if (errors.size > 0) return this.#refused(errors, this.t.checkFields);
    const input: CreateCalendarConnectionInput = kind === 'caldav' ? { type: 'caldav', url: value('url'), username: value('username'), password: value('password') } : { type: 'ics', url: value('url') };
    this.busyWith = kind;
    try {
      const { connection } = await this.client.calendars.create(this.username, input);
      this.#data.value = [...(this.#data.value ?? []), connection];
      this.form = undefined;
      this.notice = this.t.connected(connection.label);
      this.dispatchEvent(new OpenSlotSavedEvent({ kind: 'calendar', connection }));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#c-${CSS.escape(connection.id)}`)?.closest('li')?.querySelector<HTMLElement>('input')?.focus();
    } catch (error) {
      this.reportError(error as Error, 'save');
      const fields = fieldErrors(error);
      // The server could not log in, or not read the address: say it at the field that is wrong.
      if (error instanceof OpenSlotError && error.code === 'calendar_auth_failed') fields.set(kind === 'caldav' ? 'password' : 'url', this.t.authFailed);
      if (error instanceof OpenSlotError && error.code === 'calendar_unreachable') fields.set('url', error.message);
      await this.#refused(fields, fields.size > 0 ? this.t.checkFields : describeError(error, this.t));
    } finally {
      this.busyWith = '';
    }
  }

  async #refused(errors: Map<string, string>, problem: string): Promise<void> {
    this.errors = errors;
    this.problem = problem;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  /** One calendar's busy flag or the destination, saved at once. */
  async #choose(connection: CalendarConnection, choice: { id: string; busy?: boolean; destination?: boolean }): Promise<void> {
    this.notice = '';
    this.problem = '';
    try {
      const { connection: updated } = await this.client.calendars.update(this.username, connection.id, { calendars: [choice] });
      this.notice = this.t.saved;
      this.dispatchEvent(new OpenSlotSavedEvent({ kind: 'calendar', connection: updated }));
    } catch (error) {
      this.problem = describeError(error, this.t);
      this.reportError(error as Error, 'save');
    }
    // A new destination clears the others, in every connection: show what the server now has.
    await this.#data.reload();
  }

  async #repair(event: Event, connection: CalendarConnection): Promise<void> {
    event.preventDefault();
    const key = `repair-${connection.id}`;
    const value = this.renderRoot.querySelector<HTMLInputElement>(`#${CSS.escape(key)}`)!.value.trim();
    if (!value) return this.#refused(new Map([[key, this.t.required]]), '');
    try {
      const { connection: repaired } = await this.client.calendars.update(this.username, connection.id, connection.type === 'ics' ? { url: value } : { password: value });
      this.#data.value = (this.#data.value ?? []).map((c) => (c.id === repaired.id ? repaired : c));
      this.errors = new Map();
      this.notice = this.t.saved;
      this.dispatchEvent(new OpenSlotSavedEvent({ kind: 'calendar', connection: repaired }));
    } catch (error) {
      this.reportError(error as Error, 'save');
      const message = error instanceof OpenSlotError && error.code === 'calendar_auth_failed' ? this.t.authFailed : describeError(error, this.t);
      await this.#refused(new Map([[key, message]]), '');
    }
  }

  async #askDisconnect(id: string): Promise<void> {
    this.disconnecting = id;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('button.keep')?.focus();
  }

  async #disconnect(connection: CalendarConnection): Promise<void> {
    try {
      await this.client.calendars.delete(this.username, connection.id);
      this.#data.value = (this.#data.value ?? []).filter((c) => c.id !== connection.id);
      this.disconnecting = undefined;
      this.notice = this.t.disconnected(connection.label);
      this.dispatchEvent(new OpenSlotDeletedEvent({ kind: 'calendar', id: connection.id }));
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#calendars-heading')?.focus();
    } catch (error) {
      this.problem = describeError(error, this.t);
      this.reportError(error as Error, 'save');
    }
  }
}
