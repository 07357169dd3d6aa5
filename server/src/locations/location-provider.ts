import type { Booking, Location, LocationType } from '@openslot/sdk/schemas';

/** Where a booked meeting happens, as stored on the booking and shown to its people. */
export type MeetingLocation = Booking['location'];

/** Server-wide settings, filled by the config module from `JITSI_BASE_URL` and friends. */
export interface LocationSettings {
  /** Default `https://meet.jit.si`. */
  jitsiBaseUrl?: string;
  /** Default `https://p2p.mirotalk.com`; a MiroTalk SFU or self-hosted instance works too. */
  mirotalkBaseUrl?: string;
  /** Default `https://8x8.vc`; may carry a tenant path, e.g. `https://8x8.vc/vpaas-magic-cookie-…`. */
  eightByEightBaseUrl?: string;
}

/** What a provider may know about the booking it resolves a location for. */
export interface LocationContext {
  /** A fresh, unguessable room name (injectable so tests can pin it). */
  newRoomName: () => string;
  /** The booker's answers to the event type's booking questions. */
  responses: Record<string, unknown>;
}

/**
 * One kind of meeting location. `validate` checks an owner's event-type setting and returns the
 * message for a 400 (or null); `resolve` turns a valid setting into the location of one booking.
 */
export interface LocationProvider {
  readonly type: LocationType;
  validate(config: Location): string | null;
  resolve(config: Location, context: LocationContext): MeetingLocation;
}

export type LocationProviderFactory = (settings: LocationSettings) => LocationProvider;
