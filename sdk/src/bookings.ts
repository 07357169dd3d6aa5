import type {
  CancelBookingInput,
  CreateBookingInput,
  CreateBookingResponse,
  DecisionInput,
  ListBookingsQuery,
  RefundBookingInput,
  RescheduleBookingInput,
} from './schemas/index.js';
import type { BookingEnvelope, BookingList } from './responses.js';
import type { RequestOptions, Transport } from './transport.js';
import { idempotencyKey } from './idempotency.js';
import { path } from './path.js';

export class Bookings {
  constructor(private readonly transport: Transport) {}

  /**
   * Books a slot. Always sends an `Idempotency-Key` (yours, or a fresh one per call) so a retry
   * after a lost response returns the first booking instead of a 409 or a double booking.
   */
  create(input: CreateBookingInput, options?: RequestOptions): Promise<CreateBookingResponse> {
    return this.transport.request({
      method: 'POST',
      path: '/v1/bookings',
      body: input,
      options: withIdempotencyKey(options),
    });
  }

  /** With the manage token (`{token}`) or the client's owner key. */
  get(uid: string, options?: RequestOptions): Promise<BookingEnvelope> {
    return this.transport.request({ method: 'GET', path: path`/v1/bookings/${uid}`, options });
  }

  cancel(uid: string, body: CancelBookingInput = {}, options?: RequestOptions): Promise<BookingEnvelope> {
    return this.transport.request({ method: 'POST', path: path`/v1/bookings/${uid}/cancel`, body, options });
  }

  /** 201 with the new booking; the old one becomes `cancelled` with `rescheduledToUid`. */
  reschedule(uid: string, body: RescheduleBookingInput, options?: RequestOptions): Promise<BookingEnvelope> {
    return this.transport.request({ method: 'POST', path: path`/v1/bookings/${uid}/reschedule`, body, options });
  }

  /** The owner's bookings, a page at a time (`limit`, `cursor`; `status: 'upcoming' | 'past'`; `from`/`to` dates in `timeZone`). */
  list(query: ListBookingsQuery = {}, options?: RequestOptions): Promise<BookingList> {
    return this.transport.request({ method: 'GET', path: '/v1/bookings', query: { ...query }, options });
  }

  confirm(uid: string, body: DecisionInput = {}, options?: RequestOptions): Promise<BookingEnvelope> {
    return this.transport.request({ method: 'POST', path: path`/v1/bookings/${uid}/confirm`, body, options });
  }

  reject(uid: string, body: DecisionInput = {}, options?: RequestOptions): Promise<BookingEnvelope> {
    return this.transport.request({ method: 'POST', path: path`/v1/bookings/${uid}/reject`, body, options });
  }

  /**
   * The host gives money back on a paid booking: `{amount}` in the currency's minor unit, or
   * everything still unrefunded without it. The answer's `booking.payment.refundedAmount` counts it
   * once Stripe took it (`BOOKING_REFUNDED` follows). Always sends an `Idempotency-Key` (yours, or a
   * fresh one per call), so the client's retry after a lost answer gets that answer, never a second refund.
   */
  refund(uid: string, body: RefundBookingInput = {}, options?: RequestOptions): Promise<BookingEnvelope> {
    return this.transport.request({ method: 'POST', path: path`/v1/bookings/${uid}/refund`, body, options: withIdempotencyKey(options) });
  }
}

function withIdempotencyKey(options: RequestOptions = {}): RequestOptions {
  return options.idempotencyKey ? options : { ...options, idempotencyKey: idempotencyKey() };
}
