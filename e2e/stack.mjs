#!/usr/bin/env node
// The stack the e2e tests drive: a fresh database (SQLite file, or a scratch MySQL database when
// DATABASE_URL names a MySQL server), seeded with the demo host, the API, maildev, the fake Stripe
// and the demo site.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN_KEY, PAYMENT_HOLD_SECONDS, PORTS, STRIPE_WEBHOOK_SECRET } from './ports.mjs';
import { startFakeGoogle } from '../server/test-fakes/fake-google.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const openslot = join(root, 'server/dist/bin/openslot.js');

async function freshDatabaseUrl() {
  const given = process.env.DATABASE_URL;
  if (!given?.startsWith('mysql://')) return `sqlite:${join(mkdtempSync(join(tmpdir(), 'openslot-e2e-')), 'e2e.db')}`;
  const knex = require(require.resolve('knex', { paths: [join(root, 'server')] }));
  const url = new URL(given);
  const admin = knex({ client: 'mysql2', connection: { host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } });
  // One scratch database per port offset, so two checkouts can run their e2e tests side by side.
  const name = `openslot_e2e${process.env.E2E_PORT_OFFSET ? `_${Number(process.env.E2E_PORT_OFFSET)}` : ''}`;
  await admin.raw(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.raw(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
  await admin.destroy();
  url.pathname = `/${name}`;
  return url.toString();
}

const apiUrl = `http://localhost:${PORTS.api}`;
// Google cannot be reached from here: a fake at the HTTP boundary, the official client pointed at it.
const google = await startFakeGoogle({ port: PORTS.google });
const env = {
  ...process.env,
  PORT: String(PORTS.api),
  PUBLIC_URL: apiUrl,
  DATABASE_URL: await freshDatabaseUrl(),
  SMTP_URL: `smtp://127.0.0.1:${PORTS.smtp}`,
  OPENSLOT_ADMIN_KEY: ADMIN_KEY,
  WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
  DEMO_SITE_URL: `http://localhost:${PORTS.demo}`,
  GOOGLE_CLIENT_ID: 'e2e-client',
  GOOGLE_CLIENT_SECRET: 'e2e-secret',
  GOOGLE_OAUTH_URL: google.url,
  GOOGLE_API_URL: google.url,
  LOG_LEVEL: 'warn',
  // Paid event types against the fake Stripe (server test support), which delivers its events here.
  STRIPE_SECRET_KEY: 'sk_test_e2e',
  STRIPE_API_URL: `http://127.0.0.1:${PORTS.stripe}`,
  STRIPE_WEBHOOK_SECRET,
  PAYMENT_HOLD_MINUTES: String(PAYMENT_HOLD_SECONDS / 60),
  // Console sign-in links live 30 s here, so console.spec.ts sees one expire.
  SIGN_IN_LINK_MINUTES: '0.5',
};

const seeded = spawnSync(process.execPath, [openslot, 'seed', '--demo'], { env, stdio: 'inherit' });
if (seeded.status !== 0) process.exit(seeded.status ?? 1);

const maildev = join(root, 'node_modules/maildev/dist/bin/maildev.js');
const fakeStripe = join(root, 'server/dist/test-support/fake-stripe/serve.js');
const stripeEnv = { ...process.env, FAKE_STRIPE_PORT: String(PORTS.stripe), FAKE_STRIPE_WEBHOOK_URL: `${apiUrl}/v1/stripe/webhook`, FAKE_STRIPE_WEBHOOK_SECRET: STRIPE_WEBHOOK_SECRET };
const children = [
  spawn(process.execPath, [fakeStripe], { env: stripeEnv, stdio: 'ignore' }),
  spawn(process.execPath, [maildev, '--smtp', String(PORTS.smtp), '--web', String(PORTS.inbox), '--ip', '127.0.0.1', '--web-ip', '127.0.0.1'], { stdio: 'ignore' }),
  spawn(process.execPath, [openslot, 'serve'], { env, stdio: 'inherit' }),
];
// The demo site comes up last, so Playwright (which waits for it) starts only when all is ready.
for (const url of [`${apiUrl}/health`, `http://127.0.0.1:${PORTS.inbox}/api/email`, env.STRIPE_API_URL]) {
  for (let ready = false; !ready; await new Promise((resolve) => setTimeout(resolve, 200))) {
    ready = await fetch(url).then((response) => response.ok, () => false);
  }
}
children.push(spawn(process.execPath, [join(root, 'demo-site/serve.mjs')], { env: { ...env, DEMO_PORT: String(PORTS.demo), OPENSLOT_API_URL: apiUrl }, stdio: 'inherit' }));
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
  void google.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
