import type {
  AuditEntry,
  Booking,
  CalendarConnection,
  EventType,
  PublicEventType,
  Schedule,
  SessionToken,
  StripeState,
  Team,
  User,
  WebhookDelivery,
  WebhookSecretRotated,
  WebhookSubscription,
  WebhookSubscriptionCreated,
} from './schemas/index.js';

/*
 * Response envelopes of the owner endpoints. Lists answer a page: pass `nextCursor` back as
 * `cursor` for the next one (`null`: there is none). The SPEC pins `{user}` for user creation and
 * `{booking, manageToken}` for bookings; the rest follow the same one-key-per-resource pattern.
 */
export interface BookingEnvelope { booking: Booking }
export interface BookingList { bookings: Booking[]; nextCursor: string | null }
export interface EventTypeEnvelope { eventType: EventType }
export interface PublicEventTypeEnvelope { eventType: PublicEventType }
export interface EventTypeList { eventTypes: EventType[]; nextCursor: string | null }
export interface UserEnvelope { user: User }
export interface UserList { users: User[]; nextCursor: string | null }
export interface ScheduleEnvelope { schedule: Schedule }
export interface ScheduleList { schedules: Schedule[]; nextCursor: string | null }
export interface TeamEnvelope { team: Team }
export interface TeamList { teams: Team[]; nextCursor: string | null }
export interface WebhookEnvelope { webhook: WebhookSubscription }
export interface WebhookCreatedEnvelope { webhook: WebhookSubscriptionCreated }
export interface WebhookRotatedEnvelope { webhook: WebhookSecretRotated }
export interface WebhookList { webhooks: WebhookSubscription[]; nextCursor: string | null }
export interface WebhookDeliveryList { deliveries: WebhookDelivery[]; nextCursor: string | null }
export interface WebhookDeliveryEnvelope { delivery: WebhookDelivery }
export interface CalendarConnectionEnvelope { connection: CalendarConnection }
export interface CalendarConnectionList { connections: CalendarConnection[] }
export interface CalendarConnectUrl { url: string }
export interface SessionTokenList { sessionTokens: SessionToken[] }
export interface AuditList { entries: AuditEntry[]; nextCursor: string | null }
export interface StripeStateEnvelope { stripe: StripeState }
