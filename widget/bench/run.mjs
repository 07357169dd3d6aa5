#!/usr/bin/env node
// npm run bench:widget — what the widget costs a host page, beside a page that only fetches the
// same JSON and shows the times with a few lines of DOM code. Both pages are served with the same
// fake API answers from one local server (gzip, as a CDN would), and loaded in Debian's Chromium
// with the CPU throttled (CDP Emulation.setCPUThrottlingRate). Figures are medians of RUNS loads.
import { createServer } from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const RATES = (process.env.BENCH_CPU_RATES ?? '1,4').split(',').map(Number);
const here = new URL('.', import.meta.url);
const file = (path) => readFileSync(new URL(path, here));

// A realistic month: every weekday from 09:00 to 17:00 every 30 minutes.
function slotsOf(month) {
  const slots = {};
  const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 0)).getUTCDate();
  for (let day = 1; day <= last; day++) {
    const date = `${month}-${String(day).padStart(2, '0')}`;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    slots[date] = weekday === 0 || weekday === 6 ? [] : Array.from({ length: 16 }, (_, i) => {
      const start = new Date(Date.parse(`${date}T09:00:00Z`) + i * 30 * 60_000);
      return { start: start.toISOString(), end: new Date(start.getTime() + 30 * 60_000).toISOString() };
    });
  }
  return { eventType: 'alice/intro', timeZone: 'UTC', slots };
}
const eventType = {
  eventType: {
    event: 'alice/intro', owner: 'alice', slug: 'intro', title: 'Intro call', description: 'A first chat', durationMinutes: 30,
    requiresConfirmation: false, seats: null, schedulingType: null, hosts: [{ username: 'alice', name: 'Alice Example', avatarUrl: null }],
    recurring: null, price: null, locationType: 'jitsi', bookingFields: [], timeZone: 'UTC',
  },
};

const routes = {
  '/widget.html': ['text/html', file('widget.html')],
  '/baseline.html': ['text/html', file('baseline.html')],
  '/probe.js': ['text/javascript', file('probe.js')],
  '/widget.js': ['text/javascript', file('../dist/widget.js')],
};
// The chunks widget.js loads on demand, served as the OpenSlot server serves them.
for (const chunk of readdirSync(new URL('../dist/widget/', here)).filter((f) => f.endsWith('.js'))) {
  routes[`/widget/${chunk}`] = ['text/javascript', file(`../dist/widget/${chunk}`)];
}
console.log('chunk                                   raw KB   gzip KB');
for (const [path, [type, body]] of Object.entries(routes)) {
  if (type !== 'text/javascript' || path === '/probe.js') continue;
  console.log(`${path.slice(1).padEnd(38)} ${(body.length / 1024).toFixed(1).padStart(7)} ${(gzipSync(body, { level: 9 }).length / 1024).toFixed(1).padStart(9)}`);
}
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://bench');
  let type, body;
  if (url.pathname === '/v1/event-types/alice/intro') [type, body] = ['application/json', JSON.stringify(eventType)];
  else if (url.pathname === '/v1/slots') [type, body] = ['application/json', JSON.stringify(slotsOf(url.searchParams.get('start').slice(0, 7)))];
  else if (routes[url.pathname]) [type, body] = routes[url.pathname];
  else return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', 'cache-control': 'no-store' }).end(gzipSync(body));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});

