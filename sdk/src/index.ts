export type * from './schemas/index.js';

export { createClient, type OpenSlotClient } from './client.js';
export type { ClientOptions, RequestOptions } from './transport.js';
export type * from './responses.js';
export {
  OpenSlotError,
  ValidationError,
  AuthError,
  NotFoundError,
  ConflictError,
  SlotUnavailableError,
  IdempotencyConflictError,
  RateLimitError,
  ServerError,
  NetworkError,
} from './errors.js';
export {
  slotsQuery,
  eventTypeQuery,
  prefetchNextMonth,
  invalidateSlots,
  createQueryClient,
  queryKeys,
  type SlotsQueryParams,
} from './queries.js';
export { monthRange, addMonths, monthOf } from './month.js';
export { verifyWebhook, WebhookVerificationError, type WebhookHeaders, type VerifyWebhookOptions } from './verify-webhook.js';
export { idempotencyKey } from './idempotency.js';
// Prices are minor units (cents, whole yen): these turn one into what a person reads.
export { formatMoney, minorUnitDigits } from './schemas/money.js';
export { EVENT_TYPE_DEFAULTS } from './schemas/event-type-defaults.js';
export type { EventTypes } from './event-types.js';
export type { Slots } from './slots.js';
export type { Bookings } from './bookings.js';
export type { Users } from './users.js';
export type { Teams } from './teams.js';
export type { Schedules } from './schedules.js';
export type { Webhooks } from './webhooks.js';
export type { Calendars } from './calendars.js';
export type { SessionTokens, Audit } from './session-tokens.js';
export type { Meta, Health } from './meta.js';
// The SDK's own copy of query-core, so adapters (the widget's controllers, your framework's) share
// one QueryClient class with the query helpers.
export { QueryClient, QueryObserver } from '@tanstack/query-core';
export type { QueryObserverOptions, QueryObserverResult, QueryKey } from '@tanstack/query-core';
