import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('runs on defaults alone: SQLite under data/, port 3000, mail logged', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, databaseUrl: 'sqlite:data/openslot.db', smtpUrl: null, svix: null, stripe: null, publicUrl: 'http://localhost:3000' });
  });

  it('names every bad variable in one message', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'postgres://x', OPENSLOT_ADMIN_KEY: 'short' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT: must be a port number[\s\S]*DATABASE_URL: must be sqlite:PATH[\s\S]*OPENSLOT_ADMIN_KEY: must be at least 16/);
  });

  it('treats empty variables as unset and trims a trailing slash from PUBLIC_URL', () => {
    const config = loadConfig({ SMTP_URL: '', PUBLIC_URL: 'https://book.example.com/' });
    expect(config.smtpUrl).toBeNull();
    expect(config.publicUrl).toBe('https://book.example.com');
  });

  it('payments: Stripe only with a secret key, one-account mode unless STRIPE_CONNECT, a hold of at most an hour', () => {
    expect(loadConfig({}).paymentHoldMinutes).toBe(15);
    const config = loadConfig({ STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_x', PAYMENT_HOLD_MINUTES: '10' });
    expect(config.stripe).toEqual({ secretKey: 'sk_test_x', webhookSecret: 'whsec_x', connectWebhookSecret: null, apiUrl: null, connect: false });
    expect(config.paymentHoldMinutes).toBe(10);
    expect(loadConfig({ STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_CONNECT: 'true' }).stripe?.connect).toBe(true);
    expect(() => loadConfig({ PAYMENT_HOLD_MINUTES: '0' })).toThrow(/PAYMENT_HOLD_MINUTES: must be more than 0/);
    expect(() => loadConfig({ PAYMENT_HOLD_MINUTES: '90' })).toThrow(/PAYMENT_HOLD_MINUTES: must be at most 60/);
  });

  it('sessions: token, sign-in link and console lifetimes, bounded', () => {
    expect(loadConfig({}).sessions).toEqual({ tokenMinutes: 60, signInLinkMinutes: 15, consoleDays: 7 });
    expect(loadConfig({ SIGN_IN_LINK_MINUTES: '0.5' }).sessions.signInLinkMinutes).toBe(0.5);
    expect(() => loadConfig({ SESSION_TOKEN_MINUTES: '721' })).toThrow(/SESSION_TOKEN_MINUTES: must be at most 720/);
    expect(() => loadConfig({ SIGN_IN_LINK_MINUTES: '0' })).toThrow(/SIGN_IN_LINK_MINUTES: must be more than 0/);
    expect(() => loadConfig({ CONSOLE_SESSION_DAYS: '0' })).toThrow(/CONSOLE_SESSION_DAYS/);
  });
});

describe('loadConfig: hardening', () => {
  it('binds loopback, trusts no proxy and limits by default; RATE_LIMITS=off turns limits off', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ host: '127.0.0.1', trustProxy: false, redis: null, mailDailyLimitPerRecipient: 20 });
    expect(config.rateLimits).toEqual({ slotsPerMinute: 600, bookingsPerMinute: 30, bookingsPerEmailPerHour: 10, bookingsPerHostPerHour: 60, publicPerMinute: 120, apiKeyPerMinute: 1200 });
    expect(loadConfig({ RATE_LIMITS: 'off' }).rateLimits).toBeNull();
    expect(() => loadConfig({ RATE_LIMITS: 'maybe' })).toThrow(/RATE_LIMITS: must be on or off/);
    expect(() => loadConfig({ RATE_LIMIT_SLOTS_PER_MINUTE: '0' })).toThrow(/RATE_LIMIT_SLOTS_PER_MINUTE: must be a whole number/);
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('TRUST_PROXY takes the forms Express does, and names a bad entry', () => {
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::/8, 203.0.113.7' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8', '203.0.113.7']);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/40' })).toThrow(/TRUST_PROXY: must be true, false, a hop count[\s\S]*"10.0.0.0\/40"/);
    expect(() => loadConfig({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
  });

  it('REDIS_URL shares the counters under a key prefix', () => {
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redis).toEqual({ url: 'redis://127.0.0.1:6379', keyPrefix: 'openslot:rl:' });
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: 'eu1:' }).redis?.keyPrefix).toBe('eu1:');
    expect(() => loadConfig({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(/REDIS_URL: must be a redis:\/\//);
  });
});
