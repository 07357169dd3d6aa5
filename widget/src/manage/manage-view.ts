import { html, nothing, type TemplateResult } from 'lit';
import type { Booking, Slot } from '@openslot/sdk';
import type { Messages } from '../i18n/index.js';
import { formatInstant, formatWhen } from '../intl.js';

const HOLDS_TIME = ['pending', 'accepted', 'awaiting_payment'];

export interface ManageViewContext {
  t: Messages;
  timeZone: string;
  locale: string;
  busy: boolean;
  notice: string;
  /** The clock (tests); defaults to now. */
  now?: number;
}

/** The booking as its booker sees it: what, when (in the viewer's zone), where, its status. */
export function renderBookingSummary(booking: Booking, ctx: ManageViewContext) {
  const { t } = ctx;
  // A cancelled or declined meeting has nothing to join.
  const link = HOLDS_TIME.includes(booking.status) ? booking.location.url : null;
  return html`<dl>
    <dt>${t.what}</dt>
    <dd>${booking.title}</dd>
    <dt>${t.when}</dt>
    <dd class="when">${formatWhen(booking.start, booking.end, ctx.timeZone, ctx.locale)}</dd>
    ${link || booking.location.address
      ? html`<dt>${t.where}</dt>
          <dd>${link ? html`<a part="link" href=${link} target="_blank" rel="noopener">${t.joinMeeting}</a>` : booking.location.address}</dd>`
      : nothing}
    <dt>${t.statusLabel}</dt>
    <dd class="status" data-status=${booking.status}>${t.status[booking.status]}</dd>
  </dl>`;
}

/**
 * Overview: the booking with what its booker can still do. Reschedule and Cancel while it holds
 * time and has not begun (the server refuses both afterwards); a booking waiting for payment goes
 * to its checkout instead of rescheduling; a moved one leads to its replacement; one that no
 * longer holds time (cancelled, declined, expired) says so and offers to book again.
 */
export function renderManage(booking: Booking, ctx: ManageViewContext, actions: { cancel: () => void; reschedule: () => void; replacement: () => void; bookAgain: () => void }) {
  const { t } = ctx;
  const active = HOLDS_TIME.includes(booking.status);
  const now = ctx.now ?? Date.now();
  const begun = Date.parse(booking.start) <= now;
  const over = Date.parse(booking.end) <= now;
  const payment = booking.payment;
  const payable = booking.status === 'awaiting_payment' && payment?.checkoutUrl && (!payment.expiresAt || Date.parse(payment.expiresAt) > now);
  let next: unknown = nothing;
  if (booking.rescheduledToUid) {
    next = html`<p class="hint">${t.movedTo}</p>
      <div class="actions"><button part="button" class="primary" @click=${actions.replacement}>${t.seeNewBooking}</button></div>`;
  } else if (active && begun) {
    next = html`<p class="state" role="note">${over ? t.meetingOver : t.meetingStarted}</p>`;
  } else if (booking.status === 'awaiting_payment') {
    next = html`${payment?.expiresAt ? html`<p class="hint">${t.payBy(formatInstant(payment.expiresAt, ctx.timeZone, ctx.locale))}</p>` : nothing}
      <div class="actions">
        ${payable ? html`<a part="button" class="primary" href=${payment!.checkoutUrl!}>${t.payContinue}</a>` : html`<p class="state">${t.payUnavailable}</p>`}
        <button class="secondary" @click=${actions.cancel}>${t.cancel}</button>
      </div>`;
  } else if (active) {
    next = html`<div class="actions">
      <button part="button" class="primary" @click=${actions.reschedule}>${t.reschedule}</button>
      <button class="secondary" @click=${actions.cancel}>${t.cancel}</button>
    </div>`;
  } else {
    next = html`<p class="state">${t.nextSteps[booking.status as 'cancelled' | 'rejected' | 'expired'] ?? ''}</p>
      <div class="actions"><button part="button" class="primary" @click=${actions.bookAgain}>${t.bookAgain}</button></div>`;
  }
  return html`<section part="manage" class="manage" aria-labelledby="manage-heading">
    <h3 id="manage-heading" tabindex="-1">${t.yourBooking}</h3>
    ${renderBookingSummary(booking, ctx)} ${next}
  </section>`;
}

