import { z } from 'zod';
import * as wire from '@openslot/sdk/schemas';

type Method = 'get' | 'post' | 'patch' | 'delete';
type Auth = 'none' | 'owner' | 'admin' | 'manage';

interface Operation {
  method: Method;
  path: string;
  summary: string;
  auth: Auth;
  body?: z.ZodType;
  query?: z.ZodObject;
  /** The success status and its body (none for 204). */
  response: [number, z.ZodType | null];
}

// Calendar connections (a handful a host) are the one list without paging.
const list = <K extends string>(key: K, item: z.ZodType) => z.object({ [key]: z.array(item) } as Record<K, z.ZodArray<z.ZodType>>);
const one = <K extends string>(key: K, item: z.ZodType) => z.object({ [key]: item } as Record<K, z.ZodType>);

/**
 * Every endpoint of the API with the wire schemas it validates with: the one table the document
 * is generated from (a test checks it against the routes the app really serves).
 */
export const OPERATIONS: Operation[] = [
  { method: 'get', path: '/health', summary: 'Liveness and database state', auth: 'none', response: [200, z.object({ status: z.string(), db: z.string() })] },
  { method: 'get', path: '/v1/event-types/{handle}/{slug}', summary: 'Public view of an event type (also alice+bob/intro)', auth: 'none', response: [200, one('eventType', wire.publicEventType)] },
  { method: 'get', path: '/v1/slots', summary: 'Free slots, keyed by the viewer’s dates', auth: 'none', query: wire.slotsQuery, response: [200, wire.slotsResponse] },
  { method: 'post', path: '/v1/bookings', summary: 'Book a time (Idempotency-Key header honoured)', auth: 'none', body: wire.createBookingInput, response: [201, wire.createBookingResponse] },
  { method: 'get', path: '/v1/bookings', summary: 'The caller’s bookings', auth: 'owner', query: wire.listBookingsQuery, response: [200, wire.page('bookings', wire.booking)] },
  { method: 'get', path: '/v1/bookings/{uid}', summary: 'One booking', auth: 'manage', response: [200, one('booking', wire.booking)] },
  { method: 'post', path: '/v1/bookings/{uid}/cancel', summary: 'Cancel (allRemaining: this and later occurrences)', auth: 'manage', body: wire.cancelBookingInput, response: [200, one('booking', wire.booking)] },
  { method: 'post', path: '/v1/bookings/{uid}/reschedule', summary: 'Move to a new time: a new booking replaces this one', auth: 'manage', body: wire.rescheduleBookingInput, response: [201, one('booking', wire.booking)] },
  { method: 'post', path: '/v1/bookings/{uid}/confirm', summary: 'Confirm a pending booking', auth: 'owner', body: wire.decisionInput, response: [200, one('booking', wire.booking)] },
  { method: 'post', path: '/v1/bookings/{uid}/reject', summary: 'Reject a pending booking', auth: 'owner', body: wire.decisionInput, response: [200, one('booking', wire.booking)] },
  { method: 'post', path: '/v1/bookings/{uid}/refund', summary: 'Refund a paid booking (the host; all that is left without amount; Idempotency-Key honoured)', auth: 'owner', body: wire.refundBookingInput, response: [200, one('booking', wire.booking)] },
  { method: 'get', path: '/v1/payments/checkout/{uid}', summary: 'The booking’s checkout link: 303 to Stripe Checkout while it can be paid, else a page saying why not', auth: 'none', response: [303, null] },
  { method: 'get', path: '/v1/payments/return', summary: 'Where Stripe Checkout returns (session_id or booking, token): re-reads Stripe, then 303 to the booking’s page', auth: 'none', response: [303, null] },
  { method: 'post', path: '/v1/stripe/webhook', summary: 'Stripe events (Stripe-Signature on the raw body); each applied once, in any order', auth: 'none', response: [200, z.object({ received: z.boolean() })] },
  { method: 'post', path: '/v1/users/{username}/stripe/connect', summary: 'Stripe Connect onboarding for the user (STRIPE_CONNECT=true)', auth: 'owner', body: wire.emptyInput, response: [201, wire.stripeConnectLink] },
  { method: 'post', path: '/v1/teams/{slug}/stripe/connect', summary: 'Stripe Connect onboarding for the team: its event types are paid into it', auth: 'owner', body: wire.emptyInput, response: [201, wire.stripeConnectLink] },
  { method: 'get', path: '/v1/stripe/connect/return', summary: 'Where Stripe onboarding returns (signed link): checks charges_enabled', auth: 'none', response: [200, null] },
  { method: 'get', path: '/v1/stripe/connect/refresh', summary: 'Where an expired onboarding link leads (signed): 303 to a new one', auth: 'none', response: [303, null] },
  { method: 'post', path: '/v1/users', summary: 'Create a user (a host)', auth: 'admin', body: wire.createUserInput, response: [201, one('user', wire.user)] },
  { method: 'get', path: '/v1/users', summary: 'Users the key may see', auth: 'owner', query: wire.pageQuery, response: [200, wire.page('users', wire.user)] },
  { method: 'get', path: '/v1/users/{username}', summary: 'One user', auth: 'owner', response: [200, one('user', wire.user)] },
  { method: 'patch', path: '/v1/users/{username}', summary: 'Change a user', auth: 'owner', body: wire.updateUserInput, response: [200, one('user', wire.user)] },
  { method: 'post', path: '/v1/users/{username}/api-keys', summary: 'A new API key, shown once', auth: 'owner', body: wire.emptyInput, response: [201, wire.apiKeyCreated] },
  { method: 'get', path: '/v1/users/{username}/calendars', summary: 'The host’s calendar connections', auth: 'owner', response: [200, list('connections', wire.calendarConnection)] },
  { method: 'post', path: '/v1/users/{username}/calendars', summary: 'Connect an ICS feed or a CalDAV account (read once to list its calendars)', auth: 'owner', body: wire.createCalendarConnectionInput, response: [201, one('connection', wire.calendarConnection)] },
  { method: 'get', path: '/v1/users/{username}/calendars/{id}', summary: 'One calendar connection', auth: 'owner', response: [200, one('connection', wire.calendarConnection)] },
  { method: 'patch', path: '/v1/users/{username}/calendars/{id}', summary: 'Choose busy calendars and the destination, the error policy, or repair credentials', auth: 'owner', body: wire.updateCalendarConnectionInput, response: [200, one('connection', wire.calendarConnection)] },
  { method: 'delete', path: '/v1/users/{username}/calendars/{id}', summary: 'Disconnect a calendar', auth: 'owner', body: wire.emptyInput, response: [204, null] },
  { method: 'post', path: '/v1/users/{username}/calendars/google/connect', summary: 'The Google consent page to send the host to', auth: 'owner', body: wire.connectCalendarInput, response: [201, z.object({ url: z.string() })] },
  { method: 'post', path: '/v1/users/{username}/calendars/microsoft/connect', summary: 'The Microsoft consent page to send the host to', auth: 'owner', body: wire.connectCalendarInput, response: [201, z.object({ url: z.string() })] },
  { method: 'get', path: '/v1/calendars/google/callback', summary: 'Where Google sends the host back after consent (an HTML page or a redirect to returnTo)', auth: 'none', response: [200, null] },
  { method: 'get', path: '/v1/calendars/microsoft/callback', summary: 'Where Microsoft sends the host back after consent (an HTML page or a redirect to returnTo)', auth: 'none', response: [200, null] },
  { method: 'post', path: '/v1/teams', summary: 'Create a team', auth: 'owner', body: wire.createTeamInput, response: [201, one('team', wire.team)] },
  { method: 'get', path: '/v1/teams', summary: 'Teams the key may see', auth: 'owner', query: wire.pageQuery, response: [200, wire.page('teams', wire.team)] },
  { method: 'get', path: '/v1/teams/{slug}', summary: 'One team', auth: 'owner', response: [200, one('team', wire.team)] },
  { method: 'patch', path: '/v1/teams/{slug}', summary: 'Rename a team or replace its members', auth: 'owner', body: wire.updateTeamInput, response: [200, one('team', wire.team)] },
  { method: 'post', path: '/v1/schedules', summary: 'Create a schedule', auth: 'owner', body: wire.createScheduleInput, response: [201, one('schedule', wire.schedule)] },
  { method: 'get', path: '/v1/schedules', summary: 'The caller’s schedules', auth: 'owner', query: wire.pageQuery, response: [200, wire.page('schedules', wire.schedule)] },
  { method: 'get', path: '/v1/schedules/{id}', summary: 'One schedule', auth: 'owner', response: [200, one('schedule', wire.schedule)] },
  { method: 'patch', path: '/v1/schedules/{id}', summary: 'Change a schedule', auth: 'owner', body: wire.updateScheduleInput, response: [200, one('schedule', wire.schedule)] },
  { method: 'post', path: '/v1/event-types', summary: 'Create an event type', auth: 'owner', body: wire.createEventTypeInput, response: [201, one('eventType', wire.eventType)] },
  { method: 'get', path: '/v1/event-types', summary: 'The caller’s event types', auth: 'owner', query: wire.pageQuery, response: [200, wire.page('eventTypes', wire.eventType)] },
  { method: 'get', path: '/v1/event-types/{id}', summary: 'One event type', auth: 'owner', response: [200, one('eventType', wire.eventType)] },
  { method: 'patch', path: '/v1/event-types/{id}', summary: 'Change an event type (only the fields given)', auth: 'owner', body: wire.updateEventTypeInput, response: [200, one('eventType', wire.eventType)] },
  { method: 'delete', path: '/v1/event-types/{id}', summary: 'Delete an event type without bookings', auth: 'owner', body: wire.emptyInput, response: [204, null] },
  { method: 'post', path: '/v1/webhooks', summary: 'Subscribe; the whsec_ secret is shown once', auth: 'owner', body: wire.createWebhookInput, response: [201, one('webhook', wire.webhookSubscriptionCreated)] },
  { method: 'get', path: '/v1/webhooks', summary: 'The caller’s subscriptions', auth: 'owner', query: wire.listWebhooksQuery, response: [200, wire.page('webhooks', wire.webhookSubscription)] },
  { method: 'get', path: '/v1/webhooks/{id}', summary: 'One subscription', auth: 'owner', response: [200, one('webhook', wire.webhookSubscription)] },
  { method: 'patch', path: '/v1/webhooks/{id}', summary: 'Change the URL, events, event-type filter or enabled (re-enable after a 410)', auth: 'owner', body: wire.updateWebhookInput, response: [200, one('webhook', wire.webhookSubscription)] },
  { method: 'post', path: '/v1/webhooks/{id}/test', summary: 'Send a signed PING to this subscription now', auth: 'owner', body: wire.emptyInput, response: [202, one('delivery', wire.webhookDelivery)] },
  { method: 'delete', path: '/v1/webhooks/{id}', summary: 'Unsubscribe', auth: 'owner', body: wire.emptyInput, response: [204, null] },
  { method: 'post', path: '/v1/webhooks/{id}/rotate-secret', summary: 'A new secret; the old one signs too for 24 h', auth: 'owner', body: wire.emptyInput, response: [200, one('webhook', wire.webhookSecretRotated)] },
  { method: 'get', path: '/v1/webhooks/{id}/deliveries', summary: 'Deliveries with every attempt and the next retry', auth: 'owner', query: wire.pageQuery, response: [200, wire.page('deliveries', wire.webhookDelivery)] },
  { method: 'post', path: '/v1/webhooks/{id}/deliveries/{deliveryId}/retry', summary: 'Replay one delivery', auth: 'owner', body: wire.emptyInput, response: [200, one('delivery', wire.webhookDelivery)] },
];

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

