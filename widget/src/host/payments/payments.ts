import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { OpenSlotError, type StripeState } from '@openslot/sdk';
import { describeError } from '../errors.js';
import { OpenSlotConnectEvent } from '../events.js';
import { OpenSlotHostElement } from '../host-element.js';
import { hostStyles } from '../host.styles.js';
import { LoadController } from '../load-controller.js';

/** Where the account stands, from what the server says of it. */
function stageOf(stripe: StripeState): 'off' | 'platform' | 'none' | 'onboarding' | 'paused' | 'ready' {
  if (!stripe.paymentsEnabled) return 'off';
  if (!stripe.connect) return 'platform';
  if (!stripe.account) return 'none';
  if (stripe.account.chargesEnabled) return 'ready';
  return stripe.account.detailsSubmitted ? 'paused' : 'onboarding';
}

/**
 * @tagname openslot-payments
 * @summary The host's (or a team's) Stripe account: whether this server takes payments, connect
 * through Stripe's onboarding, and the account's state.
 *
 * @attr {string} api - The OpenSlot server (default: where host.js came from).
 * @attr {string} token - A session token (or an API key), sent as `Authorization: Bearer`.
 * @attr {string} username - The host, as in `alice`.
 * @attr {string} team - A team's slug instead: its event types are paid into its own account (a manager's token).
 * @attr {string} locale - Language of words.
 *
 * @fires {OpenSlotConnectEvent} openslot-connect - About to open Stripe's onboarding page (`detail: {provider: "stripe", url}`); cancelable.
 * @fires {OpenSlotErrorEvent} openslot-error - `detail: {error, phase: "load" | "save"}`.
 *
 * @csspart base - The component's box.
 * @csspart state - The account's state.
 * @csspart connect - The connect button.
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
export class OpenSlotPayments extends OpenSlotHostElement {
  static override styles = hostStyles;

  /** A team's slug: show and connect the team's account instead of the host's. */
  @property() team = '';

  @state() private problem = '';
  @state() private connecting = false;

  readonly #data = new LoadController<StripeState>(this, {
    key: () => (this.team || this.username ? [this.api, this.token, this.team, this.username] : null),
    load: (signal) => (this.team ? this.client.teams.stripe(this.team, { signal }) : this.client.users.stripe(this.username, { signal })).then((answer) => answer.stripe),
    onError: (error) => this.reportError(error, 'load'),
  });

  protected override render() {
    const t = this.t;
    if (!this.team && !this.username) return html`<p part="error" role="alert">${t.setUsername}</p>`;
    const stripe = this.#data.value;
    let body;
    if (!stripe) {
      body = this.#data.error
        ? this.renderLoadError(this.#data)
        : html`<p class="muted" role="status">${t.loading}</p>`;
    } else {
      const stage = stageOf(stripe);
      const text = { off: t.noStripe, platform: t.platformAccount, none: t.notConnected, onboarding: t.onboardingUnfinished, paused: t.chargesOff, ready: t.ready }[stage];
      const action = { off: '', platform: '', none: t.connectStripe, onboarding: t.continueOnboarding, paused: t.updateInStripe, ready: t.updateInStripe }[stage];
      body = html`
        <p class="explanation">${text}</p>
        ${stripe.connect
          ? html`<dl part="state">
              <dt>${t.account}</dt>
              <dd><span class="badge">${t.accountStates[stage === 'ready' || stage === 'paused' || stage === 'onboarding' ? stage : 'none']}</span>${stripe.account ? html` <code>${stripe.account.id}</code>` : nothing}</dd>
            </dl>`
          : nothing}
        ${action ? html`<button part="connect" class=${stage === 'ready' ? '' : 'primary'} ?disabled=${this.connecting} @click=${this.#connect}>${action}</button>` : nothing}
        ${this.problem ? html`<div part="error" role="alert">${this.problem}</div>` : nothing}
      `;
    }
    return html`<section part="base" class="base" aria-labelledby="payments-heading" lang=${this.resolvedLocale}>
      <h2 id="payments-heading">${t.payments}</h2>
      ${body}
    </section>`;
  }

  async #connect(): Promise<void> {
    this.connecting = true;
    this.problem = '';
    try {
      const { url } = this.team ? await this.client.teams.connectStripe(this.team) : await this.client.users.connectStripe(this.username);
      if (this.dispatchEvent(new OpenSlotConnectEvent({ provider: 'stripe', url }))) location.assign(url);
    } catch (error) {
      // The server says which part is missing (Stripe itself, or Connect).
      this.problem = error instanceof OpenSlotError && error.code === 'payments_not_configured' ? error.message : describeError(error, this.t);
      this.reportError(error as Error, 'save');
    } finally {
      this.connecting = false;
    }
  }
}
