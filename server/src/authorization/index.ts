/**
 * Authorization: who the caller is (`Principal`) and the rules for what they may touch. Services
 * take a `Principal` and ask these functions; the HTTP layer only turns a bearer token into one.
 */
export * from './principal.js';
export * from './teams.js';
export * from './bookings.js';
