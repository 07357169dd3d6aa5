import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'svix';
import { z } from 'zod';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  path: string;
  /** The message id: the same on every retry of one event. */
  id: string;
  type: string;
}

/** What the receiver answers: a status (now, or when the promise settles), or 'hang' to never answer (a receiver that died mid-request). */
export type Reply = number | 'hang' | Promise<number>;

export interface TestReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Decides the answer to each request; 200 by default. */
  reply: (request: ReceivedWebhook) => Reply;
  /** Resolves once `count` requests (of those `which` picks) have come in. */
  waitFor(count: number, which?: (request: ReceivedWebhook) => boolean): Promise<void>;
  close(): Promise<void>;
}

/** A real HTTP receiver on a free port, recording every webhook POST it gets. */
export async function startReceiver(): Promise<TestReceiver> {
  const received: ReceivedWebhook[] = [];
  const waiters: Array<{ count: number; which: (request: ReceivedWebhook) => boolean; resolve: () => void }> = [];
  const reached = (count: number, which: (request: ReceivedWebhook) => boolean) => received.filter(which).length >= count;
  const hanging = new Set<import('node:http').ServerResponse>();
  const receiver: TestReceiver = {
    url: '',
    received,
    reply: () => 200,
    waitFor: (count, which = () => true) => (reached(count, which) ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, which, resolve }))),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const request: ReceivedWebhook = { headers: req.headers, body, path: req.url!, id: String(req.headers['webhook-id']), type: JSON.parse(body).type };
      received.push(request);
      for (const waiter of waiters.filter((w) => reached(w.count, w.which))) waiter.resolve();
      const reply = receiver.reply(request);
      if (reply === 'hang') return void hanging.add(res);
      const answer = (status: number) => res.writeHead(status, { 'content-type': 'text/plain' }).end(`answered ${status}`);
      if (typeof reply === 'number') answer(reply);
      else void reply.then(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return receiver;
}

/** Verifies a received webhook the way a customer would: the official svix library. Returns the event. */
export function verifyWithSvix(secret: string, request: ReceivedWebhook): { type: string; timestamp: string; data: Record<string, any> } {
  const headers = Object.fromEntries(['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [name, String(request.headers[name])]));
  return new Webhook(secret).verify(request.body, headers) as never;
}

const validators = new Map<string, z.ZodType>();

/** A validator for the committed JSON Schema of one event type (server/webhook-schemas/v1). */
export function eventValidator(type: string): (body: unknown) => { success: boolean; error?: unknown } {
  if (!validators.has(type)) {
    const schema = JSON.parse(readFileSync(new URL(`../../webhook-schemas/v1/${type}.json`, import.meta.url), 'utf8'));
    validators.set(type, z.fromJSONSchema(schema));
  }
  return (body) => {
    const result = validators.get(type)!.safeParse(body);
    return result.success ? { success: true } : { success: false, error: result.error };
  };
}
