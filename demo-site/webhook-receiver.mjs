#!/usr/bin/env node
/**
 * A webhook receiver the way an OpenSlot customer writes one: it verifies every request with the
 * official svix library (Standard Webhooks: OpenSlot signs the same way whether it delivers
 * itself or through Svix), ignores repeats of a message id, and logs the event.
 *
 *   WEBHOOK_SECRET=whsec_… PORT=4001 node webhook-receiver.mjs
 *
 * Subscribe it with the secret you get back once:
 *   curl -X POST $API/v1/webhooks -H "Authorization: Bearer $KEY" -H 'content-type: application/json' \
 *     -d '{"url": "http://localhost:4001/webhooks", "events": ["BOOKING_CREATED", "BOOKING_CANCELLED"]}'
 * (a local URL needs WEBHOOK_ALLOW_PRIVATE_URLS=true on the server).
 */
import { createServer } from 'node:http';
import { Webhook, WebhookVerificationError } from 'svix';

const secret = process.env.WEBHOOK_SECRET;
if (!secret?.startsWith('whsec_')) {
  console.error('Set WEBHOOK_SECRET to the whsec_… secret that POST /v1/webhooks returned.');
  process.exit(1);
}
const port = Number(process.env.PORT ?? 4001);
const webhook = new Webhook(secret);
// Retries carry the same webhook-id: remember the ones handled (a real app would use its database).
const seen = new Set();

const server = createServer((req, res) => {
  if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST' }).end();
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    // Verify the raw body, byte for byte: parsing and re-serialising would break the signature.
    const body = Buffer.concat(chunks).toString('utf8');
    let event;
    try {
      event = webhook.verify(body, {
        'webhook-id': req.headers['webhook-id'],
        'webhook-timestamp': req.headers['webhook-timestamp'],
        'webhook-signature': req.headers['webhook-signature'],
      });
    } catch (error) {
      console.warn(`refused: ${error instanceof WebhookVerificationError ? error.message : error}`);
      return void res.writeHead(400).end('bad signature');
    }
    const id = req.headers['webhook-id'];
    if (seen.has(id)) {
      console.log(`${id} again (a retry): already handled`);
      return void res.writeHead(200).end('ok');
    }
    seen.add(id);
    const { booking } = event.data;
    console.log(`${event.timestamp} ${event.type} ${booking.uid} ${booking.eventType} ${booking.start} ${booking.status} — ${booking.attendee.name} <${booking.attendee.email}>`);
    // Answer fast (2xx); do slow work afterwards. 410 Gone would unsubscribe this URL.
    res.writeHead(204).end();
  });
});

server.listen(port, () => console.log(`webhook receiver on http://localhost:${port}/webhooks`));
