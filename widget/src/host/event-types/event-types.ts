import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { formatMoney, type EventType, type Schedule, type Team } from '@openslot/sdk';
import { allPages } from '../api.js';
import { describeError, fieldErrors } from '../errors.js';
import { OpenSlotDeletedEvent, OpenSlotSavedEvent } from '../events.js';
import { OpenSlotHostElement } from '../host-element.js';
import { hostStyles } from '../host.styles.js';
import { LoadController } from '../load-controller.js';
import { changedFields, newSettings, setIn, settingsOf, type Settings } from './event-type-draft.js';
import { basics, embedding, money, questions, teamHosts, timing, where, type FormContext } from './event-type-fields.js';
import { styles } from './event-types.styles.js';

interface Loaded {
  eventTypes: EventType[];
  schedules: Schedule[];
  teams: Team[];
  paymentsEnabled: boolean | null;
}

interface Editing {
  /** `null`: a new event type. */
  id: number | null;
  owner: string;
  before: Settings;
  settings: Settings;
}

/**
 * @tagname openslot-event-types
 * @summary The host's event types: the list, and a form for every setting (durations, buffers,
 * notice, booking window, schedule, limits, seats, confirmation, repeats, location, questions,
 * allowed sites, team hosts with weights, price and refund policy), each starting from its default.
 *
 * @attr {string} api - The OpenSlot server (default: where host.js came from).
 * @attr {string} token - A session token (or an API key), sent as `Authorization: Bearer`.
 * @attr {string} username - The host, as in `alice`; new event types belong to them unless `owner` says otherwise.
 * @attr {string} owner - Who new event types belong to: the host or one of their teams (`acme`).
 * @attr {string} locale - Language of words and prices.
 *
 * @fires {OpenSlotSavedEvent} openslot-saved - `detail: {kind: "event-type", eventType}` after a create or a change.
 * @fires {OpenSlotDeletedEvent} openslot-deleted - `detail: {kind: "event-type", id}`.
 * @fires {OpenSlotErrorEvent} openslot-error - `detail: {error, phase: "load" | "save"}`; a 422 `payments_not_configured` when a price is set on a server without Stripe.
 *
 * @csspart base - The component's box.
 * @csspart event-type - One event type in the list.
 * @csspart form - The edit form.
 * @csspart save - The save button.
 * @csspart error - Error panels.
 *
 * @cssprop --openslot-accent - Buttons, focus rings (inherited from the page).
 * @cssprop --openslot-accent-contrast - Text on the accent colour.
 * @cssprop --openslot-bg - Background.
 * @cssprop --openslot-fg - Text.
 * @cssprop --openslot-muted - Secondary text.
 * @cssprop --openslot-border - Borders.
 * @cssprop --openslot-danger - Errors.
 * @cssprop --openslot-radius - Corner radius.
 * @cssprop --openslot-font - Font family (default: the page's).
 */
export class OpenSlotEventTypes extends OpenSlotHostElement {
  static override styles = [hostStyles, styles];

  /** Who new event types belong to (default: `username`). */
  @property() owner = '';

  @state() private editing: Editing | undefined;
  @state() private deleting: number | undefined;
  @state() private errors = new Map<string, string>();
  @state() private problem = '';
  @state() private notice = '';
  @state() private saving = false;

