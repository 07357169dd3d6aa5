#!/usr/bin/env node
// npm run screenshots — renders what a visitor sees, state by state, to screenshots/*.png: the
// month, week and column layouts, the form (and its inline validation), the confirmation, manage
// mode, the popup, the zone picker, the dark theme, a 375 px phone and a missing event. The widget
// is the built dist/widget.js against a fake API (a realistic month: weekdays 9–17 every 30 min).
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const dist = new URL('../dist/', import.meta.url);
const out = new URL('../screenshots/', import.meta.url);
mkdirSync(out, { recursive: true });

const month = new Date().toISOString().slice(0, 7);
function slotsOf(m, timeZone) {
  const slots = {};
  const last = new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5)), 0)).getUTCDate();
  const today = new Date().toISOString().slice(0, 10);
  for (let day = 1; day <= last; day++) {
    const date = `${m}-${String(day).padStart(2, '0')}`;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    slots[date] = weekday === 0 || weekday === 6 || date <= today ? [] : Array.from({ length: 16 }, (_, i) => {
      const start = new Date(Date.parse(`${date}T09:00:00Z`) + i * 30 * 60_000);
      return { start: start.toISOString(), end: new Date(start.getTime() + 30 * 60_000).toISOString() };
    });
  }
  return { eventType: 'alice/intro', timeZone, slots };
}
const eventType = {
  event: 'alice/intro', owner: 'alice', slug: 'intro', title: 'Intro call',
  description: 'A first 30 minutes to see whether we are a fit: your goals, our process, next steps.',
  durationMinutes: 30, requiresConfirmation: false, seats: null, schedulingType: null,
  hosts: [{ username: 'alice', name: 'Alice Example', avatarUrl: '/avatar.svg' }, { username: 'bob', name: 'Bob Builder', avatarUrl: null }], recurring: null, price: { amount: 4500, currency: 'eur' },
  refundPolicy: { type: 'none' }, locationType: 'jitsi', bookingFields: [], timeZone: 'Europe/Berlin',
};
const later = `${month}-${String(Math.min(28, new Date().getUTCDate() + 7)).padStart(2, '0')}`;
function booking(input = { start: `${later}T09:00:00.000Z`, timeZone: 'Europe/Berlin', attendee: { name: 'Mia Visitor', email: 'mia@example.com' } }) {
  return {
    uid: 'bk_demo', status: 'accepted', eventType: 'alice/intro', title: `Intro call between Alice Example and ${input.attendee.name}`,
    start: input.start, end: new Date(Date.parse(input.start) + 30 * 60_000).toISOString(), timeZone: input.timeZone,
    hosts: [{ username: 'alice', name: 'Alice Example', email: 'alice@example.com' }],
    attendee: { name: input.attendee.name, email: input.attendee.email, timeZone: input.timeZone, locale: 'en' },
    guests: [], responses: {}, metadata: {}, location: { type: 'jitsi', url: 'https://meet.jit.si/openslot-demo', address: null },
    recurringSeriesUid: null, rescheduledFromUid: null, rescheduledToUid: null, cancellationReason: null, rejectionReason: null,
    payment: null, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(),
  };
}

