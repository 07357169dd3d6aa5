import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DELIVERED_EVENT_TYPES, webhookEventJsonSchema } from './event-schemas.js';
import { eventValidator } from '../test-support/webhook-receiver.js';

const file = (type: string) => new URL(`../../webhook-schemas/v1/${type}.json`, import.meta.url);

describe('webhook event JSON Schemas (server/webhook-schemas/v1)', () => {
  // WRITE_WEBHOOK_SCHEMAS=1 npx vitest run src/webhooks/event-schemas regenerates them after a deliberate change.
  it.each(DELIVERED_EVENT_TYPES)('%s.json is the schema the zod envelope generates', (type) => {
    const generated = JSON.stringify(webhookEventJsonSchema(type), null, 2) + '\n';
    if (process.env.WRITE_WEBHOOK_SCHEMAS === '1') writeFileSync(file(type), generated);
    expect(readFileSync(file(type), 'utf8')).toBe(generated);
  });

  it('rejects a body that leaks a secret or names another type', () => {
    const validate = eventValidator('BOOKING_CREATED');
    const booking = {
      uid: 'b1', status: 'accepted', eventType: 'alice/intro', title: 'Intro', start: '2026-12-02T09:00:00.000Z', end: '2026-12-02T09:30:00.000Z',
      timeZone: 'Europe/Berlin', hosts: [{ username: 'alice', name: 'Alice', email: 'alice@example.com' }],
      attendee: { name: 'Dana', email: 'dana@example.com', timeZone: 'Europe/Berlin', locale: null }, guests: [], responses: {}, metadata: {},
      location: { type: 'jitsi', url: 'https://meet.jit.si/x', address: null }, recurringSeriesUid: null, rescheduledFromUid: null, rescheduledToUid: null,
      cancellationReason: null, rejectionReason: null, payment: null, createdAt: '2026-12-01T08:00:00.000Z', updatedAt: '2026-12-01T08:00:00.000Z',
    };
    const body = { type: 'BOOKING_CREATED', timestamp: '2026-12-01T08:00:00.000Z', data: { booking } };
    expect(validate(body)).toEqual({ success: true });
    expect(validate({ ...body, data: { ...body.data, booking: { ...body.data.booking, manageToken: 'x' } } }).success).toBe(false);
    expect(validate({ ...body, data: { ...body.data, manageToken: 'x' } }).success).toBe(false);
    expect(validate({ ...body, type: 'BOOKING_CANCELLED' }).success).toBe(false);
  });
});
