export { createMeetingLocations, type MeetingLocations } from './meeting-locations.js';
export type { LocationContext, LocationProvider, LocationSettings, MeetingLocation } from './location-provider.js';
export { ATTENDEE_PHONE_RESPONSE } from './phone.js';
