import { Webhook } from 'svix';
import { describe, expect, it } from 'vitest';
import { verifyWebhook, WebhookVerificationError } from './verify-webhook.js';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const otherSecret = 'whsec_dGhpcyBpcyBhbm90aGVyIHNlY3JldCBrZXkhIQ==';
const body = JSON.stringify({ type: 'BOOKING_CREATED', timestamp: '2026-12-01T09:00:00Z', data: { booking: { uid: 'bk_1' } } });

function signedHeaders(signingSecret: string, id = 'msg_1', at = new Date()) {
  const signature = new Webhook(signingSecret).sign(id, at, body);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signature,
  };
}

describe('verifyWebhook', () => {
  it('accepts what svix signs and returns the parsed event', async () => {
    const event = await verifyWebhook(body, signedHeaders(secret), secret);

    expect(event).toMatchObject({ type: 'BOOKING_CREATED', data: { booking: { uid: 'bk_1' } } });
  });

  it('takes a Headers object and a byte payload', async () => {
    const headers = new Headers(signedHeaders(secret));

    await expect(verifyWebhook(new TextEncoder().encode(body), headers, secret)).resolves.toMatchObject({ type: 'BOOKING_CREATED' });
  });

  it('produces nothing svix would reject: svix verifies what we accept', async () => {
    const headers = signedHeaders(secret);

    expect(new Webhook(secret).verify(body, headers)).toEqual(await verifyWebhook(body, headers, secret));
  });

  it('accepts any of several signatures, as during secret rotation', async () => {
    const old = signedHeaders(otherSecret)['webhook-signature'];
    const headers = signedHeaders(secret);
    headers['webhook-signature'] = `${old} ${headers['webhook-signature']}`;

    await expect(verifyWebhook(body, headers, secret)).resolves.toBeTruthy();
    await expect(verifyWebhook(body, headers, otherSecret)).resolves.toBeTruthy();
  });

  it('rejects a tampered body, a wrong secret and a missing header', async () => {
    const headers = signedHeaders(secret);

    await expect(verifyWebhook(body.replace('bk_1', 'bk_2'), headers, secret)).rejects.toBeInstanceOf(WebhookVerificationError);
    await expect(verifyWebhook(body, headers, otherSecret)).rejects.toBeInstanceOf(WebhookVerificationError);
    await expect(verifyWebhook(body, { ...headers, 'webhook-id': 'msg_2' }, secret)).rejects.toBeInstanceOf(WebhookVerificationError);
    await expect(verifyWebhook(body, { 'webhook-id': 'msg_1' }, secret)).rejects.toThrow(/Missing/);
  });

  it('enforces the five-minute tolerance on both sides, as svix does', async () => {
    const at = new Date('2026-12-01T09:00:00Z');
    const headers = signedHeaders(secret, 'msg_1', at);
    const seconds = at.getTime() / 1000;

    await expect(verifyWebhook(body, headers, secret, { now: seconds + 299 })).resolves.toBeTruthy();
    await expect(verifyWebhook(body, headers, secret, { now: seconds + 301 })).rejects.toThrow(/tolerance/);
    await expect(verifyWebhook(body, headers, secret, { now: seconds - 301 })).rejects.toThrow(/tolerance/);
    expect(() => new Webhook(secret).verify(body, headers)).toThrow(); // svix agrees it is too old now
  });

  it('accepts svix-* header names too', async () => {
    const h = signedHeaders(secret);

    await expect(
      verifyWebhook(body, { 'svix-id': h['webhook-id'], 'svix-timestamp': h['webhook-timestamp'], 'svix-signature': h['webhook-signature'] }, secret),
    ).resolves.toBeTruthy();
  });
});
