import type { Booking, CalendarConnection, EventType, Schedule, User } from '@openslot/sdk';

/** Every host component event bubbles and crosses shadow roots, like the booker's. */
abstract class OpenSlotHostEvent<T> extends Event {
  readonly detail: T;
  constructor(type: string, detail: T, init: EventInit = {}) {
    super(type, { bubbles: true, composed: true, ...init });
    this.detail = detail;
  }
}

/** What a host component saved, as the server now has it. */
export type SavedDetail =
  | { kind: 'schedule'; schedule: Schedule }
  | { kind: 'default-schedule'; user: User }
  | { kind: 'event-type'; eventType: EventType }
  | { kind: 'booking'; action: 'confirmed' | 'rejected' | 'cancelled' | 'rescheduled'; booking: Booking }
  | { kind: 'calendar'; connection: CalendarConnection };

/** A change was saved: a schedule, the default schedule, an event type, a booking decision, a calendar choice. */
export class OpenSlotSavedEvent extends OpenSlotHostEvent<SavedDetail> {
  static readonly type = 'openslot-saved';
  constructor(detail: SavedDetail) {
    super(OpenSlotSavedEvent.type, detail);
  }
}

export type DeletedDetail = { kind: 'event-type'; id: number } | { kind: 'calendar'; id: string };

/** An event type was deleted or a calendar disconnected. */
export class OpenSlotDeletedEvent extends OpenSlotHostEvent<DeletedDetail> {
  static readonly type = 'openslot-deleted';
  constructor(detail: DeletedDetail) {
    super(OpenSlotDeletedEvent.type, detail);
  }
}

export interface ConnectDetail {
  provider: 'google' | 'microsoft' | 'stripe';
  /** The provider's consent or onboarding page. */
  url: string;
}

/**
 * The component is about to send the browser to a provider's page (Google, Microsoft, Stripe);
 * cancelable: `preventDefault()` and open `detail.url` yourself (a popup, a new tab).
 */
export class OpenSlotConnectEvent extends OpenSlotHostEvent<ConnectDetail> {
  static readonly type = 'openslot-connect';
  constructor(detail: ConnectDetail) {
    super(OpenSlotConnectEvent.type, detail, { cancelable: true });
  }
}

export interface HostEventMap {
  'openslot-saved': OpenSlotSavedEvent;
  'openslot-deleted': OpenSlotDeletedEvent;
  'openslot-connect': OpenSlotConnectEvent;
}

declare global {
  interface HTMLElementEventMap extends HostEventMap {}
  interface DocumentEventMap extends HostEventMap {}
}
