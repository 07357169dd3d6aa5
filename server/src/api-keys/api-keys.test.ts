import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { book, createHost } from '../test-support/bookings.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

const MINUTE = 60_000;

/** API keys listed, revoked, scoped and expiring (issue 12), tried as the attacker would, on SQLite and MariaDB. */
describe('API keys', () => {
  let app: TestApp;
  let alice: Awaited<ReturnType<typeof createHost>>;
  let bob: Awaited<ReturnType<typeof createHost>>;
  beforeAll(async () => {
    app = await startTestApp({ now: '2026-12-01T08:00:00Z' });
    alice = await createHost(app, 'alice');
    bob = await createHost(app, 'bob');
  });
  afterAll(() => app?.close());

  const newKey = async (username: string, token: string, body: unknown = {}) => {
    const res = await app.api('POST', `/v1/users/${username}/api-keys`, body, { token });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { key: string; apiKey: { id: number; prefix: string; scopes: string[] } };
  };
  const me = (token: string) => app.api('GET', '/v1/users/alice', undefined, { token });

  it('lists a user’s keys a page at a time: prefix, name, scopes, times, never the key', async () => {
    const ci = await newKey('alice', alice.apiKey, { name: 'ci', scopes: ['read'], expiresAt: '2027-01-01T00:00:00Z' });
    expect(ci.key).toMatch(/^osk_/);
    expect(ci.apiKey).toMatchObject({ name: 'ci', scopes: ['read'], expiresAt: '2027-01-01T00:00:00.000Z', lastUsedAt: null, createdAt: '2026-12-01T08:00:00.000Z' });
    expect(ci.key.startsWith(ci.apiKey.prefix)).toBe(true);
    const first = await app.api('GET', '/v1/users/alice/api-keys?limit=1', undefined, { token: alice.apiKey });
    expect(first.status).toBe(200);
    expect(first.body.apiKeys).toHaveLength(1);
    expect(first.body.apiKeys[0]).toMatchObject({ scopes: ['full'], name: null, expiresAt: null });
    const second = await app.api('GET', `/v1/users/alice/api-keys?limit=1&cursor=${first.body.nextCursor}`, undefined, { token: alice.apiKey });
    expect(second.body).toEqual({ apiKeys: [ci.apiKey], nextCursor: null });
    expect(JSON.stringify([first.body, second.body])).not.toContain(ci.key);
    // Bob may not list Alice's keys.
    expect((await app.api('GET', '/v1/users/alice/api-keys', undefined, { token: bob.apiKey })).status).toBe(403);
  });

  it('refuses bad key requests with a 400 naming the field', async () => {
    for (const [body, field] of [
      [{ scopes: ['admin'] }, 'scopes'],
      [{ scopes: [] }, 'scopes'],
      [{ expiresAt: 'tomorrow' }, 'expiresAt'],
      [{ expiresAt: '2026-11-30T00:00:00Z' }, 'expiresAt'],
      [{ name: 'x'.repeat(101) }, 'name'],
      [{ nmae: 'typo' }, 'nmae'],
    ] as const) {
      const res = await app.api('POST', '/v1/users/alice/api-keys', body, { token: alice.apiKey });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(res.body.error.details), JSON.stringify(body)).toContain(field);
    }
  });

  it('a revoked key answers 401 at once; another user’s key id cannot be revoked (404) and keeps working', async () => {
    const leaked = await newKey('alice', alice.apiKey, { name: 'leaked' });
    expect((await me(leaked.key)).status).toBe(200);
    const bobs = await newKey('bob', bob.apiKey);
    // Alice tries Bob's key id, under her own name and under his.
    expect((await app.api('DELETE', `/v1/users/alice/api-keys/${bobs.apiKey.id}`, undefined, { token: alice.apiKey })).status).toBe(404);
    expect((await app.api('DELETE', `/v1/users/bob/api-keys/${bobs.apiKey.id}`, undefined, { token: alice.apiKey })).status).toBe(403);
    expect((await app.api('GET', '/v1/users/bob', undefined, { token: bobs.key })).status).toBe(200);

    expect((await app.api('DELETE', `/v1/users/alice/api-keys/${leaked.apiKey.id}`, undefined, { token: alice.apiKey })).status).toBe(204);
    const after = await me(leaked.key);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthorized');
    expect((await app.api('DELETE', `/v1/users/alice/api-keys/${leaked.apiKey.id}`, undefined, { token: alice.apiKey })).status).toBe(404);
    expect((await app.api('GET', '/v1/users/alice/api-keys', undefined, { token: alice.apiKey })).body.apiKeys.map((k: { id: number }) => k.id)).not.toContain(leaked.apiKey.id);
    // The admin may revoke anyone's key.
    expect((await app.api('DELETE', `/v1/users/bob/api-keys/${bobs.apiKey.id}`)).status).toBe(204);
    expect((await app.api('GET', '/v1/users/bob', undefined, { token: bobs.key })).status).toBe(401);
  });

  it('an expired key answers 401', async () => {
    const shortLived = await newKey('alice', alice.apiKey, { expiresAt: '2026-12-01T09:00:00Z' });
    expect((await me(shortLived.key)).status).toBe(200);
    app.clock.advance(60 * MINUTE);
    const res = await me(shortLived.key);
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/expired/);
  });

  it('a read-only key reads and cannot write; a bookings key manages bookings and nothing else', async () => {
    const { booking } = await book(app, alice.event, '2026-12-03T09:00:00Z');
    const reader = await newKey('alice', alice.apiKey, { scopes: ['read'] });
    expect((await app.api('GET', `/v1/bookings/${booking.uid}`, undefined, { token: reader.key })).status).toBe(200);
    expect((await app.api('GET', '/v1/event-types', undefined, { token: reader.key })).status).toBe(200);
    for (const [method, path, body] of [
      ['POST', `/v1/bookings/${booking.uid}/cancel`, { reason: 'mine now' }],
      ['PATCH', '/v1/users/alice', { name: 'Mallory' }],
      ['POST', '/v1/event-types', { owner: 'alice', slug: 'evil', title: 'Evil', durationMinutes: 15 }],
      ['POST', '/v1/users/alice/api-keys', {}],
      ['GET', '/v1/users/alice/api-keys', undefined],
      ['POST', '/v1/webhooks', { owner: 'alice', url: 'https://evil.example.com/h', events: ['BOOKING_CREATED'] }],
    ] as const) {
      const res = await app.api(method, path, body, { token: reader.key });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.message, `${method} ${path}`).toMatch(/scope/);
    }
    expect((await app.api('GET', `/v1/bookings/${booking.uid}`, undefined, { token: alice.apiKey })).body.booking.status).toBe('accepted');
    expect((await me(alice.apiKey)).body.user.name).toBe('Alice Host');

    const desk = await newKey('alice', alice.apiKey, { scopes: ['bookings'] });
    expect((await app.api('PATCH', '/v1/users/alice', { name: 'Mallory' }, { token: desk.key })).status).toBe(403);
    expect((await app.api('POST', '/v1/users/alice/api-keys', { scopes: ['full'] }, { token: desk.key })).status).toBe(403);
    const cancelled = await app.api('POST', `/v1/bookings/${booking.uid}/cancel`, { reason: 'host ill' }, { token: desk.key });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.booking.status).toBe('cancelled');
  });

  it('records last use cheaply: at most one write a minute per key, never waited for', async () => {
    const { key, apiKey } = await newKey('alice', alice.apiKey, { name: 'meter' });
    const writes: string[] = [];
    const listener = (query: { sql: string; bindings?: unknown[] }) => {
      if (/update .api_keys./i.test(query.sql) && query.bindings?.includes(apiKey.id)) writes.push(query.sql);
    };
    app.testDb.db.on('query', listener);
    try {
      for (let k = 0; k < 20; k++) expect((await me(key)).status).toBe(200);
      await app.services.apiKeyUsage.settled();
      expect(writes).toHaveLength(1);
      const listed = async () => (await app.api('GET', '/v1/users/alice/api-keys', undefined, { token: alice.apiKey })).body.apiKeys.find((k: { id: number }) => k.id === apiKey.id);
      const used = (await listed()).lastUsedAt;
      expect(used).toBe(new Date(app.clock.now()).toISOString());
      app.clock.advance(MINUTE);
      await me(key);
      await app.services.apiKeyUsage.settled();
      expect(writes).toHaveLength(2);
      expect(Date.parse((await listed()).lastUsedAt) - Date.parse(used)).toBe(MINUTE);
    } finally {
      app.testDb.db.off('query', listener);
    }
  });
});
