import type { APIRequestContext, Page } from '@playwright/test';
import { PORTS } from '../ports.mjs';

export const API = `http://localhost:${PORTS.api}`;

/** Records the widget's DOM events as a host page would (they bubble to document). */
export async function recordWidgetEvents(page: Page, types: string[]): Promise<void> {
  await page.addInitScript((types) => {
    const seen: Array<{ type: string; detail: unknown }> = [];
    (window as unknown as { openslotEvents: typeof seen }).openslotEvents = seen;
    for (const type of types) document.addEventListener(type, (event) => seen.push({ type, detail: (event as CustomEvent).detail }));
  }, types);
}

export async function widgetEvents(page: Page): Promise<Array<{ type: string; detail: any }>> {
  return page.evaluate(() => (window as unknown as { openslotEvents: Array<{ type: string; detail: any }> }).openslotEvents);
}

/** Books the first free time of alice/intro straight through the API, as an earlier visit would have. */
export async function bookThroughApi(request: APIRequestContext, attendee: { name: string; email: string }) {
  const month = new Date().toISOString().slice(0, 7);
  const next = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 1)).toISOString().slice(0, 7);
  const slots = await request.get(`${API}/v1/slots`, { params: { event: 'alice/intro', start: `${month}-01`, end: `${next}-28`, timeZone: 'UTC' } });
  const free = Object.values((await slots.json()).slots as Record<string, Array<{ start: string }>>).flat();
  const response = await request.post(`${API}/v1/bookings`, {
    data: { event: 'alice/intro', start: free[0]!.start, timeZone: 'UTC', attendee },
  });
  if (response.status() !== 201) throw new Error(`booking failed: ${response.status()} ${await response.text()}`);
  return (await response.json()) as { booking: { uid: string; start: string }; manageToken: string };
}
