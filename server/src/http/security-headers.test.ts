import { afterEach, describe, expect, it } from 'vitest';
import { createHost } from '../test-support/bookings.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';
import { testDialect } from '../test-support/test-db.js';

describe(`security headers (${testDialect()})`, () => {
  let app: TestApp;
  afterEach(async () => app.close());

  it('every answer: nosniff, no referrer, a CSP; HTML pages their own CSP; no HSTS over http', async () => {
    app = await startTestApp();
    const host = await createHost(app, 'nora');
    for (const path of ['/health', '/v1/openapi.json', `/v1/slots?event=${host.event}&start=2026-12-02&end=2026-12-02&timeZone=UTC`, '/v1/nothing-here', '/docs']) {
      const answer = await fetch(app.url + path);
      expect(answer.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(answer.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(answer.headers.get('content-security-policy'), path).toContain("default-src 'none'");
      expect(answer.headers.get('strict-transport-security'), path).toBeNull();
    }
    // The manage page, the confirm/reject pages and the payment pages run the widget from this server only.
    for (const path of ['/manage/bookings/unknown?token=x', '/manage/bookings/unknown/confirm?expires=1&sig=x', '/v1/payments/return?session_id=cs_none', `/book/${host.event}`]) {
      const answer = await fetch(app.url + path);
      expect(answer.headers.get('content-type'), path).toContain('text/html');
      expect(answer.headers.get('content-security-policy'), path).toBe("default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
      expect(answer.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });

  it('HSTS when PUBLIC_URL is https; the widget still loads from any site', async () => {
    app = await startTestApp({ env: { PUBLIC_URL: 'https://book.example.com' } });
    const widget = await fetch(`${app.url}/widget.js`, { headers: { origin: 'https://shop.example.org' } });
    expect(widget.status).toBe(200);
    expect(widget.headers.get('strict-transport-security')).toBe('max-age=31536000');
    expect(widget.headers.get('access-control-allow-origin')).toBe('*');
    expect(widget.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(widget.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(widget.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
