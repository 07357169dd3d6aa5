import type { EventTypeSettings } from './event-types.js';

/**
 * What an event type is created with when a field is not given. No zod here, so browsers may
 * import it (the host components' event type form starts from it).
 */
export const EVENT_TYPE_DEFAULTS: Omit<EventTypeSettings, 'title' | 'durationMinutes'> = {
  description: '',
  slotIntervalMinutes: null,
  minimumNoticeMinutes: 0,
  beforeBufferMinutes: 0,
  afterBufferMinutes: 0,
  bookingWindow: { type: 'rolling', days: 60 },
  scheduleId: null,
  limits: { perDay: null, perWeek: null },
  seats: null,
  requiresConfirmation: false,
  schedulingType: null,
  hosts: [],
  recurring: null,
  price: null,
  refundPolicy: { type: 'none' },
  location: { type: 'jitsi' },
  bookingFields: [],
  allowGuests: false,
  allowedOrigins: [],
};
