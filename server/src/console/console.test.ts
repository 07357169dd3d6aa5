import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost } from '../test-support/bookings.js';
import { startInbox } from '../test-support/smtp-inbox.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

interface Page {
  status: number;
  headers: Headers;
  text: string;
}

describe('/console', () => {
  let app: TestApp;
  let inbox: Awaited<ReturnType<typeof startInbox>>;
  let alice: Awaited<ReturnType<typeof createHost>>;

  async function request(method: 'GET' | 'POST', path: string, options: { form?: Record<string, string>; cookie?: string; origin?: string | null; headers?: Record<string, string> } = {}): Promise<Page> {
    const origin = options.origin === undefined ? app.url : options.origin;
    const res = await fetch(app.url + path, {
      method,
      redirect: 'manual',
      headers: { ...(options.cookie && { cookie: options.cookie }), ...(method === 'POST' && origin && { origin }), ...options.headers },
      ...(options.form && { body: new URLSearchParams(options.form) }),
    });
    return { status: res.status, headers: res.headers, text: await res.text() };
  }

  /** Asks for a link for `email` and returns the path of the one the worker mailed. */
  async function emailedLink(email: string): Promise<string> {
    const before = inbox.mails.length;
    expect((await request('POST', '/console/sign-in', { form: { email } })).status).toBe(200);
    await app.services.worker.runOnce();
    expect(inbox.mails).toHaveLength(before + 1);
    const href = inbox.mails.at(-1)!.text.match(/https?:\/\/\S+(\/console\/sign-in\/link\?token=\S+)/);
    return href![1]!;
  }

  /** Signs in with a fresh link; the session cookie as a `Cookie` header. */
  async function signIn(email = 'alice@example.com'): Promise<string> {
    const link = await emailedLink(email);
    const token = new URL(link, app.url).searchParams.get('token')!;
    const res = await request('POST', '/console/sign-in/link', { form: { token } });
    expect(res.status).toBe(303);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  }

  const tokenIn = (html: string) => html.match(/token="(oss_[^"]+)"/)![1]!;

  beforeAll(async () => {
    inbox = await startInbox();
    // Behind a TLS-terminating proxy on loopback, as the https test below is: only then does X-Forwarded-Proto count.
    app = await startTestApp({ env: { SMTP_URL: inbox.smtpUrl, SIGN_IN_LINK_MINUTES: '15', TRUST_PROXY: 'loopback' } });
    alice = await createHost(app, 'alice');
    await createHost(app, 'bob');
  });
  afterAll(async () => {
    await app.close();
    await inbox.close();
  });

  it('sends a sign-in link by email, answering the same whether or not the address has an account', async () => {
    const unknown = await request('POST', '/console/sign-in', { form: { email: 'nobody@example.com' } });
    const known = await request('POST', '/console/sign-in', { form: { email: 'ALICE@example.com' } });
    expect(unknown.status).toBe(200);
    expect(known.text).toBe(unknown.text);
    await app.services.worker.runOnce();
    expect(inbox.mails.map((mail) => mail.to)).toEqual([['alice@example.com']]);
    expect(inbox.mails[0]!.subject).toBe('Your OpenSlot sign-in link');
    expect(inbox.mails[0]!.text).toMatch(/once, within 15 minutes/);
    const bad = await request('POST', '/console/sign-in', { form: { email: 'not an address' } });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/aria-invalid="true"/);
  });

  it('signs in only through the button behind the link, setting an HttpOnly SameSite=Lax cookie, and lands on the console', async () => {
    const link = await emailedLink('alice@example.com');
    const confirm = await request('GET', link);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toMatch(/<button type="submit">Sign in<\/button>/);
    expect(confirm.headers.get('referrer-policy')).toBe('same-origin');
    expect((await request('GET', '/console')).headers.get('location')).toBe('/console/sign-in');

    const token = new URL(link, app.url).searchParams.get('token')!;
    const signedIn = await request('POST', '/console/sign-in/link', { form: { token } });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('location')).toBe('/console');
    const cookie = signedIn.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^openslot_console=[\w-]{43}; Path=\/console; HttpOnly; SameSite=Lax; Max-Age=604800$/);

    const consolePage = await request('GET', '/console', { cookie: cookie.split(';')[0]! });
    expect(consolePage.status).toBe(200);
    for (const tag of ['openslot-availability', 'openslot-event-types', 'openslot-bookings', 'openslot-calendars', 'openslot-payments']) {
      expect(consolePage.text).toMatch(new RegExp(`<${tag} api="[^"]+" username="alice" token="oss_[^"]+"></${tag}>`));
    }
    expect(consolePage.text).toContain('<script type="module" src="/host.js"></script>');
    const csp = consolePage.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(consolePage.text).not.toMatch(/<script>|<script [^>]*>[^<]/);
  });

  it('refuses a used link and an expired one with a clear page, signing nobody in', async () => {
    const link = await emailedLink('alice@example.com');
    const token = new URL(link, app.url).searchParams.get('token')!;
    expect((await request('POST', '/console/sign-in/link', { form: { token } })).status).toBe(303);
    for (const again of [await request('GET', link), await request('POST', '/console/sign-in/link', { form: { token } })]) {
      expect(again.status).toBe(410);
      expect(again.text).toMatch(/already used/);
      expect(again.headers.get('set-cookie')).toBeNull();
    }

    const late = await emailedLink('alice@example.com');
    app.clock.advance(15 * 60_000);
    const expired = await request('POST', '/console/sign-in/link', { form: { token: new URL(late, app.url).searchParams.get('token')! } });
    expect(expired.status).toBe(410);
    expect(expired.text).toMatch(/expired/);
    expect((await request('GET', late)).status).toBe(410);

    const forged = await request('GET', `/console/sign-in/link?token=${'A'.repeat(43)}.${'B'.repeat(43)}`);
    expect(forged.status).toBe(404);
    expect(forged.text).toMatch(/not a sign-in link we sent/);
    app.clock.set('2026-12-01T08:00:00Z');
  });

  it('acts on no console write whose Origin is another site (or missing), the sign-in form included', async () => {
    const cookie = await signIn();
    // Origin another site, or vouching for nothing; or the browser saying it came from elsewhere.
    const refusals: Array<{ origin: string | null; headers?: Record<string, string> }> = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: null },
      { origin: null, headers: { 'sec-fetch-site': 'same-site' } },
      { origin: app.url, headers: { 'sec-fetch-site': 'cross-site' } },
    ];
    for (const { origin, headers } of refusals) {
      const refused = await request('POST', '/console/session-token', { cookie, origin, ...(headers && { headers }) });
      expect(refused.status, `${origin} ${JSON.stringify(headers)}`).toBe(403);
      expect((await request('POST', '/console/sign-out', { cookie, origin, ...(headers && { headers }) })).status).toBe(403);
      expect((await request('POST', '/console/sign-in', { form: { email: 'alice@example.com' }, origin, ...(headers && { headers }) })).status).toBe(403);
    }
    expect((await request('POST', '/console/session-token', { cookie, origin: null, headers: { 'sec-fetch-site': 'same-origin' } })).status).toBe(201);
    expect((await request('POST', '/console/session-token', { cookie, origin: 'null', headers: { 'sec-fetch-site': 'same-origin' } })).status).toBe(201);
    expect((await request('GET', '/console', { cookie })).status).toBe(200);
  });

  it("mints session tokens for alice only, audited as the console's", async () => {
    const cookie = await signIn();
    const renewed = await request('POST', '/console/session-token', { cookie });
    expect(renewed.status).toBe(201);
    const { token, expiresAt } = JSON.parse(renewed.text);
    expect(expiresAt).toBe('2026-12-01T09:00:00.000Z');
    expect((await app.api('GET', '/v1/users/bob', undefined, { token })).status).toBe(403);
    expect((await app.api('POST', '/v1/users/alice/api-keys', {}, { token })).status).toBe(403);
    expect((await app.api('PATCH', `/v1/event-types/${alice.eventTypeId}`, { title: 'From the console' }, { token })).status).toBe(200);
    const [latest, ...earlier] = (await app.api('GET', '/v1/users/alice/audit', undefined, { token: alice.apiKey })).body.entries;
    expect(latest).toMatchObject({ actor: { username: 'alice', via: 'console' }, action: 'PATCH /v1/event-types/:id', resource: { type: 'eventType', id: String(alice.eventTypeId) } });
    expect(earlier[0]).toMatchObject({ actor: { via: 'console', credentialId: latest.actor.credentialId }, action: 'console.sign_in' });
  });

  it('lists the sessions, revokes another one (its tokens with it), and signs out', async () => {
    const first = await signIn();
    const second = await signIn();
    const secondToken = tokenIn((await request('GET', '/console', { cookie: second })).text);
    const page = (await request('GET', '/console', { cookie: first })).text;
    const sessions = [...page.matchAll(/<li data-session="(\d+)">/g)].map((m) => Number(m[1]));
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    const [secondId, firstId] = sessions;
    expect(page).toMatch(new RegExp(`data-session="${firstId}"><span>[^<]*<strong>\\(this browser\\)</strong>`));

    const revoked = await request('POST', `/console/sessions/${secondId}/revoke`, { cookie: first });
    expect(revoked.status).toBe(303);
    expect((await request('GET', '/console', { cookie: second })).headers.get('location')).toBe('/console/sign-in');
    expect((await app.api('GET', '/v1/users/alice', undefined, { token: secondToken })).status).toBe(401);
    expect((await request('POST', '/console/session-token', { cookie: second })).status).toBe(401);

    const bobs = await signIn('bob@example.com');
    expect((await request('POST', `/console/sessions/${firstId}/revoke`, { cookie: bobs })).status).toBe(404);

    const firstToken = tokenIn((await request('GET', '/console', { cookie: first })).text);
    const out = await request('POST', '/console/sign-out', { cookie: first });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/^openslot_console=; .*Max-Age=0/);
    expect((await request('GET', '/console', { cookie: first })).status).toBe(303);
    expect((await app.api('GET', '/v1/users/alice', undefined, { token: firstToken })).status).toBe(401);
    const actions = (await app.api('GET', '/v1/users/alice/audit?limit=3', undefined, { token: alice.apiKey })).body.entries.map((e: { action: string }) => e.action);
    expect(actions[0]).toBe('console.sign_out');
    expect(actions).toContain('console.revoke_session');
  });

  it('marks the cookie Secure when the console is reached over https through a trusted proxy', async () => {
    const link = await emailedLink('alice@example.com');
    const token = new URL(link, app.url).searchParams.get('token')!;
    const host = new URL(app.url).host;
    const res = await request('POST', '/console/sign-in/link', { form: { token }, origin: `https://${host}`, headers: { 'x-forwarded-proto': 'https' } });
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toMatch(/; Secure$/);
  });
});