export function renderCancelForm(booking: Booking, ctx: ManageViewContext, actions: { submit: (reason: string) => void; back: () => void }) {
  const { t } = ctx;
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    actions.submit(String(new FormData(event.target as HTMLFormElement).get('reason') ?? '').trim());
  };
  return html`<section class="manage" aria-labelledby="cancel-heading">
    <h3 id="cancel-heading" tabindex="-1">${t.cancel}</h3>
    <p class="when">${formatWhen(booking.start, booking.end, ctx.timeZone, ctx.locale)}</p>
    <form part="form" @submit=${onSubmit}>
      <label for="reason">${t.cancelReason} <span class="optional">${t.optional}</span></label>
      <textarea part="input" id="reason" name="reason" rows="3" maxlength="2000"></textarea>
      ${ctx.notice ? html`<p role="alert" class="notice">${ctx.notice}</p>` : nothing}
      <div class="actions">
        <button type="button" class="secondary" @click=${actions.back}>${t.keep}</button>
        <button part="button" class="primary danger" type="submit" ?disabled=${ctx.busy}>${ctx.busy ? t.cancelling : t.cancel}</button>
      </div>
    </form>
  </section>`;
}

/** The last step of a reschedule: from the old time to the chosen one. */
export function renderRescheduleConfirm(booking: Booking, slot: Slot, ctx: ManageViewContext, actions: { confirm: () => void; back: () => void }) {
  const { t } = ctx;
  return html`<section class="details" aria-labelledby="details-heading">
    <h3 id="details-heading" tabindex="-1">${t.reschedule}</h3>
    <dl>
      <dt>${t.previousTime}</dt>
      <dd><s>${formatWhen(booking.start, booking.end, ctx.timeZone, ctx.locale)}</s></dd>
      <dt>${t.newTime}</dt>
      <dd class="when">${formatWhen(slot.start, slot.end, ctx.timeZone, ctx.locale)}</dd>
    </dl>
    ${ctx.notice ? html`<p role="alert" class="notice">${ctx.notice}</p>` : nothing}
    <div class="actions">
      <button type="button" class="secondary" @click=${actions.back}>${t.back}</button>
      <button part="button" class="primary" ?disabled=${ctx.busy} @click=${actions.confirm}>${ctx.busy ? t.rescheduling : t.confirmReschedule}</button>
    </div>
  </section>`;
}

/** After a change: what happened, and the booking as it now is. */
export function renderOutcome(outcome: 'cancelled' | 'rescheduled', booking: Booking, ctx: ManageViewContext, actions: { cancel: () => void; reschedule: () => void }) {
  const { t } = ctx;
  if (outcome === 'cancelled') {
    return html`<section part="confirmation" class="confirmation" aria-labelledby="done-heading">
      <h3 id="done-heading" tabindex="-1">${t.cancelled}</h3>
      <p>${t.cancelledText}</p>
      ${renderBookingSummary(booking, ctx)}
    </section>`;
  }
  return html`<section part="confirmation" class="confirmation" aria-labelledby="done-heading">
    <h3 id="done-heading" tabindex="-1">${t.rescheduled}</h3>
    ${renderBookingSummary(booking, ctx)}
    <div class="actions">
      <button part="button" class="primary" @click=${actions.reschedule}>${t.reschedule}</button>
      <button class="secondary" @click=${actions.cancel}>${t.cancel}</button>
    </div>
  </section>`;
}

export interface ManageStepActions {
  cancel(): void;
  reschedule(): void;
  overview(): void;
  back(): void;
  submitCancel(reason: string): void;
  /** A moved booking: show the one that replaced it (the same token manages it). */
  replacement(): void;
  /** A booking that no longer holds time: book the same event type afresh. */
  bookAgain(): void;
  confirmReschedule(start: string): void;
  /** The day-and-time picker, for choosing the new time. */
  picker(): TemplateResult;
}

/** Manage mode's steps: overview (or the last change's outcome), cancel form, new-time picker, reschedule confirmation. */
export function renderManageStep(
  step: string,
  booking: Booking,
  outcome: 'cancelled' | 'rescheduled' | undefined,
  chosen: Slot | undefined,
  ctx: ManageViewContext,
  actions: ManageStepActions,
) {
  if (step === 'manage') return outcome ? renderOutcome(outcome, booking, ctx, actions) : renderManage(booking, ctx, actions);
  if (step === 'cancel') return renderCancelForm(booking, ctx, { submit: actions.submitCancel, back: actions.overview });
  if (step === 'details' && chosen) return renderRescheduleConfirm(booking, chosen, ctx, { confirm: () => actions.confirmReschedule(chosen.start), back: actions.back });
  return html`<h3 class="step-title">${ctx.t.pickNewTime}</h3>${actions.picker()}`;
}
