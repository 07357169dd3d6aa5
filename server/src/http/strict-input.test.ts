import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../openapi/openapi.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../test-support/test-app.js';

// Bodies that are not ours to define (a third party's signed payload) are read raw, not by a wire schema.
const RAW_BODIES = new Set(['POST /v1/stripe/webhook']);

const writes = OPERATIONS.filter((op) => op.method !== 'get' && !RAW_BODIES.has(`${op.method.toUpperCase()} ${op.path}`));
const label = (op: (typeof OPERATIONS)[number]) => `${op.method.toUpperCase()} ${op.path}`;
const inputSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, any>;

/** Every place in a JSON Schema that accepts unbounded input, by path. */
function unbounded(schema: Record<string, any>, path = '', root = schema): string[] {
  if (schema.$ref) return unbounded(root.$defs[String(schema.$ref).replace('#/$defs/', '')], path, root);
  const nested = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])].flatMap((option: Record<string, any>) => unbounded(option, path, root));
  const at = (key: string) => (path ? `${path}.${key}` : key);
  switch (schema.type) {
    case 'object': {
      const problems = Object.entries((schema.properties ?? {}) as Record<string, Record<string, any>>).flatMap(([key, value]) => unbounded(value, at(key), root));
      if (schema.additionalProperties === false) return [...nested, ...problems];
      if (typeof schema.additionalProperties !== 'object') return [...nested, ...problems, `${path || 'body'}: open object (not strict)`];
      // A record: bounded keys, a bounded number of them, bounded values.
      if (schema.maxProperties === undefined) problems.push(`${path}: record without maxProperties`);
      if (schema.propertyNames?.maxLength === undefined) problems.push(`${path}: record keys without maxLength`);
      return [...nested, ...problems, ...unbounded(schema.additionalProperties, at('*'), root)];
    }
    case 'array':
      return [...nested, ...(schema.maxItems === undefined ? [`${path}: list without maxItems`] : []), ...unbounded(schema.items ?? {}, at('*'), root)];
    case 'string':
      return [...nested, ...(schema.maxLength === undefined && schema.enum === undefined && schema.const === undefined ? [`${path}: string without maxLength`] : [])];
    default:
      return nested;
  }
}

/** A first known field of a body schema, and a believable misspelling of it. */
function misspelling(schema: z.ZodType): { known: string | null; unknown: string } {
  const known = Object.keys(inputSchema(schema).properties ?? {})[0] ?? null;
  return { known, unknown: known ? `${known.slice(0, -1)}${known.at(-1) === 'x' ? 'y' : 'x'}` : 'extra' };
}

describe('every write takes a strict body, with documented maxima', () => {
  it('declares a body schema for every write route', () => {
    expect(writes.filter((op) => !op.body).map(label)).toEqual([]);
  });

  it.each(writes.map((op) => [label(op), op] as const))('%s: every object is strict, every string, list and record bounded', (_label, op) => {
    expect(unbounded(inputSchema(op.body!))).toEqual([]);
  });
});

describe('unknown fields and content types (through the real app)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  // Routers parse the body before they look anything up, so placeholder ids reach the check.
  it.each(writes.map((op) => [label(op), op] as const))('%s refuses an unknown field, naming the nearest known one', async (_label, op) => {
    const { known, unknown } = misspelling(op.body!);
    const path = op.path.replace(/\{(\w+)\}/g, 'placeholder');
    const res = await app.api(op.method.toUpperCase(), path, { [unknown]: 1 });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.fields).toContainEqual(expect.objectContaining({ field: unknown, ...(known && { nearest: known }) }));
  });

  it('names each unknown field, nested ones too, with the field meant', async () => {
    await app.api('POST', '/v1/users', { username: 'nina', name: 'Nina', email: 'nina@example.com' });
    const eventType = await app.api('POST', '/v1/event-types', { owner: 'nina', slug: 'fit', title: 'Fitting', durationMinutes: 30, bufferAfterMinutes: 10 });
    expect(eventType.status).toBe(400);
    expect(eventType.body.error.message).toBe('Invalid body: bufferAfterMinutes: unknown field; did you mean "afterBufferMinutes"?');
    expect((await app.api('GET', '/v1/event-types')).body.eventTypes).toEqual([]);

    const schedule = await app.api('POST', '/v1/schedules', { owner: 'nina', name: 'Summer', weeklyHour: [], overrides: [{ date: '2026-12-24', range: [] }] });
    expect(schedule.body.error.details.fields).toEqual(
      expect.arrayContaining([
        { field: 'weeklyHour', message: 'unknown field; did you mean "weeklyHours"?', nearest: 'weeklyHours' },
        expect.objectContaining({ field: 'overrides.0.range', nearest: 'ranges' }),
      ]),
    );

    const booking = await app.api('POST', '/v1/bookings', {
      event: 'nina/fit', start: '2026-12-02T10:00:00Z', timeZone: 'UTC', guest: ['a@example.com'], attendee: { name: 'Dana', email: 'dana@example.com', timezone: 'UTC' },
    }, { token: null });
    expect(booking.status).toBe(400);
    expect(booking.body.error.details.fields).toEqual([
      { field: 'attendee.timezone', message: 'unknown field; did you mean "timeZone"?', nearest: 'timeZone' },
      { field: 'guest', message: 'unknown field; did you mean "guests"?', nearest: 'guests' },
    ]);
  });

  it('refuses a body that is not JSON with 415, and takes a write without a body', async () => {
    const post = (headers: Record<string, string>, body: string) => fetch(`${app.url}/v1/users`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}`, ...headers }, body });
    const json = JSON.stringify({ username: 'omar', name: 'Omar', email: 'omar@example.com' });
    for (const res of [await post({}, json), await post({ 'content-type': 'text/plain' }, json), await post({ 'content-type': 'application/x-www-form-urlencoded' }, 'username=omar')]) {
      expect(res.status).toBe(415);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unsupported_media_type');
    }
    expect((await app.api('GET', '/v1/users/omar')).status).toBe(404);
    expect((await post({ 'content-type': 'application/json; charset=utf-8' }, json)).status).toBe(201);
    const key = await fetch(`${app.url}/v1/users/omar/api-keys`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(key.status).toBe(201);
  });

  it('says so in the OpenAPI document: additionalProperties false, and the maxima', async () => {
    const document = (await app.api('GET', '/v1/openapi.json')).body;
    const booking = document.paths['/v1/bookings'].post.requestBody.content['application/json'].schema;
    expect(booking.additionalProperties).toBe(false);
    expect(booking.properties.attendee).toMatchObject({ additionalProperties: false, properties: { name: { maxLength: 200 }, email: { maxLength: 254 } } });
    expect(booking.properties.metadata).toMatchObject({ maxProperties: 50, propertyNames: { maxLength: 40 }, additionalProperties: { maxLength: 500 } });
    expect(document.paths['/v1/webhooks/{id}/rotate-secret'].post.requestBody).toMatchObject({ required: false, content: { 'application/json': { schema: { additionalProperties: false } } } });
  });
});
