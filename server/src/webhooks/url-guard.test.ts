import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test-support/test-app.js';
import { startReceiver, type TestReceiver } from '../test-support/webhook-receiver.js';
import { postWebhook } from './http-post.js';
import { checkWebhookUrl, isPrivateAddress } from './url-guard.js';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1', '127.255.0.9', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
    '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fe80::1%eth0', 'fc00::1', 'fd12:3456::1', 'ff02::1',
    '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '0:0:0:0:0:ffff:a9fe:a9fe', '64:ff9b::a00:1', '2002:c0a8:101::1', 'not-an-ip',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1'])('allows %s', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});

describe('checkWebhookUrl', () => {
  it('refuses other schemes, credentials in the URL and names that resolve to loopback', async () => {
    await expect(checkWebhookUrl('ftp://example.com/x', false)).rejects.toThrow(/http or https/);
    await expect(checkWebhookUrl('https://user:pw@example.com/x', false)).rejects.toThrow(/credentials/);
    await expect(checkWebhookUrl('http://localhost:8080/x', false)).rejects.toThrow(/private/);
    await expect(checkWebhookUrl('http://[::ffff:127.0.0.1]/x', false)).rejects.toThrow(/private/);
    await expect(checkWebhookUrl('http://93.184.215.14/x', false)).resolves.toBeInstanceOf(URL);
  });

  it('allows private addresses when WEBHOOK_ALLOW_PRIVATE_URLS is set', async () => {
    await expect(checkWebhookUrl('http://127.0.0.1:8080/x', true)).resolves.toBeInstanceOf(URL);
  });
});

describe('postWebhook at delivery time', () => {
  let receiver: TestReceiver;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());

  it('connects only to the addresses it checked: a name resolving to loopback is refused at connect time', async () => {
    const url = receiver.url.replace('127.0.0.1', 'localhost');
    const refused = await postWebhook(url, '{"type":"x"}', {}, { timeoutMs: 2_000, allowPrivate: false });
    expect(refused).toMatchObject({ statusCode: null, error: expect.stringMatching(/private address/) });
    expect(receiver.received).toHaveLength(0);

    const allowed = await postWebhook(receiver.url, '{"type":"x"}', { 'webhook-id': 'evt_1' }, { timeoutMs: 2_000, allowPrivate: true });
    expect(allowed).toMatchObject({ statusCode: 200, error: null, responseSnippet: 'answered 200' });
    expect(receiver.received).toHaveLength(1);
  });

  it('gives up after the timeout and reports it', async () => {
    receiver.reply = () => 'hang';
    const result = await postWebhook(receiver.url, '{"type":"x"}', {}, { timeoutMs: 200, allowPrivate: true });
    expect(result).toMatchObject({ statusCode: null, error: 'timed out after 0.2 s' });
  });
});

describe('webhook URLs without WEBHOOK_ALLOW_PRIVATE_URLS', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { WEBHOOK_ALLOW_PRIVATE_URLS: 'false' } });
    await app.api('POST', '/v1/users', { username: 'carol', name: 'Carol', email: 'carol@example.com', timeZone: 'UTC' });
  });
  afterAll(() => app?.close());

  it.each(['http://127.0.0.1:8080/hook', 'http://localhost/hook', 'http://[::1]/hook', 'http://[::ffff:10.0.0.1]/hook', 'http://169.254.169.254/latest', 'http://192.168.1.10/'])(
    'refuses %s with 400',
    async (url) => {
      const res = await app.api('POST', '/v1/webhooks', { owner: 'carol', url, events: ['BOOKING_CREATED'] });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'validation_failed', details: { fields: [{ field: 'url' }] } });
    },
  );
});