const page = (body, { theme = 'light', style = '' } = {}) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>OpenSlot widget</title>
<style>body { margin: 0; padding: 24px; font-family: Georgia, serif; background: ${theme === 'dark' ? '#0b1220' : '#f6f7f9'}; color: ${theme === 'dark' ? '#eee' : '#222'}; } ${style}</style>
</head><body>${body}<script type="module" src="/widget.js"></script></body></html>`;
const attrs = 'event="alice/intro" time-zone="Europe/Berlin" locale="en-US"';
const pages = {
  month: page(`<openslot-booking ${attrs}></openslot-booking>`),
  week: page(`<openslot-booking ${attrs} layout="week"></openslot-booking>`),
  column: page(`<openslot-booking ${attrs} layout="column"></openslot-booking>`),
  dark: page(`<openslot-booking ${attrs} theme="dark"></openslot-booking>`, { theme: 'dark' }),
  manage: page(`<openslot-booking booking-uid="bk_demo" token="mt_demo" time-zone="Europe/Berlin" locale="en-US"></openslot-booking>`),
  popup: page(`<p>A site with a green brand.</p><openslot-button ${attrs}>Book a call</openslot-button>`, { style: ':root { --openslot-accent: #166534; }' }),
  missing: page(`<openslot-booking event="alice/nothing" locale="en-US"></openslot-booking>`),
};

const routes = { '/widget.js': readFileSync(new URL('widget.js', dist)) };
for (const chunk of readdirSync(new URL('widget/', dist)).filter((f) => f.endsWith('.js'))) routes[`/widget/${chunk}`] = readFileSync(new URL(`widget/${chunk}`, dist));
const json = (res, status, body) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://shots');
  if (url.pathname === '/v1/event-types/alice/intro') return json(res, 200, { eventType });
  if (url.pathname.startsWith('/v1/event-types/')) return json(res, 404, { error: { code: 'not_found', message: 'No such event type' } });
  if (url.pathname === '/v1/slots') return json(res, 200, slotsOf(url.searchParams.get('start').slice(0, 7), url.searchParams.get('timeZone')));
  if (url.pathname === '/v1/bookings' && req.method === 'POST') {
    let body = '';
    for await (const chunk of req) body += chunk;
    return json(res, 201, { booking: booking(JSON.parse(body)), manageToken: 'mt_demo' });
  }
  if (url.pathname === '/v1/bookings/bk_demo') return json(res, 200, { booking: booking() });
  if (url.pathname === '/avatar.svg') {
    const avatar = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="#f2c6a0"/><circle cx="32" cy="26" r="12" fill="#8a5a3c"/><rect x="12" y="42" width="40" height="30" rx="15" fill="#3b6e8f"/></svg>';
    return res.writeHead(200, { 'content-type': 'image/svg+xml' }).end(avatar);
  }
  if (routes[url.pathname]) return res.writeHead(200, { 'content-type': 'text/javascript' }).end(routes[url.pathname]);
  const name = url.pathname.slice(1).replace(/\.html$/, '');
  if (pages[name]) return res.writeHead(200, { 'content-type': 'text/html' }).end(pages[name]);
  res.writeHead(404).end();
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });

async function shot(name, path, { width = 1000, height = 900, act = async () => {}, colorScheme = 'light', target } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme, reducedMotion: 'reduce', deviceScaleFactor: 1 });
  const tab = await context.newPage();
  await tab.goto(`${origin}/${path}.html`);
  const widget = tab.locator(target ?? 'openslot-booking').first();
  await act(tab, widget);
  await tab.waitForLoadState('networkidle');
  await tab.screenshot({ path: new URL(`${name}.png`, out).pathname, fullPage: true });
  console.log(`screenshots/${name}.png`);
  await context.close();
}

const freeDay = (widget) => widget.locator('button[data-date][aria-disabled="false"]').first();
const pickDay = async (tab, widget) => {
  await freeDay(widget).click();
  await widget.locator('button[part="time"]').first().waitFor();
};
const pickTime = async (tab, widget) => {
  await pickDay(tab, widget);
  await widget.locator('button[part="time"]').nth(2).click();
  await widget.locator('button[part~="confirm-time"]').waitFor();
};
const toForm = async (tab, widget) => {
  await pickTime(tab, widget);
  await widget.locator('button[part~="confirm-time"]').click();
  await widget.getByLabel('Name').waitFor();
};

try {
  await shot('01-month', 'month', { act: async (tab, widget) => void (await freeDay(widget).waitFor()) });
  await shot('02-month-time-picked', 'month', { act: pickTime });
  await shot('03-week', 'week', { act: async (tab, widget) => void (await widget.locator('button[part="time"]').first().waitFor()) });
  await shot('04-column', 'column', { act: async (tab, widget) => void (await widget.locator('button[part="time"]').first().waitFor()) });
  await shot('05-form', 'month', { act: toForm });
  await shot('06-form-invalid', 'month', {
    act: async (tab, widget) => {
      await toForm(tab, widget);
      await widget.getByLabel('Email', { exact: true }).fill('mia@');
      await widget.getByRole('button', { name: 'Confirm booking' }).click();
      await widget.locator('.field-error').first().waitFor();
    },
  });
  await shot('07-confirmation', 'month', {
    act: async (tab, widget) => {
      await toForm(tab, widget);
      await widget.getByLabel('Name').fill('Mia Visitor');
      await widget.getByLabel('Email', { exact: true }).fill('mia@example.com');
      await widget.getByRole('button', { name: 'Confirm booking' }).click();
      await widget.locator('#done-heading').waitFor();
    },
  });
  await shot('08-manage', 'manage', { act: async (tab, widget) => void (await widget.locator('#manage-heading').waitFor()) });
  await shot('09-zone-picker', 'month', {
    act: async (tab, widget) => {
      await freeDay(widget).waitFor();
      await widget.locator('.zone-button').click();
      await widget.locator('#zone-search').fill('new');
      await widget.locator('.zone-option').first().waitFor();
    },
  });
  await shot('10-popup', 'popup', {
    target: 'openslot-button',
    act: async (tab, widget) => {
      await widget.getByRole('button', { name: 'Book a call' }).click();
      await pickDay(tab, widget);
    },
  });
  await shot('11-dark', 'dark', { colorScheme: 'dark', act: pickTime });
  await shot('12-phone-375', 'month', { width: 375, height: 812, act: pickTime });
  await shot('13-phone-375-form', 'month', { width: 375, height: 812, act: toForm });
  await shot('14-event-not-found', 'missing', { act: async (tab, widget) => void (await widget.locator('[part="error"]').waitFor()) });
} finally {
  await browser.close();
  server.close();
}