/** Bodies are strict JSON (`additionalProperties: false` throughout); one whose fields are all optional may be left out. */
function requestBody(body: z.ZodType) {
  const schema = jsonSchema(body, 'input');
  return { required: Array.isArray(schema.required) && schema.required.length > 0, content: { 'application/json': { schema } } };
}

const SECURITY: Record<Auth, Array<Record<string, string[]>>> = {
  none: [],
  owner: [{ apiKey: [] }],
  admin: [{ apiKey: [] }],
  manage: [{ apiKey: [] }, { manageToken: [] }],
};

/** The OpenAPI 3.1 document of GET /v1/openapi.json, generated from the schemas requests are validated with. */
export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const parameters = [
      ...[...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
      ...Object.entries(op.query ? (jsonSchema(op.query, 'input').properties as Record<string, unknown>) : {}).map(([name, schema]) => ({
        name,
        in: 'query',
        required: (jsonSchema(op.query!, 'input').required as string[] | undefined)?.includes(name) ?? false,
        schema,
      })),
    ];
    const [status, response] = op.response;
    (paths[op.path] ??= {})[op.method] = {
      summary: op.summary,
      security: SECURITY[op.auth],
      ...(parameters.length > 0 && { parameters }),
      ...(op.body && { requestBody: requestBody(op.body) }),
      responses: {
        [status]: response ? { description: 'OK', content: { 'application/json': { schema: jsonSchema(response, 'output') } } } : { description: status === 204 ? 'No content' : status === 303 ? 'A redirect' : 'An HTML page' },
        default: { description: 'The error body', content: { 'application/json': { schema: jsonSchema(wire.errorBody, 'output') } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'OpenSlot API', version: '1' },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key (osk_…) or the platform admin key' },
        manageToken: { type: 'http', scheme: 'bearer', description: 'A booking’s manage token (also accepted as ?token=)' },
      },
    },
    paths,
  };
}
