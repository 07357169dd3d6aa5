/**
 * The wire contract of the OpenSlot API, defined once: the server validates requests with these
 * schemas, and the SDK takes its types from them (type-only, so browsers never load zod).
 */
export * from './limits.js';
export * from './common.js';
export * from './money.js';
export * from './users.js';
export * from './schedules.js';
export * from './event-types.js';
export * from './slots.js';
export * from './bookings.js';
export * from './webhooks.js';
export * from './teams.js';
export * from './calendars.js';
export * from './sessions.js';
