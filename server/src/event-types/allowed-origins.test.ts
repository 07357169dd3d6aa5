import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

// allowedOrigins: an event type embeddable only on the owner's own sites.
describe('allowedOrigins', () => {
  let app: TestApp;
  const shop = { origin: 'https://shop.example.com' };
  const elsewhere = { origin: 'https://copycat.example.net' };
  const booking = (start: string) => ({ event: 'nina/fitting', start, timeZone: 'UTC', attendee: { name: 'Ola', email: 'ola@example.com' } });

  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-01T08:00:00Z', env: { PUBLIC_URL: 'https://book.example.org' } });
    await app.api('POST', '/v1/users', { username: 'nina', name: 'Nina', email: 'nina@example.com', timeZone: 'UTC' });
    const created = await app.api('POST', '/v1/event-types', { owner: 'nina', slug: 'fitting', title: 'Fitting', durationMinutes: 30, allowedOrigins: ['https://shop.example.com/'] });
    expect(created.status).toBe(201);
  });
  afterAll(() => app.close());

  const slots = (headers: Record<string, string>) => app.api('GET', '/v1/slots?event=nina/fitting&start=2026-12-02&end=2026-12-02', undefined, { token: null, headers });

  it('serves pages on a listed site, and callers that send no Origin', async () => {
    expect((await slots(shop)).status).toBe(200);
    expect((await slots({})).status).toBe(200);
    expect((await app.api('GET', '/v1/event-types/nina/fitting', undefined, { token: null, headers: shop })).status).toBe(200);
    expect((await app.api('POST', '/v1/bookings', booking('2026-12-02T09:00:00Z'), { token: null, headers: shop })).status).toBe(201);
    // The server's own pages (the manage page runs the widget from it) are always allowed.
    expect((await slots({ origin: 'https://book.example.org' })).status).toBe(200);
  });

  it('refuses pages on other sites with 403 origin_not_allowed, and books nothing for them', async () => {
    const refused = await slots(elsewhere);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'origin_not_allowed', details: { origin: elsewhere.origin } });
    expect((await app.api('GET', '/v1/event-types/nina/fitting', undefined, { token: null, headers: elsewhere })).status).toBe(403);
    const booked = await app.api('POST', '/v1/bookings', booking('2026-12-02T10:00:00Z'), { token: null, headers: elsewhere });
    expect(booked.status).toBe(403);
    const listed = await app.api('GET', '/v1/bookings?event=nina/fitting');
    expect(listed.body.bookings.map((b: { start: string }) => b.start)).toEqual(['2026-12-02T09:00:00.000Z']);
  });

  it('accepts only http(s) origins, refusing anything else with 400 naming the entry, and keeps the list', async () => {
    const id = (await app.api('GET', '/v1/event-types')).body.eventTypes[0].id;
    const bad = [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'https://shop.example.com/book',
      'https://user:pw@shop.example.com',
      'https://*.example.com',
      'https://shop.example.com?x=1',
      ' https://shop.example.com',
      'https://shop.example.com\n',
      'ftp://shop.example.com',
      'https://',
    ];
    for (const entry of bad) {
      const created = await app.api('POST', '/v1/event-types', { owner: 'nina', slug: 'evil', title: 'Evil', durationMinutes: 30, allowedOrigins: ['http://localhost:3000', entry] });
      expect(created.status, entry).toBe(400);
      expect(created.body.error.details.fields, entry).toEqual([{ field: 'allowedOrigins.1', message: 'must be an http(s) origin, like https://shop.example.com' }]);
      const patched = await app.api('PATCH', `/v1/event-types/${id}`, { allowedOrigins: [entry] });
      expect(patched.status, entry).toBe(400);
      expect(patched.body.error.details.fields[0].field).toBe('allowedOrigins.0');
    }
    expect((await app.api('GET', `/v1/event-types/${id}`)).body.eventType.allowedOrigins).toEqual(['https://shop.example.com/']);
    expect((await app.api('GET', '/v1/event-types/nina/evil', undefined, { token: null })).status).toBe(404);
    const fine = await app.api('PATCH', `/v1/event-types/${id}`, { allowedOrigins: ['https://shop.example.com/', 'http://localhost:3000', 'https://[::1]:8443', 'HTTPS://Shop.Example.com'] });
    expect(fine.status).toBe(200);
    await app.api('PATCH', `/v1/event-types/${id}`, { allowedOrigins: ['https://shop.example.com/'] });
  });
});
