import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, createServices, type Services } from '../app.js';
import { fixedClock } from '../clock.js';
import { loadConfig, type Config } from '../config.js';
import { silentLogger, type Logger } from '../logger.js';
import { createTestDb, type TestDb } from './test-db.js';

export const ADMIN_KEY = 'test-admin-key-0123456789';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface TestApp {
  url: string;
  services: Services;
  clock: ReturnType<typeof fixedClock>;
  testDb: TestDb;
  /** A JSON request; `token` goes in `Authorization: Bearer` (defaults to the admin key; pass null for none). */
  api<T = any>(method: string, path: string, body?: unknown, options?: { token?: string | null; headers?: Record<string, string> }): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

/** The real app on a real port over a real database, with a clock the test moves. */
export async function startTestApp(options: { now?: string; env?: Record<string, string>; sqliteFile?: string; logger?: Logger } = {}): Promise<TestApp> {
  const testDb = await createTestDb(options.sqliteFile ? { sqliteFile: options.sqliteFile } : {});
  const config: Config = loadConfig({ OPENSLOT_ADMIN_KEY: ADMIN_KEY, DATABASE_URL: testDb.url, LOG_LEVEL: 'silent', WEBHOOK_ALLOW_PRIVATE_URLS: 'true', RATE_LIMITS: 'off', ...options.env });
  const clock = fixedClock(options.now ?? '2026-12-01T08:00:00Z');
  const services = await createServices({ config, db: testDb.db, clock, logger: options.logger ?? silentLogger });
  const app = createApp(services);
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, () => resolve(listening));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    services,
    clock,
    testDb,
    async api(method, path, body, requestOptions = {}) {
      const token = requestOptions.token === undefined ? ADMIN_KEY : requestOptions.token;
      const response = await fetch(url + path, {
        method,
        headers: {
          ...(body !== undefined && { 'content-type': 'application/json' }),
          ...(token && { authorization: `Bearer ${token}` }),
          ...requestOptions.headers,
        },
        ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await services.mailer.close();
      await services.rateLimiter?.close();
      await testDb.destroy();
    },
  };
}
