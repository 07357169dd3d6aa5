import type { Booking, CreateBookingInput, CreateBookingResponse, PublicEventType, Slot } from '@openslot/sdk';

/** Every public widget event bubbles and crosses shadow roots, so a page can listen on `document`. */
abstract class OpenSlotEvent<T> extends Event {
  readonly detail: T;
  constructor(type: string, detail: T, init: EventInit = {}) {
    super(type, { bubbles: true, composed: true, ...init });
    this.detail = detail;
  }
}

export interface ReadyDetail {
  eventType: PublicEventType;
}
/** The event type and the first month of slots have loaded. */
export class OpenSlotReadyEvent extends OpenSlotEvent<ReadyDetail> {
  static readonly type = 'openslot-ready';
  constructor(detail: ReadyDetail) {
    super(OpenSlotReadyEvent.type, detail);
  }
}

export interface DateSelectDetail {
  /** `2026-12-03`, in the widget's time zone. */
  date: string;
  slots: Slot[];
}
export class OpenSlotDateSelectEvent extends OpenSlotEvent<DateSelectDetail> {
  static readonly type = 'openslot-date-select';
  constructor(detail: DateSelectDetail) {
    super(OpenSlotDateSelectEvent.type, detail);
  }
}

export interface SlotSelectDetail {
  slot: Slot;
  timeZone: string;
}
export class OpenSlotSlotSelectEvent extends OpenSlotEvent<SlotSelectDetail> {
  static readonly type = 'openslot-slot-select';
  constructor(detail: SlotSelectDetail) {
    super(OpenSlotSlotSelectEvent.type, detail);
  }
}

export interface SubmitDetail {
  input: CreateBookingInput;
}
/** About to book; cancelable: `preventDefault()` stops the booking. */
export class OpenSlotSubmitEvent extends OpenSlotEvent<SubmitDetail> {
  static readonly type = 'openslot-submit';
  constructor(detail: SubmitDetail) {
    super(OpenSlotSubmitEvent.type, detail, { cancelable: true });
  }
}

/** The full booking, its manage token, and (for a recurring series) every occurrence. */
export type BookedDetail = CreateBookingResponse;
export class OpenSlotBookedEvent extends OpenSlotEvent<BookedDetail> {
  static readonly type = 'openslot-booked';
  constructor(detail: BookedDetail) {
    super(OpenSlotBookedEvent.type, detail);
  }
}

export interface PaymentRedirectDetail {
  booking: CreateBookingResponse['booking'];
  checkoutUrl: string;
}
/** The booking waits for payment and the widget is about to open the checkout; cancelable (then the page redirects itself). */
export class OpenSlotPaymentRedirectEvent extends OpenSlotEvent<PaymentRedirectDetail> {
  static readonly type = 'openslot-payment-redirect';
  constructor(detail: PaymentRedirectDetail) {
    super(OpenSlotPaymentRedirectEvent.type, detail, { cancelable: true });
  }
}

export interface CancelledDetail {
  /** The booking as the server now has it: `status: "cancelled"`, with `cancellationReason`. */
  booking: Booking;
}
/** Manage mode: the booker cancelled the booking. */
export class OpenSlotCancelledEvent extends OpenSlotEvent<CancelledDetail> {
  static readonly type = 'openslot-cancelled';
  constructor(detail: CancelledDetail) {
    super(OpenSlotCancelledEvent.type, detail);
  }
}

export interface RescheduledDetail {
  /** The new booking (`rescheduledFromUid` = the previous one's uid); the same manage token manages it. */
  booking: Booking;
  /** The previous booking, now `cancelled` with `rescheduledToUid`. */
  previous: Booking;
}
/** Manage mode: the booker moved the booking to another time. */
export class OpenSlotRescheduledEvent extends OpenSlotEvent<RescheduledDetail> {
  static readonly type = 'openslot-rescheduled';
  constructor(detail: RescheduledDetail) {
    super(OpenSlotRescheduledEvent.type, detail);
  }
}

export interface ErrorDetail {
  /** An `OpenSlotError` from the SDK (with `status`, `code`, `requestId`) or any other Error. */
  error: Error;
  /**
   * `load`: the event type, slots or (manage mode) the booking could not be loaded; `book`: booking failed; `manage`: cancel or reschedule failed;
   * `save`: a host component's change was refused (its `load` means its data could not be read).
   */
  phase: 'load' | 'book' | 'manage' | 'save';
}
export class OpenSlotErrorEvent extends OpenSlotEvent<ErrorDetail> {
  static readonly type = 'openslot-error';
  constructor(detail: ErrorDetail) {
    super(OpenSlotErrorEvent.type, detail);
  }
}

/** Every public event by name, for typed `addEventListener` on the element and on `document`. */
export interface OpenSlotEventMap {
  'openslot-ready': OpenSlotReadyEvent;
  'openslot-date-select': OpenSlotDateSelectEvent;
  'openslot-slot-select': OpenSlotSlotSelectEvent;
  'openslot-submit': OpenSlotSubmitEvent;
  'openslot-booked': OpenSlotBookedEvent;
  'openslot-payment-redirect': OpenSlotPaymentRedirectEvent;
  'openslot-cancelled': OpenSlotCancelledEvent;
  'openslot-rescheduled': OpenSlotRescheduledEvent;
  'openslot-error': OpenSlotErrorEvent;
}

declare global {
  // The events bubble and are composed, so pages often listen on document.
  interface HTMLElementEventMap extends OpenSlotEventMap {}
  interface DocumentEventMap extends OpenSlotEventMap {}
}
