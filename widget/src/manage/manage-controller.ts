import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Booking, OpenSlotClient } from '@openslot/sdk';
import { OpenSlotCancelledEvent, OpenSlotErrorEvent, OpenSlotRescheduledEvent } from '../events.js';

type Host = ReactiveControllerHost & HTMLElement;

/**
 * Manage mode's data: the booking behind `booking-uid` + `token`, and the two changes a booker may
 * make with the token. A reschedule answers with a new booking (same token); the controller then
 * manages that one, so a second reschedule moves the latest booking.
 */
export class ManageController implements ReactiveController {
  booking: Booking | undefined;
  error: Error | undefined;
  busy = false;
  /** What the last change did, for the result screen. */
  outcome: 'cancelled' | 'rescheduled' | undefined;
  /** The booking before the last reschedule. */
  previous: Booking | undefined;
  readonly #host: Host;
  #loaded = '';
  #abort: AbortController | undefined;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#abort?.abort();
    this.#loaded = '';
  }

  /** Loads the booking once per uid/token/server; call from the host's `willUpdate`. */
  sync(client: OpenSlotClient, uid: string, token: string): void {
    const key = `${client.baseUrl} ${uid} ${token}`;
    if (!uid || !token || key === this.#loaded) return;
    this.#loaded = key;
    this.reload(client, uid, token);
  }

  reload(client: OpenSlotClient, uid: string, token: string): void {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.error = undefined;
    this.booking = undefined;
    this.outcome = undefined;
    client.bookings.get(uid, { token, signal: abort.signal }).then(
      ({ booking }) => {
        if (abort.signal.aborted) return;
        this.booking = booking;
        this.#host.requestUpdate();
      },
      (error: Error) => {
        if (abort.signal.aborted) return;
        this.error = error;
        this.#host.requestUpdate();
        this.#host.dispatchEvent(new OpenSlotErrorEvent({ error, phase: 'load' }));
      },
    );
  }

  cancel(client: OpenSlotClient, token: string, reason: string): Promise<boolean> {
    const booking = this.booking!;
    return this.#change('cancel', async () => {
      const { booking: cancelled } = await client.bookings.cancel(booking.uid, reason ? { reason } : {}, { token });
      this.booking = cancelled;
      this.outcome = 'cancelled';
      this.#host.dispatchEvent(new OpenSlotCancelledEvent({ booking: cancelled }));
    });
  }

  reschedule(client: OpenSlotClient, token: string, start: string): Promise<boolean> {
    const old = this.booking!;
    return this.#change('reschedule', async () => {
      const { booking } = await client.bookings.reschedule(old.uid, { start }, { token });
      // The old booking as the server now has it (cancelled, pointing at the new one).
      const previous = await client.bookings.get(old.uid, { token }).then(
        (r) => r.booking,
        () => ({ ...old, status: 'cancelled' as const, rescheduledToUid: booking.uid }),
      );
      this.previous = previous;
      this.booking = booking;
      this.outcome = 'rescheduled';
      this.#host.dispatchEvent(new OpenSlotRescheduledEvent({ booking, previous }));
    });
  }

  /** Runs a change; errors go to `openslot-error` (phase `manage`) and are rethrown for the view. */
  async #change(what: string, work: () => Promise<void>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.#host.requestUpdate();
    try {
      await work();
      return true;
    } catch (caught) {
      const error = caught instanceof Error ? caught : new Error(`${what} failed: ${String(caught)}`);
      this.#host.dispatchEvent(new OpenSlotErrorEvent({ error, phase: 'manage' }));
      throw error;
    } finally {
      this.busy = false;
      this.#host.requestUpdate();
    }
  }
}