/** One cold load: time from the page's `start` mark (just before the script tag) to the first slot, and main-thread time. */
async function load(page, rate) {
  const context = await browser.newContext();
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await cdp.send('Performance.enable');
  const before = metricsOf(await cdp.send('Performance.getMetrics'));
  await tab.goto(`${origin}/${page}.html`);
  await tab.waitForFunction(() => performance.getEntriesByName('first-slot').length > 0, null, { timeout: 60_000, polling: 100 });
  // Let what follows the first slot (the widget prefetches next month) finish before measuring.
  await tab.waitForLoadState('networkidle');
  const after = metricsOf(await cdp.send('Performance.getMetrics'));
  const timing = await tab.evaluate(() => ({
    firstSlot: performance.getEntriesByName('first-slot')[0].startTime - performance.getEntriesByName('start')[0].startTime,
    firstSlotFromNavigation: performance.getEntriesByName('first-slot')[0].startTime,
    longTasks: window.longTasks.length,
    longTaskMs: window.longTasks.reduce((sum, d) => sum + d, 0),
    longestTaskMs: Math.max(0, ...window.longTasks),
    // Tasks that began after the page reached the script tag: what the widget (or the fetch-only
    // code) caused, not the navigation's own parsing task.
    longestTaskAfterStartMs: Math.max(0, ...window.longTaskEntries.filter((t) => t.start >= performance.getEntriesByName('start')[0].startTime).map((t) => t.duration)),
    jsBytes: performance.getEntriesByType('resource').filter((r) => r.initiatorType === 'script').reduce((sum, r) => sum + r.transferSize, 0),
  }));
  await context.close();
  return {
    ...timing,
    taskMs: (after.TaskDuration - before.TaskDuration) * 1000,
    scriptMs: (after.ScriptDuration - before.ScriptDuration) * 1000,
    layoutStyleMs: (after.LayoutDuration + after.RecalcStyleDuration - before.LayoutDuration - before.RecalcStyleDuration) * 1000,
  };
}

function metricsOf({ metrics }) {
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const KEYS = ['firstSlot', 'firstSlotFromNavigation', 'taskMs', 'scriptMs', 'layoutStyleMs', 'longTasks', 'longTaskMs', 'longestTaskMs', 'longestTaskAfterStartMs', 'jsBytes'];

try {
  await load('widget', 1); // warm the browser's own caches (not the page's: every load is a fresh context)
  for (const rate of RATES) {
    const results = {};
    for (const page of ['baseline', 'widget']) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await load(page, rate));
      results[page] = Object.fromEntries(KEYS.map((k) => [k, median(runs.map((r) => r[k]))]));
    }
    console.log(`\nCPU ${rate}x slower, median of ${RUNS} cold loads`);
    console.log('metric                                  baseline    widget    widget/baseline   widget−baseline');
    const rows = [
      ['script start → first slot shown (ms)', 'firstSlot'],
      ['navigation → first slot shown (ms)', 'firstSlotFromNavigation'],
      ['main-thread task time (ms)', 'taskMs'],
      ['  of which script (ms)', 'scriptMs'],
      ['  of which style + layout (ms)', 'layoutStyleMs'],
      ['long tasks (count)', 'longTasks'],
      ['long tasks (ms)', 'longTaskMs'],
      ['longest task (ms)', 'longestTaskMs'],
      ['  longest after the script tag (ms)', 'longestTaskAfterStartMs'],
      ['script transferred (KB gzip)', 'jsBytes'],
    ];
    for (const [label, key] of rows) {
      const scale = key === 'jsBytes' ? 1 / 1024 : 1;
      const [b, w] = [results.baseline[key] * scale, results.widget[key] * scale];
      const ratio = b > 0 ? `${(w / b).toFixed(2)}x` : '–';
      console.log(`${label.padEnd(38)} ${b.toFixed(1).padStart(9)} ${w.toFixed(1).padStart(9)} ${ratio.padStart(17)} ${(w - b).toFixed(1).padStart(17)}`);
    }
    const [b, w] = [results.baseline, results.widget];
    console.log(`summary at ${rate}x: first slot ${w.firstSlot.toFixed(0)} ms vs ${b.firstSlot.toFixed(0)} ms fetch-only (${(w.firstSlot / b.firstSlot).toFixed(2)}x, goal ≤ 1.3x); ` +
      `added main-thread time ${(w.taskMs - b.taskMs).toFixed(0)} ms (goal ≤ 100); longest task ${w.longestTaskMs.toFixed(0)} ms (fetch-only page ${b.longestTaskMs.toFixed(0)} ms), ` +
      `after the script tag ${w.longestTaskAfterStartMs.toFixed(0)} ms (fetch-only ${b.longestTaskAfterStartMs.toFixed(0)} ms; goal ≤ 50); ` +
      `${(w.jsBytes / 1024).toFixed(1)} KB script transferred`);
  }
} finally {
  await browser.close();
  server.close();
}
