import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { guardedLookup } from './url-guard.js';

export interface PostResult {
  /** `null` when no answer came: timeout, refused connection, refused address. */
  statusCode: number | null;
  durationMs: number;
  error: string | null;
  responseSnippet: string | null;
}

const SNIPPET_CHARS = 500;

/**
 * One webhook POST. node:http rather than fetch because it takes a `lookup`: with private URLs
 * refused, the address connected to is the address checked. Never throws; the dispatcher records
 * what happened. `signal` aborts (the dispatcher is stopping): that rejects, as it is no attempt.
 */
export function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; allowPrivate: boolean; signal?: AbortSignal },
): Promise<PostResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const request = (target.protocol === 'https:' ? httpsRequest : httpRequest)(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body).toString(), 'user-agent': 'OpenSlot-Webhooks/1', ...headers },
      ...(!options.allowPrivate && { lookup: guardedLookup as never }),
      ...(options.signal && { signal: options.signal }),
    });
    const timer = setTimeout(() => request.destroy(new Error(`timed out after ${options.timeoutMs / 1000} s`)), options.timeoutMs);
    request.on('response', (response) => {
      let snippet = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        if (snippet.length < SNIPPET_CHARS) snippet += chunk;
      });
      response.on('error', () => undefined);
      // 'close' also comes when the timeout cuts a slow body off: the status still counts.
      response.on('close', () => {
        clearTimeout(timer);
        const error = response.complete ? null : 'the response was cut off';
        resolve({ statusCode: response.statusCode ?? null, durationMs: elapsed(), error, responseSnippet: snippet.slice(0, SNIPPET_CHARS) || null });
      });
    });
    request.on('error', (error) => {
      clearTimeout(timer);
      if (options.signal?.aborted) return reject(error);
      resolve({ statusCode: null, durationMs: elapsed(), error: error.message || String(error), responseSnippet: null });
    });
    request.end(body);
  });
}
