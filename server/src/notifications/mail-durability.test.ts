import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHost } from '../test-support/bookings.js';
import { freePort } from '../test-support/loopback/free-port.js';
import { buildBin, startBin, type RunningBin } from '../test-support/openslot-bin.js';
import { startInbox } from '../test-support/smtp-inbox.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../test-support/test-app.js';
import { testDialect } from '../test-support/test-db.js';

// The booking commits while the mail server is down; the API process is killed with SIGKILL
// before any retry; the mail server comes back and a separate `openslot worker` starts: every
// email of that booking arrives, once.
describe(`mail survives a crash after commit (${testDialect()})`, () => {
  let dir: string;
  let app: TestApp;
  const running: RunningBin[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'openslot-mail-'));
    app = await startTestApp({ sqliteFile: join(dir, 'openslot.db') });
    await buildBin();
  }, 60_000);
  afterAll(async () => {
    for (const bin of running) bin.child.kill('SIGKILL');
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('SMTP down, kill -9, restart: the email arrives', async () => {
    const host = await createHost(app, 'mira', { bookingWindow: { type: 'unlimited' } });
    const smtpPort = await freePort();
    const env = { DATABASE_URL: app.testDb.url, OPENSLOT_ADMIN_KEY: ADMIN_KEY, SMTP_URL: `smtp://127.0.0.1:${smtpPort}` };

    const api = startBin('serve', { ...env, PORT: '0' }, 'listening');
    running.push(api);
    const url = (await api.ready).url as string;
    // A weekday at 10:00 UTC a week from now (the child runs on the real clock).
    const day = new Date(Date.now() + 7 * 86_400_000);
    while ([0, 6].includes(day.getUTCDay())) day.setUTCDate(day.getUTCDate() + 1);
    const start = `${day.toISOString().slice(0, 10)}T10:00:00Z`;
    const booked = await fetch(`${url}/v1/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event: host.event, start, timeZone: 'UTC', attendee: { name: 'Nina', email: 'nina@example.net' } }),
    });
    expect(booked.status).toBe(201);
    // Its worker tried at once and failed (nothing listens): the retries are recorded, then it dies.
    const mails = () => app.testDb.db('jobs').where({ kind: 'mail.booking' }).select('status', 'last_error', 'lease_owner');
    while (!(await mails()).every((job) => job.last_error && !job.lease_owner)) await new Promise((resolve) => setTimeout(resolve, 50));
    api.child.kill('SIGKILL');
    await api.exited;

    const inbox = await startInbox(undefined, { port: smtpPort });
    try {
      const worker = startBin('worker', env, 'webhook dispatcher running');
      running.push(worker);
      await worker.ready;
      // The retries are due 5 s after the failed tries.
      while (!(await mails()).every((job) => job.status === 'done')) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(inbox.mails.map((mail) => mail.to[0]).sort()).toEqual(['mira@example.com', 'nina@example.net']);
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
    } finally {
      await inbox.close();
    }
  }, 60_000);
});
