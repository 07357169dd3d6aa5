import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { guardedLookup, PrivateAddressError } from '../webhooks/url-guard.js';
import { CalendarError } from './provider.js';

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HttpOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  /** WEBHOOK_ALLOW_PRIVATE_URLS: loopback and private addresses allowed (development, tests). */
  allowPrivate: boolean;
  /** Bodies longer than this are refused (a feed that never ends must not fill memory). */
  maxBytes?: number;
}

const MAX_REDIRECTS = 5;
const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/**
 * One HTTP exchange with a host-supplied URL (ICS feeds, CalDAV servers). node:http rather than
 * fetch because it takes a `lookup`: unless private URLs are allowed, the address connected to is
 * the address checked, on every redirect too, so DNS rebinding cannot reach an internal host.
 * Redirects keep the method and body (CalDAV discovery moves to an account's partition host).
 * Failures are `CalendarError`s: `timeout` when `signal` fires, `unavailable` otherwise.
 */
export async function calendarRequest(url: string, options: HttpOptions): Promise<HttpAnswer> {
  let target = new URL(url);
  for (let hop = 0; ; hop++) {
    const answer = await once(target, options);
    const location = answer.headers.location;
    if (answer.status >= 300 && answer.status < 400 && answer.status !== 304 && location && hop < MAX_REDIRECTS) {
      target = new URL(location, target);
      if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new CalendarError('unavailable', `redirected to a ${target.protocol} URL`);
      continue;
    }
    return answer;
  }
}

function once(target: URL, options: HttpOptions): Promise<HttpAnswer> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  return new Promise((resolve, reject) => {
    if (options.signal.aborted) return reject(new CalendarError('timeout', `${target.host} did not answer in time`));
    const headers = { 'user-agent': 'OpenSlot-Calendars/1', ...options.headers, ...(options.body !== undefined && { 'content-length': String(Buffer.byteLength(options.body)) }) };
    const request = (target.protocol === 'https:' ? httpsRequest : httpRequest)(target, {
      method: options.method ?? 'GET',
      headers,
      ...(!options.allowPrivate && { lookup: guardedLookup as never }),
    });
    const abort = () => request.destroy(new CalendarError('timeout', `${target.host} did not answer in time`));
    options.signal.addEventListener('abort', abort, { once: true });
    const done = () => options.signal.removeEventListener('abort', abort);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) request.destroy(new CalendarError('unavailable', `${target.host} sent more than ${Math.round(maxBytes / 1024 / 1024)} MB`));
        else chunks.push(chunk);
      });
      response.on('end', () => {
        done();
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') });
      });
      response.on('error', () => undefined);
    });
    request.on('error', (error) => {
      done();
      if (error instanceof CalendarError) return reject(error);
      if (error instanceof PrivateAddressError) return reject(new CalendarError('unavailable', 'the URL resolves to a private address'));
      reject(new CalendarError('unavailable', `${target.host}: ${(error as Error).message || 'no answer'}`));
    });
    request.end(options.body);
  });
}
