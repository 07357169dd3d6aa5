// A tiny static server for the demo site, standing in for a customer's web host. It serves this
// folder and writes the OpenSlot API origin into the pages where they say %OPENSLOT_API_URL%.
// No dependencies: node:http only.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@openslot/sdk';

const root = fileURLToPath(new URL('.', import.meta.url));
const port = Number(process.env.DEMO_PORT ?? 4000);
const apiUrl = (process.env.OPENSLOT_API_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
// The platform's own key: it stays on this server, and only ever mints short-lived session tokens.
const adminKey = process.env.OPENSLOT_ADMIN_KEY ?? '';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};
// Browser builds of packages the pages import (through an import map, no build step): Vue's ESM
// browser build for vue.html, and the SDK with its one dependency for sdk.html.
const require = createRequire(import.meta.url);
const sdkEntry = require.resolve('@openslot/sdk');
const VENDOR = {
  '/vendor/vue.js': require.resolve('vue/dist/vue.esm-browser.prod.js'),
  '/vendor/sdk/': dirname(sdkEntry) + sep,
  '/vendor/query-core/': dirname(createRequire(sdkEntry).resolve('@tanstack/query-core')) + sep,
};

function vendorFile(pathname) {
  for (const [prefix, target] of Object.entries(VENDOR)) {
    if (pathname === prefix) return target;
    if (prefix.endsWith('/') && pathname.startsWith(prefix)) {
      const file = normalize(join(target, pathname.slice(prefix.length)));
      return file.startsWith(target) && file.endsWith('.js') ? file : null;
    }
  }
  return null;
}

// The folder also holds Node programs (this server, the webhook receiver): never serve those.
const isPrivate = (relative) => /^[^/]+\.mjs$/.test(relative) || ['package.json', 'README.md'].includes(relative);

// The demo host's "personal calendar", published as an ICS feed the way Google or Outlook publish
// one: a dentist appointment on the next weekday and a weekly team meeting, in Alice's zone. The
// seed connects it, so the booking page shows those hours as taken.
function demoCalendar() {
  const london = (date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(date);
  let day = new Date(`${london(new Date())}T12:00:00Z`);
  do day = new Date(day.getTime() + 86_400_000);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6);
  const ymd = day.toISOString().slice(0, 10).replaceAll('-', '');
  const monday = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Harbor & Pine//Demo calendar//EN',
    'X-WR-CALNAME:Alice (personal)',
    'BEGIN:VEVENT',
    `UID:dentist-${ymd}@demo.openslot`,
    'DTSTAMP:20260101T000000Z',
    `DTSTART;TZID=Europe/London:${ymd}T100000`,
    `DTEND;TZID=Europe/London:${ymd}T110000`,
    'SUMMARY:Dentist',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:team-meeting@demo.openslot',
    'DTSTAMP:20260101T000000Z',
    `DTSTART;TZID=Europe/London:${monday}T140000`,
    `DTEND;TZID=Europe/London:${monday}T150000`,
    'RRULE:FREQ=WEEKLY;BYDAY=MO',
    'SUMMARY:Team meeting',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

/*
 * `POST /api/host-session`: what a platform's backend does for a signed-in user before showing the
 * host dashboard (host.html): mint a session token for that one host with the admin key, through
 * the SDK, and hand only the token to the browser. The demo site has no accounts of its own, so
 * whoever opens the dashboard is its host, Alice; a real platform checks its own session first.
 */
const DEMO_HOST = 'alice';
async function hostSession(res) {
  if (!adminKey) return sendJson(res, 503, { error: { code: 'not_configured', message: 'Set OPENSLOT_ADMIN_KEY for the demo site to mint session tokens' } });
  const client = createClient({ baseUrl: apiUrl, apiKey: adminKey });
  try {
    const { token, expiresAt } = await client.sessionTokens.create({ username: DEMO_HOST });
    sendJson(res, 201, { token, expiresAt, username: DEMO_HOST });
  } catch (error) {
    sendJson(res, error.status ?? 502, { error: { code: error.code ?? 'session_failed', message: error.message } });
  }
}

function sendJson(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

const server = createServer(async (req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://demo');
  if (pathname === '/api/host-session') {
    if (req.method !== 'POST') return sendJson(res, 405, { error: { code: 'method_not_allowed', message: 'POST only' } });
    return hostSession(res);
  }
  if (pathname === '/calendar.ics') {
    const body = demoCalendar();
    const etag = `"${Buffer.from(body).toString('base64url').slice(-27)}"`;
    if (req.headers['if-none-match'] === etag) return res.writeHead(304, { etag }).end();
    res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8', etag });
    return res.end(body);
  }
  let relative = decodeURIComponent(pathname);
  if (relative.endsWith('/')) relative += 'index.html';
  const vendor = relative.startsWith('/vendor/') ? vendorFile(relative) : undefined;
  const file = vendor ?? normalize(join(root, relative));
  if (vendor === null || (!vendor && (!file.startsWith(root) || isPrivate(file.slice(root.length)) || file.split(sep).includes('node_modules')))) {
    return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
  }
  try {
    let body = await readFile(file);
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    if (type.startsWith('text/html')) body = Buffer.from(body.toString('utf8').replaceAll('%OPENSLOT_API_URL%', apiUrl));
    send(res, 200, type, body);
  } catch {
    send(res, 404, 'text/plain; charset=utf-8', 'Not found');
  }
});

function send(res, status, type, body) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-cache' });
  res.end(body);
}

server.listen(port, () => {
  console.log(`demo site on http://localhost:${port} (OpenSlot API ${apiUrl})`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
