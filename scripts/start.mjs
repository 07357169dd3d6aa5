#!/usr/bin/env node
// `npm start`: the whole product on one machine — the API (which also serves the widget), the dev
// mail inbox and the demo site — on an embedded SQLite database that is migrated and seeded first.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const openslot = join(root, 'server/dist/bin/openslot.js');
const maildev = join(root, 'node_modules/maildev/dist/bin/maildev.js');

const apiPort = Number(process.env.PORT ?? 3000);
const demoPort = Number(process.env.DEMO_PORT ?? 4000);
const smtpPort = Number(process.env.MAILDEV_SMTP_PORT ?? 1025);
const inboxPort = Number(process.env.MAILDEV_WEB_PORT ?? 1080);
const apiUrl = process.env.PUBLIC_URL ?? `http://localhost:${apiPort}`;

const env = {
  ...process.env,
  PORT: String(apiPort),
  PUBLIC_URL: apiUrl,
  DATABASE_URL: process.env.DATABASE_URL ?? `sqlite:${join(root, 'data/openslot.db')}`,
  SMTP_URL: process.env.SMTP_URL ?? `smtp://127.0.0.1:${smtpPort}`,
  // Local receivers (the demo site's webhook endpoint) are fine on a developer's machine.
  WEBHOOK_ALLOW_PRIVATE_URLS: process.env.WEBHOOK_ALLOW_PRIVATE_URLS ?? 'true',
  OPENSLOT_ADMIN_KEY: process.env.OPENSLOT_ADMIN_KEY ?? 'dev-admin-key-change-me',
  // The demo host's external calendar is a feed the demo site serves.
  DEMO_SITE_URL: process.env.DEMO_SITE_URL ?? `http://localhost:${demoPort}`,
};

const seeded = spawnSync(process.execPath, [openslot, 'seed', '--demo'], { env, stdio: 'inherit' });
if (seeded.status !== 0) process.exit(seeded.status ?? 1);

const children = [
  spawn(process.execPath, [maildev, '--smtp', String(smtpPort), '--web', String(inboxPort), '--ip', '127.0.0.1', '--web-ip', '127.0.0.1'], { stdio: ['ignore', 'ignore', 'inherit'] }),
  spawn(process.execPath, [openslot, 'serve'], { env, stdio: 'inherit' }),
  spawn(process.execPath, [join(root, 'demo-site/serve.mjs')], { env: { ...env, DEMO_PORT: String(demoPort), OPENSLOT_API_URL: apiUrl }, stdio: 'inherit' }),
];

for (const child of children) {
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`A process of npm start stopped (${signal ?? `exit ${code}`}); stopping the others.`);
    stop(code ?? 1);
  });
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => stop());
process.on('SIGTERM', () => stop());

setTimeout(() => {
  console.log(`
  OpenSlot is running.

    Demo site (book a call):  http://localhost:${demoPort}
    API:                      ${apiUrl}   (health: ${apiUrl}/health, widget: ${apiUrl}/widget.js)
    Mail inbox (maildev):     http://localhost:${inboxPort}
    Admin API key:            ${env.OPENSLOT_ADMIN_KEY === 'dev-admin-key-change-me' ? 'dev-admin-key-change-me (set OPENSLOT_ADMIN_KEY to change)' : '(from OPENSLOT_ADMIN_KEY)'}

  Press Ctrl+C to stop.
`);
}, 1500).unref();
