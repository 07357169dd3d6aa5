import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { idempotencyKey, type CreateBookingInput, type CreateBookingResponse, type OpenSlotClient } from '@openslot/sdk';
import { OpenSlotBookedEvent, OpenSlotErrorEvent, OpenSlotPaymentRedirectEvent, OpenSlotSubmitEvent } from '../events.js';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Booking itself: the cancelable `openslot-submit`, the request with an idempotency key, then
 * `openslot-booked` (and the checkout for a paid event) or `openslot-error`.
 */
export class SubmitController implements ReactiveController {
  submitting = false;
  readonly #host: Host;
  /** One key per distinct booking attempt: resubmitting after a lost response can't book twice. */
  #attempt: { body: string; key: string } | undefined;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  /** Books; `undefined` when the page cancelled `openslot-submit` or a booking is already on its way. Errors are rethrown after `openslot-error`. */
  async book(client: OpenSlotClient, input: CreateBookingInput): Promise<CreateBookingResponse | undefined> {
    if (this.submitting || !this.#host.dispatchEvent(new OpenSlotSubmitEvent({ input }))) return undefined;
    const body = JSON.stringify(input);
    if (this.#attempt?.body !== body) this.#attempt = { body, key: idempotencyKey() };
    this.submitting = true;
    this.#host.requestUpdate();
    try {
      const result = await client.bookings.create(input, { idempotencyKey: this.#attempt.key });
      this.#attempt = undefined;
      this.#host.dispatchEvent(new OpenSlotBookedEvent(result));
      const checkoutUrl = result.booking.payment?.checkoutUrl;
      if (result.booking.status === 'awaiting_payment' && checkoutUrl) {
        if (this.#host.dispatchEvent(new OpenSlotPaymentRedirectEvent({ booking: result.booking, checkoutUrl }))) window.location.assign(checkoutUrl);
      }
      return result;
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(String(caught));
      this.#host.dispatchEvent(new OpenSlotErrorEvent({ error, phase: 'book' }));
      throw error;
    } finally {
      this.submitting = false;
      this.#host.requestUpdate();
    }
  }
}
