import type { Location, LocationType } from '@openslot/sdk/schemas';
import type {
  LocationContext,
  LocationProvider,
  LocationProviderFactory,
  LocationSettings,
  MeetingLocation,
} from './location-provider.js';
import { eightByEightProvider } from './eight-by-eight.js';
import { inPersonProvider } from './in-person.js';
import { jitsiProvider } from './jitsi.js';
import { linkProvider } from './link.js';
import { mirotalkProvider } from './mirotalk.js';
import { phoneProvider } from './phone.js';
import { newRoomName } from './room-name.js';

// One line per provider; the mapped type makes a new LocationType in the schema a compile error here.
const PROVIDERS: { [T in LocationType]: LocationProviderFactory } = {
  jitsi: jitsiProvider,
  mirotalk: mirotalkProvider,
  '8x8': eightByEightProvider,
  link: linkProvider,
  in_person: inPersonProvider,
  phone: phoneProvider,
};

export interface MeetingLocations {
  /** The message for the owner API's 400, or null when the event type's location is usable. */
  validate(config: Location): string | null;
  /** The location of one new booking; call once per booking and store the result. */
  resolve(config: Location, context?: Partial<LocationContext>): MeetingLocation;
}

/** Builds every provider once; throws at start if a base URL setting is not an https URL. */
export function createMeetingLocations(settings: LocationSettings = {}): MeetingLocations {
  const providers = new Map<LocationType, LocationProvider>();
  for (const [type, factory] of Object.entries(PROVIDERS)) {
    providers.set(type as LocationType, factory(settings));
  }
  const providerFor = (config: Location): LocationProvider | undefined => providers.get(config.type);

  return {
    validate(config) {
      const provider = providerFor(config);
      return provider ? provider.validate(config) : `unknown location type "${config.type}"`;
    },
    resolve(config, context = {}) {
      const provider = providerFor(config);
      const problem = provider ? provider.validate(config) : `unknown location type "${config.type}"`;
      if (!provider || problem) throw new Error(`invalid event type location: ${problem}`);
      return provider.resolve(config, { newRoomName: context.newRoomName ?? newRoomName, responses: context.responses ?? {} });
    },
  };
}
