import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface IcsServer {
  url: string;
  /** Serves `body` at `/name.ics` (with an ETag), or makes that path hang or send endless data. */
  feed(name: string, body: string | 'hang' | 'endless'): string;
  /** Requests seen per path, with their If-None-Match. */
  requests: Array<{ path: string; ifNoneMatch: string | null; status: number }>;
  close(): Promise<void>;
}

/** A local web server publishing ICS feeds the way calendar providers do (ETag, 304). */
export async function startIcsServer(): Promise<IcsServer> {
  const feeds = new Map<string, string>();
  const requests: IcsServer['requests'] = [];
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const body = feeds.get(path);
    const ifNoneMatch = (req.headers['if-none-match'] as string | undefined) ?? null;
    const answer = (status: number) => requests.push({ path, ifNoneMatch, status });
    if (body === undefined) {
      answer(404);
      return res.writeHead(404).end();
    }
    if (body === 'hang') {
      answer(0);
      hanging.add(res);
      return;
    }
    if (body === 'endless') {
      answer(200);
      res.writeHead(200, { 'content-type': 'text/calendar' });
      const chunk = Buffer.alloc(256 * 1024, 'X');
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
      return;
    }
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    if (ifNoneMatch === etag) {
      answer(304);
      return res.writeHead(304, { etag }).end();
    }
    answer(200);
    res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8', etag }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    feed(name, body) {
      feeds.set(`/${name}.ics`, body);
      return `${url}/${name}.ics`;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** An iCalendar document of the given VEVENT bodies (each `DTSTART…`, UID added when missing). */
export function icsOf(...events: string[]): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//OpenSlot tests//EN'];
  events.forEach((event, k) => {
    lines.push('BEGIN:VEVENT', ...(event.includes('UID:') ? [] : [`UID:event-${k}@tests`]), 'DTSTAMP:20261101T000000Z', ...event.split('\n').map((line) => line.trim()).filter(Boolean), 'END:VEVENT');
  });
  lines.push('END:VCALENDAR');
  return lines.join('\r\n') + '\r\n';
}