  readonly #data = new LoadController<Loaded>(this, {
    key: () => [this.api, this.token, this.username],
    load: async (signal) => {
      const [eventTypes, schedules, teams, stripe] = await Promise.all([
        allPages((cursor) => this.client.eventTypes.list({ cursor }, { signal }).then((p) => ({ items: p.eventTypes, nextCursor: p.nextCursor }))),
        allPages((cursor) => this.client.schedules.list({ cursor }, { signal }).then((p) => ({ items: p.schedules, nextCursor: p.nextCursor }))),
        allPages((cursor) => this.client.teams.list({ cursor }, { signal }).then((p) => ({ items: p.teams, nextCursor: p.nextCursor }))),
        // Only to say beside the price that this server takes none; the save's 422 says it too.
        this.username ? this.client.users.stripe(this.username, { signal }).then((s) => s.stripe.paymentsEnabled, () => null) : Promise.resolve(null),
      ]);
      return { eventTypes, schedules, teams, paymentsEnabled: stripe };
    },
    onError: (error) => this.reportError(error, 'load'),
  });

  protected override render() {
    const t = this.t;
    const data = this.#data.value;
    let body;
    if (!data) {
      body = this.#data.error
        ? this.renderLoadError(this.#data)
        : html`<p class="muted" role="status">${t.loading}</p>`;
    } else body = this.editing ? this.#renderForm(data, this.editing) : this.#renderList(data);
    return html`<section part="base" class="base" aria-labelledby="event-types-heading" lang=${this.resolvedLocale}>${body}</section>`;
  }

  #renderList(data: Loaded) {
    const t = this.t;
    return html`
      <h2 id="event-types-heading" tabindex="-1">${t.eventTypes}</h2>
      <p class="status" role="status">${this.notice}</p>
      ${data.eventTypes.length === 0 ? html`<p class="muted">${t.noEventTypes}</p>` : nothing}
      <ul class="plain">
        ${data.eventTypes.map(
          (eventType) => html`<li part="event-type" class="event-type" aria-labelledby="et-${eventType.id}">
            <h3 id="et-${eventType.id}">${eventType.title}</h3>
            <p class="muted">${eventType.event} · ${t.minutesLong(eventType.durationMinutes)}${eventType.price ? ` · ${formatMoney(eventType.price.amount, eventType.price.currency, this.resolvedLocale)}` : ''}</p>
            ${this.deleting === eventType.id
              ? html`<div role="group" aria-labelledby="delete-${eventType.id}"><p id="delete-${eventType.id}">${t.deleteConfirm(eventType.title)}</p>
                  <div class="actions"><button class="danger" @click=${() => this.#delete(eventType)}>${t.deleteEventType}</button><button class="keep" @click=${() => (this.deleting = undefined)}>${t.keep}</button></div></div>`
              : html`<div class="actions">
                  <button aria-label=${t.editTitle(eventType.title)} @click=${() => this.#edit(eventType)}>${t.edit}</button>
                  <button class="danger" aria-label="${t.deleteEventType}: ${eventType.title}" @click=${() => this.#askDelete(eventType.id)}>${t.deleteEventType}</button>
                </div>`}
          </li>`,
        )}
      </ul>
      <button class="primary new" @click=${this.#create}>${t.newEventType}</button>
    `;
  }

  #renderForm(data: Loaded, editing: Editing) {
    const t = this.t;
    // Handlers read the settings when they run, so two edits before a render both count.
    const component = this;
    const ctx: FormContext = {
      get settings() {
        return component.editing!.settings;
      },
      errors: this.errors,
      t,
      set: (path, value) => {
        this.editing = { ...this.editing!, settings: setIn(this.editing!.settings, path, value) };
        this.errors.delete(path);
      },
      team: data.teams.find((team) => team.slug === editing.owner) ?? null,
      schedules: data.schedules,
      paymentsEnabled: data.paymentsEnabled,
    };
    const unshown = [...this.errors].filter(([field]) => !this.renderRoot.querySelector(`[id="${CSS.escape(field)}-error"]`));
    return html`
      <h2 id="event-types-heading" tabindex="-1">${editing.id === null ? t.createTitle : t.editTitle(editing.before.title)}</h2>
      <p class="muted">${t.owner}: ${editing.owner}</p>
      <form part="form" novalidate @submit=${this.#save}>
        ${basics(ctx)}${timing(ctx)}${where(ctx)}${teamHosts(ctx)}${money(ctx)}${questions(ctx)}${embedding(ctx)}
        ${this.problem
          ? html`<div part="error" role="alert" tabindex="-1" class="problem">
              <p>${this.problem}</p>
              ${unshown.length > 0 ? html`<ul>${unshown.map(([field, message]) => html`<li>${field}: ${message}</li>`)}</ul>` : nothing}
            </div>`
          : nothing}
        <div class="actions">
          <button type="submit" class="primary" part="save" ?disabled=${this.saving}>${this.saving ? t.saving : t.save}</button>
          <button type="button" @click=${this.#backToList}>${t.backToList}</button>
        </div>
      </form>
    `;
  }

  #open(editing: Editing | undefined): Promise<void> {
    this.editing = editing;
    this.errors = new Map();
    this.problem = '';
    this.deleting = undefined;
    return this.#focusHeading();
  }

  async #focusHeading(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#event-types-heading')?.focus();
  }

  #edit(eventType: EventType): void {
    this.notice = '';
    const settings = settingsOf(eventType);
    void this.#open({ id: eventType.id, owner: eventType.owner, before: settings, settings: structuredClone(settings) });
  }

  #create(): void {
    this.notice = '';
    void this.#open({ id: null, owner: this.owner || this.username, before: newSettings(), settings: newSettings() });
  }

  #backToList(): void {
    void this.#open(undefined);
  }

  async #askDelete(id: number): Promise<void> {
    this.deleting = id;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('button.keep')?.focus();
  }

  async #save(event: Event): Promise<void> {
    event.preventDefault();
    const editing = this.editing!;
    const { title, slug, durationMinutes } = editing.settings;
    const errors = new Map<string, string>();
    if (!title.trim()) errors.set('title', this.t.required);
    if (!slug.trim()) errors.set('slug', this.t.required);
    if (!Number.isInteger(durationMinutes) || durationMinutes < 5) errors.set('durationMinutes', this.t.required);
    if (errors.size > 0) return this.#refused(errors, this.t.checkFields);
    this.saving = true;
    try {
      const changes = changedFields(editing.before, editing.settings);
      const { eventType } =
        editing.id === null
          ? await this.client.eventTypes.create({ ...changes, owner: editing.owner, title, slug, durationMinutes })
          : await this.client.eventTypes.update(editing.id, changes);
      const data = this.#data.value!;
      const others = data.eventTypes.filter((e) => e.id !== eventType.id);
      this.#data.value = { ...data, eventTypes: [...others, eventType].sort((a, b) => a.id - b.id) };
      this.notice = editing.id === null ? this.t.created(eventType.title) : this.t.saved;
      this.dispatchEvent(new OpenSlotSavedEvent({ kind: 'event-type', eventType }));
      await this.#open(undefined);
    } catch (error) {
      this.reportError(error as Error, 'save');
      await this.#refused(fieldErrors(error), describeError(error, this.t));
    } finally {
      this.saving = false;
    }
  }

  /** Shows what was refused: each field's message at the field, the summary below, focus on the first. */
  async #refused(errors: Map<string, string>, problem: string): Promise<void> {
    this.errors = errors;
    this.problem = problem;
    await this.updateComplete;
    // The summary lists what no field shows, so it is computed once the fields are rendered.
    this.requestUpdate();
    await this.updateComplete;
    (this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]') ?? this.renderRoot.querySelector<HTMLElement>('.problem'))?.focus();
  }

  async #delete(eventType: EventType): Promise<void> {
    try {
      await this.client.eventTypes.delete(eventType.id);
      const data = this.#data.value!;
      this.#data.value = { ...data, eventTypes: data.eventTypes.filter((e) => e.id !== eventType.id) };
      this.notice = this.t.deleted(eventType.title);
      this.dispatchEvent(new OpenSlotDeletedEvent({ kind: 'event-type', id: eventType.id }));
      await this.#open(undefined);
    } catch (error) {
      this.reportError(error as Error, 'save');
      this.notice = describeError(error, this.t);
    }
  }
}
