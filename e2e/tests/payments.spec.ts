import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { Webhook } from 'svix';
import { ADMIN_KEY, PAYMENT_HOLD_SECONDS, PORTS } from '../ports.mjs';
import { API } from './helpers.js';

const INBOX = `http://localhost:${PORTS.inbox}`;
const owner = { authorization: `Bearer ${ADMIN_KEY}` };
const EVENT = 'alice/paid';

/** A webhook receiver of the site owner's, checking every delivery with svix's own verifier. */
async function startReceiver(): Promise<{ url: string; secret: string; verified: Array<{ type: string; data: any }>; failures: string[]; server: Server }> {
  const verified: Array<{ type: string; data: any }> = [];
  const failures: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk));
    req.on('end', () => {
      try {
        const headers = req.headers as IncomingHttpHeaders & Record<string, string>;
        verified.push(new Webhook(receiver.secret).verify(body, { 'webhook-id': headers['webhook-id'], 'webhook-timestamp': headers['webhook-timestamp'], 'webhook-signature': headers['webhook-signature'] }) as { type: string; data: any });
        res.writeHead(200).end('ok');
      } catch (error) {
        failures.push(String(error));
        res.writeHead(400).end('bad signature');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const receiver = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, secret: '', verified, failures, server };
  return receiver;
}

/** Picks the first offered time of the paid event in the widget and books it as `name`. */
async function bookFirstTime(page: Page, name: string, email: string): Promise<void> {
  await page.goto(`${API}/book/${EVENT}`);
  const widget = page.locator('openslot-booking');
  await expect(widget.getByRole('heading', { name: 'Paid session' })).toBeVisible();
  await expect(widget.getByText('€25.00')).toBeVisible();
  const available = widget.locator('button[data-date][aria-disabled="false"]');
  await expect(widget.locator('table[aria-busy="false"]')).toBeVisible();
  if ((await available.count()) === 0) await widget.getByRole('button', { name: 'Next month' }).click();
  await available.first().click();
  await widget.locator('button[part="time"]').first().click();
  await widget.locator('button[part~="confirm-time"]').click(); // the time list's Next
  await widget.getByLabel('Name').fill(name);
  await widget.getByLabel('Email').fill(email);
  await widget.getByRole('button', { name: 'Confirm booking' }).click();
}

async function bookingsOf(request: APIRequestContext, email: string) {
  const all = (await (await request.get(`${API}/v1/bookings?event=${EVENT}`, { headers: owner })).json()).bookings as Array<{ uid: string; status: string; start: string; attendee: { email: string }; payment: any }>;
  return all.filter((booking) => booking.attendee.email === email);
}

async function offered(request: APIRequestContext, start: string): Promise<boolean> {
  const day = start.slice(0, 10);
  const slots = (await (await request.get(`${API}/v1/slots`, { params: { event: EVENT, start: day, end: day, timeZone: 'UTC' } })).json()).slots as Record<string, Array<{ start: string }>>;
  return (slots[day] ?? []).some((slot) => slot.start === start);
}

let receiver: Awaited<ReturnType<typeof startReceiver>>;

test.beforeAll(async ({ request }) => {
  const created = await request.post(`${API}/v1/event-types`, { headers: owner, data: { owner: 'alice', slug: 'paid', title: 'Paid session', durationMinutes: 30, price: { amount: 2500, currency: 'eur' } } });
  expect(created.status()).toBe(201);
  receiver = await startReceiver();
  const subscribed = await request.post(`${API}/v1/webhooks`, { headers: owner, data: { owner: 'alice', url: receiver.url, events: ['BOOKING_PAID'], eventType: EVENT } });
  expect(subscribed.status()).toBe(201);
  receiver.secret = (await subscribed.json()).webhook.secret;
});

test.afterAll(async () => {
  receiver.server.closeAllConnections();
  await new Promise<void>((resolve) => receiver.server.close(() => resolve()));
});

test('a visitor pays for a booking on the checkout page and lands on their confirmed booking', async ({ page, request }) => {
  await bookFirstTime(page, 'Paz Payer', 'paz@example.com');

  // The widget hands over to Stripe's hosted page (the fake's), by way of the booking's checkout link.
  await page.waitForURL(new RegExp(`^http://127\\.0\\.0\\.1:${PORTS.stripe}/checkout/cs_`));
  await expect(page.getByText('Total: 2500 EUR')).toBeVisible();
  await page.getByRole('button', { name: 'Pay' }).click();

  // Back through /v1/payments/return to the booking's own page, confirmed.
  await page.waitForURL(new RegExp(`^${API}/manage/bookings/`));
  await expect(page.locator('openslot-booking').locator('.status')).toHaveText('Confirmed');
  const [booking] = await bookingsOf(request, 'paz@example.com');
  expect(booking).toMatchObject({ status: 'accepted', payment: { status: 'paid', amount: 2500, currency: 'eur', refundedAmount: 0 } });

  // The host's email shows what was paid.
  await expect
    .poll(async () => {
      const emails = (await (await request.get(`${INBOX}/api/email`)).json()) as Array<{ to: Array<{ address: string }>; subject: string; text: string }>;
      return emails.filter((email) => email.to.some((to) => to.address === 'alice@example.com') && email.subject.includes('Paz Payer')).map((email) => email.text);
    })
    .toEqual([expect.stringContaining('Payment: €25.00 paid')]);

  // The site owner's receiver got BOOKING_PAID, verified with svix's Webhook.verify.
  await expect.poll(() => receiver.verified.filter((event) => event.type === 'BOOKING_PAID').map((event) => event.data.booking.uid)).toEqual([booking!.uid]);
  expect(receiver.verified[0]!.data.payment).toEqual({ status: 'paid', amount: 2500, currency: 'eur', refundedAmount: 0 });
  expect(receiver.failures).toEqual([]);
});

test('a visitor who abandons the checkout holds the time only until the hold ends', async ({ page, request }) => {
  await bookFirstTime(page, 'Abe Abandoner', 'abe@example.com');
  await page.waitForURL(new RegExp(`^http://127\\.0\\.0\\.1:${PORTS.stripe}/checkout/cs_`));
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.waitForURL(new RegExp(`^${API}/manage/bookings/`));
  await expect(page.locator('openslot-booking').locator('.status')).toHaveText('Waiting for payment');

  const [held] = await bookingsOf(request, 'abe@example.com');
  expect(held).toMatchObject({ status: 'awaiting_payment', payment: { status: 'unpaid' } });
  expect(await offered(request, held!.start)).toBe(false);

  // When the hold ends the worker expires the session at Stripe, and the time is offered again.
  await expect.poll(() => offered(request, held!.start), { timeout: (PAYMENT_HOLD_SECONDS + 30) * 1000, intervals: [1000] }).toBe(true);
  const [expired] = await bookingsOf(request, 'abe@example.com');
  expect(expired).toMatchObject({ status: 'expired', payment: { status: 'expired', checkoutUrl: null } });
  await page.reload();
  await expect(page.locator('openslot-booking').locator('.status')).toHaveText('Expired');
});
