import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingBody, createHost } from '../test-support/bookings.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

// Questions may be named anything a form field can be, even what Object.prototype has.
describe('booking questions named like Object.prototype members', () => {
  let app: TestApp;
  let event = '';
  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-01T08:00:00Z' });
    event = (
      await createHost(app, 'quin', {
        bookingFields: [
          { name: 'constructor', label: 'Company', type: 'text', required: true },
          { name: 'toString', label: 'Notes', type: 'textarea' },
          { name: 'hasOwnProperty', label: 'Agree', type: 'checkbox' },
        ],
      })
    ).event;
  });
  afterAll(() => app.close());

  const post = (responses: Record<string, unknown>, start = '2026-12-02T10:00:00Z') => app.api('POST', '/v1/bookings', bookingBody(event, start, { responses }), { token: null });

  it('books with only the required one answered, and keeps the answers as given', async () => {
    const res = await post({ constructor: 'Acme' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.booking.responses).toEqual({ constructor: 'Acme' });
    const both = await post({ constructor: 'Acme', toString: 'hello', hasOwnProperty: true }, '2026-12-02T11:00:00Z');
    expect(both.status).toBe(201);
    expect((await app.api('GET', `/v1/bookings/${both.body.booking.uid}`)).body.booking.responses).toEqual({ constructor: 'Acme', toString: 'hello', hasOwnProperty: true });
  });

  it('says the required one is missing, not that a function is not text', async () => {
    const res = await post({}, '2026-12-02T12:00:00Z');
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields).toEqual([{ field: 'responses.constructor', message: 'required' }]);
    // A `__proto__` answer is dropped on the way in (never stored, never anyone's prototype); in the body itself it is an unknown field.
    const answers = JSON.stringify(bookingBody(event, '2026-12-02T12:00:00Z', { responses: { constructor: 'Acme' } })).replace('"responses":{', '"responses":{"__proto__":{"polluted":true},');
    const stored = await app.api('POST', '/v1/bookings', answers, { token: null });
    expect(stored.status).toBe(201);
    expect(stored.body.booking.responses).toEqual({ constructor: 'Acme' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const top = await app.api('POST', '/v1/bookings', JSON.stringify(bookingBody(event, '2026-12-02T13:00:00Z')).replace('{', '{"__proto__":{},'), { token: null });
    expect(top.status).toBe(400);
    expect(top.body.error.details.fields).toEqual([expect.objectContaining({ field: '__proto__', message: 'unknown field' })]);
  });
});
