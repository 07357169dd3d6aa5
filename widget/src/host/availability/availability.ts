import { html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import type { Schedule, User, Weekday } from '@openslot/sdk';
import { addDays, formatDate, todayIn, weekdayNames, firstDayOfWeek } from '../../intl.js';
import { allPages } from '../api.js';
import { describeError, fieldErrors } from '../errors.js';
import { OpenSlotSavedEvent } from '../events.js';
import { OpenSlotHostElement } from '../host-element.js';
import { hostStyles } from '../host.styles.js';
import { LoadController } from '../load-controller.js';
import { styles } from './availability.styles.js';
import { WEEKDAYS, draftOf, endFromInput, endToInput, inputOf, newDraft, timeZoneChoices, type Range, type ScheduleDraft } from './schedule-draft.js';

interface Loaded {
  user: User;
  schedules: Schedule[];
}

/**
 * @tagname openslot-availability
 * @summary A host's availability: weekly hours with several ranges a day, date overrides and days
 * off, the time zone, and several schedules with the one bookings use by default.
 *
 * @attr {string} api - The OpenSlot server (default: where host.js came from).
 * @attr {string} token - A session token (or an API key), sent as `Authorization: Bearer`.
 * @attr {string} username - The host, as in `alice`.
 * @attr {string} locale - Language of words, dates and times.
 *
 * @fires {OpenSlotSavedEvent} openslot-saved - `detail: {kind: "schedule", schedule}` after a save, `{kind: "default-schedule", user}` after choosing the default.
 * @fires {OpenSlotErrorEvent} openslot-error - `detail: {error, phase: "load" | "save"}`.
 *
 * @csspart base - The component's box.
 * @csspart schedule-select - The schedule chooser.
 * @csspart day - One weekday's row.
 * @csspart override - One date override.
 * @csspart save - The save button.
 * @csspart error - The error panel.
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
export class OpenSlotAvailability extends OpenSlotHostElement {
  static override styles = [hostStyles, styles];

  @state() private draft: ScheduleDraft | undefined;
  @state() private errors = new Map<string, string>();
  @state() private problem = '';
  @state() private notice = '';
  @state() private saving = false;

  readonly #data = new LoadController<Loaded>(this, {
    key: () => (this.username ? [this.api, this.token, this.username] : null),
    load: async (signal) => {
      const [{ user }, schedules] = await Promise.all([
        this.client.users.get(this.username, { signal }),
        allPages((cursor) => this.client.schedules.list({ cursor }, { signal }).then((page) => ({ items: page.schedules, nextCursor: page.nextCursor }))),
      ]);
      return { user, schedules };
    },
    onError: (error) => this.reportError(error, 'load'),
  });

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const data = this.#data.value;
    // The first answer opens the default schedule (or the first one).
    if (data && !this.draft) {
      const open = data.schedules.find((s) => s.id === data.user.defaultScheduleId) ?? data.schedules[0];
      this.draft = open ? draftOf(open) : newDraft(data.user.timeZone);
    }
  }

  protected override render() {
    const t = this.t;
    if (!this.username) return html`<p part="error" role="alert">${t.setUsername}</p>`;
    const data = this.#data.value;
    if (!data || !this.draft) {
      if (this.#data.error) {
        return this.renderLoadError(this.#data);
      }
      return html`<p class="muted" role="status">${t.loading}</p>`;
    }
    const draft = this.draft;
    const isDefault = draft.id !== null && draft.id === data.user.defaultScheduleId;
    return html`
      <section part="base" class="base" aria-labelledby="availability-heading" lang=${this.resolvedLocale}>
        <h2 id="availability-heading">${t.availability}</h2>
        <div class="row chooser">
          <label for="schedule">${t.schedule}</label>
          <select id="schedule" part="schedule-select" @change=${this.#choose}>
            ${data.schedules.map(
              (s) => html`<option value=${s.id} ?selected=${s.id === draft.id}>${s.name}${s.id === data.user.defaultScheduleId ? ` (${t.defaultMark})` : ''}</option>`,
            )}
            ${draft.id === null ? html`<option value="" selected>${t.newSchedule}</option>` : nothing}
          </select>
          <button type="button" @click=${this.#startNew}>${t.newSchedule}</button>
          ${isDefault
            ? html`<span class="badge">${t.defaultSchedule}</span>`
            : draft.id !== null
              ? html`<button type="button" @click=${this.#makeDefault}>${t.makeDefault}</button>`
              : nothing}
        </div>
        <form novalidate @submit=${this.#save}>
          <div class="field">
            <label for="name">${t.scheduleName}</label>
            <input id="name" required maxlength="200" .value=${draft.name} @input=${(e: Event) => this.#edit((d) => (d.name = (e.target as HTMLInputElement).value))} aria-invalid=${this.#invalid('name')} />
            ${this.#errorFor('name')}
          </div>
          <div class="field">
            <label for="time-zone">${t.timeZone}</label>
            <select id="time-zone" @change=${(e: Event) => this.#edit((d) => (d.timeZone = (e.target as HTMLSelectElement).value))}>
              ${timeZoneChoices(draft.timeZone).map((zone) => html`<option ?selected=${zone === draft.timeZone}>${zone}</option>`)}
            </select>
          </div>
          <fieldset>
            <legend>${t.weeklyHours}</legend>
            ${this.#orderedDays().map(({ day, long }) => this.#renderDay(day, long))}
          </fieldset>
          <fieldset>
            <legend>${t.dateOverrides}</legend>
            <p class="hint">${t.overridesHint}</p>
            ${draft.overrides.map((override, i) => this.#renderOverride(override.date, override.ranges, i))}
            <button type="button" class="add-date" @click=${this.#addOverride}>${t.addDate}</button>
          </fieldset>
          ${this.problem ? html`<div part="error" role="alert">${this.problem}</div>` : nothing}
          <div class="actions">
            <button type="submit" class="primary" part="save" ?disabled=${this.saving}>${this.saving ? t.saving : t.save}</button>
          </div>
          <p class="status" role="status">${this.notice}</p>
        </form>
      </section>
    `;
  }

  #orderedDays(): Array<{ day: Weekday; long: string }> {
    const first = firstDayOfWeek(this.resolvedLocale);
    return weekdayNames(this.resolvedLocale, first).map((names, i) => ({ day: WEEKDAYS[(first + i) % 7]!, long: names.long }));
  }

  #renderDay(day: Weekday, dayName: string) {
    const t = this.t;
    const ranges = this.draft!.weekly[day];
    return html`
      <div part="day" class="day" role="group" aria-labelledby="day-${day}-label">
        <div class="day-name">
          <input type="checkbox" id="day-${day}" .checked=${ranges.length > 0} @change=${(e: Event) => this.#toggleDay(day, (e.target as HTMLInputElement).checked)} />
          <label id="day-${day}-label" for="day-${day}">${dayName}</label>
        </div>
        <div class="ranges">
          ${ranges.length === 0 ? html`<span class="muted">${t.unavailable}</span>` : nothing}
          ${ranges.map((range, j) => this.#renderRange(`weekly.${day}.${j}`, dayName, range, (d) => d.weekly[day][j]!, () => this.#removeRange((d) => d.weekly[day], j, `add-${day}`)))}
          ${ranges.length > 0
            ? html`<button type="button" id="add-${day}" class="add" aria-label=${t.addHoursOn(dayName)} @click=${() => this.#addRange((d) => d.weekly[day], `weekly.${day}`)}>${t.addHours}</button>`
            : nothing}
        </div>
      </div>
    `;
  }

  /** `rangeIn` finds the range in the draft at the time of the edit (two quick edits must not undo each other). */
  #renderRange(key: string, label: string, range: Range, rangeIn: (draft: ScheduleDraft) => Range, remove: () => void) {
    const t = this.t;
    const change = (field: keyof Range, value: string) => this.#edit((d) => (rangeIn(d)[field] = value));
    return html`
      <div class="range row">
        <input type="time" id="${key}-start" aria-label=${t.from(label)} .value=${range.start} @change=${(e: Event) => change('start', (e.target as HTMLInputElement).value)} aria-invalid=${this.#invalid(key)} aria-describedby="${key}-error" />
        <span aria-hidden="true">–</span>
        <input type="time" id="${key}-end" aria-label=${t.until(label)} .value=${endToInput(range.end)} @change=${(e: Event) => change('end', endFromInput((e.target as HTMLInputElement).value))} aria-invalid=${this.#invalid(key)} aria-describedby="${key}-error" />
        <button type="button" class="remove" aria-label=${t.removeHours(label, range.start, range.end)} @click=${remove}>×</button>
        <span id="${key}-error" class="field-error">${this.errors.get(key) ?? ''}</span>
      </div>
    `;
  }

  #renderOverride(date: string, ranges: Range[], i: number) {
    const t = this.t;
    const key = `overrides.${i}`;
    const label = /^\d{4}-\d{2}-\d{2}$/.test(date) ? formatDate(date, this.resolvedLocale) : t.newDate;
    const dayOff = ranges.length === 0;
    return html`
      <div part="override" class="override" role="group" aria-labelledby="${key}-label">
        <div class="row">
          <span id="${key}-label" class="override-name">${label}</span>
          ${dayOff ? html`<span class="badge">${t.dayOff}</span>` : nothing}
        </div>
        <div class="row">
          <label for="${key}-date">${t.date}</label>
          <input type="date" id="${key}-date" .value=${date} @change=${(e: Event) => this.#edit((d) => (d.overrides[i]!.date = (e.target as HTMLInputElement).value))} aria-invalid=${this.#invalid(key)} aria-describedby="${key}-error" />
          <input type="checkbox" id="${key}-off" .checked=${dayOff} @change=${(e: Event) => this.#edit((d) => (d.overrides[i]!.ranges = (e.target as HTMLInputElement).checked ? [] : [{ start: '09:00', end: '17:00' }]))} />
          <label for="${key}-off">${t.dayOff}</label>
          <button type="button" class="danger" aria-label=${t.removeDate(label)} @click=${() => this.#removeOverride(i)}>${t.remove}</button>
        </div>
        ${ranges.map((range, j) => this.#renderRange(`${key}.ranges.${j}`, label, range, (d) => d.overrides[i]!.ranges[j]!, () => this.#removeRange((d) => d.overrides[i]!.ranges, j, `${key}-add`)))}
        ${dayOff ? nothing : html`<button type="button" id="${key}-add" class="add" aria-label=${t.addHoursOn(label)} @click=${() => this.#addRange((d) => d.overrides[i]!.ranges, `${key}.ranges`)}>${t.addHours}</button>`}
        <span id="${key}-error" class="field-error">${this.errors.get(key) ?? ''}</span>
      </div>
    `;
  }

  #invalid(key: string) {
    return this.errors.has(key) ? 'true' : nothing;
  }

  #errorFor(key: string) {
    const message = this.errors.get(key);
    return message ? html`<span class="field-error">${message}</span>` : nothing;
  }

  /** Applies an edit to a copy of the draft, so Lit sees a new value. */
  #edit(change: (draft: ScheduleDraft) => void): void {
    const draft = structuredClone(this.draft!);
    change(draft);
    this.draft = draft;
    this.notice = '';
  }

  #toggleDay(day: Weekday, on: boolean): void {
    this.#edit((d) => (d.weekly[day] = on ? [{ start: '09:00', end: '17:00' }] : []));
  }

  async #addRange(ranges: (d: ScheduleDraft) => Range[], key: string): Promise<void> {
    let index = 0;
    this.#edit((d) => {
      const list = ranges(d);
      const last = list.at(-1);
      // The next range starts an hour after the last one ends, when the day has room.
      const start = last && last.end < '23:00' ? addHour(last.end) : '09:00';
      index = list.push({ start, end: start >= '23:00' ? '24:00' : addHour(start) }) - 1;
    });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`[id="${key}.${index}-start"]`)?.focus();
  }

  async #removeRange(ranges: (d: ScheduleDraft) => Range[], index: number, addButton: string): Promise<void> {
    this.#edit((d) => void ranges(d).splice(index, 1));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[id="${addButton}"]`)?.focus();
  }

  async #addOverride(): Promise<void> {
    const draft = this.draft!;
    const taken = new Set(draft.overrides.map((o) => o.date));
    let date = addDays(todayIn(draft.timeZone), 1);
    while (taken.has(date)) date = addDays(date, 1);
    this.#edit((d) => d.overrides.push({ date, ranges: [] }));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`[id="overrides.${draft.overrides.length}-date"]`)?.focus();
  }

  async #removeOverride(index: number): Promise<void> {
    this.#edit((d) => void d.overrides.splice(index, 1));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.add-date')?.focus();
  }

  #choose(event: Event): void {
    const id = Number((event.target as HTMLSelectElement).value);
    const schedule = this.#data.value?.schedules.find((s) => s.id === id);
    if (schedule) this.#open(draftOf(schedule));
  }

  async #startNew(): Promise<void> {
    this.#open(newDraft(this.draft?.timeZone ?? this.#data.value!.user.timeZone));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('#name')?.focus();
  }

  #open(draft: ScheduleDraft): void {
    this.draft = draft;
    this.errors = new Map();
    this.problem = '';
    this.notice = '';
  }

  /** The form's own checks, keyed like the fields: each range ends after it starts; one override a date. */
  #check(draft: ScheduleDraft): Map<string, string> {
    const t = this.t;
    const errors = new Map<string, string>();
    if (!draft.name.trim()) errors.set('name', t.required);
    const checkRanges = (prefix: string, ranges: Range[]) =>
      ranges.forEach((range, j) => {
        if (!range.start || !range.end) errors.set(`${prefix}.${j}`, t.required);
        else if (range.end <= range.start) errors.set(`${prefix}.${j}`, t.endBeforeStart);
      });
    for (const day of WEEKDAYS) checkRanges(`weekly.${day}`, draft.weekly[day]);
    const seen = new Set<string>();
    draft.overrides.forEach((override, i) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(override.date)) errors.set(`overrides.${i}`, t.required);
      else if (seen.has(override.date)) errors.set(`overrides.${i}`, t.duplicateDate);
      seen.add(override.date);
      checkRanges(`overrides.${i}.ranges`, override.ranges);
    });
    return errors;
  }

  async #save(event: Event): Promise<void> {
    event.preventDefault();
    // Overrides are kept by date, so the fields and the server's indexes line up.
    this.#edit((d) => d.overrides.sort((a, b) => a.date.localeCompare(b.date)));
    const draft = this.draft!;
    this.errors = this.#check(draft);
    this.problem = this.errors.size > 0 ? this.t.checkFields : '';
    if (this.errors.size > 0) return this.#focusFirstError();
    const input = inputOf(draft);
    this.saving = true;
    try {
      const { schedule } = draft.id === null
        ? await this.client.schedules.create({ ...input, ...(this.username && { owner: this.username }) })
        : await this.client.schedules.update(draft.id, input);
      const data = this.#data.value!;
      const others = data.schedules.filter((s) => s.id !== schedule.id);
      this.#data.value = { ...data, schedules: [...others, schedule].sort((a, b) => a.id - b.id) };
      this.#open(draftOf(schedule));
      this.notice = this.t.saved;
      this.dispatchEvent(new OpenSlotSavedEvent({ kind: 'schedule', schedule }));
    } catch (error) {
      this.errors = serverErrors(error, input.weeklyHours);
      this.problem = describeError(error, this.t);
      this.reportError(error as Error, 'save');
      await this.#focusFirstError();
    } finally {
      this.saving = false;
    }
  }

  async #makeDefault(): Promise<void> {
    const id = this.draft!.id!;
    try {
      const { user } = await this.client.users.update(this.username, { defaultScheduleId: id });
      this.#data.value = { ...this.#data.value!, user };
      this.notice = this.t.nowDefault(this.draft!.name);
      this.dispatchEvent(new OpenSlotSavedEvent({ kind: 'default-schedule', user }));
    } catch (error) {
      this.problem = describeError(error, this.t);
      this.reportError(error as Error, 'save');
    }
  }

  async #focusFirstError(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }
}

function addHour(time: string): string {
  const hour = Number(time.slice(0, 2)) + 1;
  return hour >= 24 ? '24:00' : `${String(hour).padStart(2, '0')}${time.slice(2)}`;
}

/** The server names fields of the wire body (`weeklyHours.3.end`); the form keys them by day (`weekly.thu.0`). */
function serverErrors(error: unknown, weeklyHours: Array<{ day: Weekday }>): Map<string, string> {
  const errors = new Map<string, string>();
  for (const [field, message] of fieldErrors(error)) {
    const weekly = /^weeklyHours\.(\d+)/.exec(field);
    const override = /^overrides\.(\d+)(\.ranges\.\d+)?/.exec(field);
    if (weekly) {
      const index = Number(weekly[1]);
      const day = weeklyHours[index]?.day;
      if (day) errors.set(`weekly.${day}.${weeklyHours.slice(0, index).filter((e) => e.day === day).length}`, message);
    } else if (override) errors.set(override[0], message);
    else errors.set(field.split('.')[0]!, message);
  }
  return errors;
}
