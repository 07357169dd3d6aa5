import { NetworkError, OpenSlotError, errorFromResponse, parseRetryAfter } from './errors.js';

export interface ClientOptions {
  /** The server's origin, `https://book.example.com` (a trailing slash is fine). */
  baseUrl: string;
  /** An owner's API key (or the platform admin key) for the owner endpoints. */
  apiKey?: string;
  /** A `fetch` to use instead of the global one (tests, proxies, instrumented fetch). */
  fetch?: typeof fetch;
  /** Per-attempt timeout; default 30 s. */
  timeoutMs?: number;
  /** Retries of an idempotent call after a network error, 429 or 5xx; default 2. */
  maxRetries?: number;
}

/** The last argument of every resource method, as in stripe-node. */
export interface RequestOptions {
  signal?: AbortSignal;
  /** A booking's manage token, sent as `Authorization: Bearer`; overrides the API key. */
  token?: string;
  /** Makes a POST safe to retry; the server answers a repeat with the first answer. */
  idempotencyKey?: string;
  headers?: Record<string, string>;
  /** fetch's cache mode; `no-cache` revalidates with the server past any HTTP cache (see `slotsQuery`). */
  cache?: RequestCache;
  timeoutMs?: number;
  maxRetries?: number;
}

export type Query = Record<string, unknown>;

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  query?: Query | undefined;
  body?: unknown;
  options?: RequestOptions | undefined;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_RETRIES = 2;
// A longer Retry-After is not waited out: the error (carrying `retryAfterMs`) goes to the caller,
// who can tell a person how long to wait instead of hanging on a spinner.
const MAX_RETRY_WAIT_MS = 10_000;
const MAX_RETRY_DELAY_MS = 60_000;

/**
 * fetch with a per-attempt timeout, the caller's abort signal, and retries with backoff for calls
 * that are safe to repeat: GET, or a POST carrying an Idempotency-Key. A 4xx is never retried.
 */
export class Transport {
  readonly baseUrl: string;
  readonly #options: ClientOptions;

  constructor(options: ClientOptions) {
    this.#options = options;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  url(path: string, query?: Query): string {
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  async request<T>(spec: RequestSpec): Promise<T> {
    const options = spec.options ?? {};
    const headers = this.#headers(spec, options);
    const idempotent = spec.method === 'GET' || headers.has('idempotency-key');
    const maxRetries = idempotent ? (options.maxRetries ?? this.#options.maxRetries ?? DEFAULT_MAX_RETRIES) : 0;
    const url = this.url(spec.path, spec.query);
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);

    for (let attempt = 0; ; attempt++) {
      let error: OpenSlotError;
      let retryAfterMs: number | undefined;
      try {
        const { response, parsed } = await this.#attempt(url, { method: spec.method, headers, body, ...(options.cache && { cache: options.cache }) }, options);
        if (response.ok) return parsed as T;
        error = errorFromResponse(response.status, parsed, response.headers);
        if (!isRetryableStatus(response.status)) throw error;
        // 429 and 503 may both say when to come back.
        retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      } catch (caught) {
        if (!(caught instanceof NetworkError)) throw caught;
        error = caught;
      }
      if (attempt >= maxRetries || (retryAfterMs ?? 0) > MAX_RETRY_WAIT_MS) throw error;
      await sleep(retryAfterMs ?? backoff(attempt), options.signal);
    }
  }

  #headers(spec: RequestSpec, options: RequestOptions): Headers {
    const headers = new Headers({ accept: 'application/json' });
    if (spec.body !== undefined) headers.set('content-type', 'application/json');
    const bearer = options.token ?? this.#options.apiKey;
    if (bearer) headers.set('authorization', `Bearer ${bearer}`);
    if (options.idempotencyKey) headers.set('idempotency-key', options.idempotencyKey);
    for (const [name, value] of Object.entries(options.headers ?? {})) headers.set(name, value);
    return headers;
  }

  /** One fetch; turns "no response" into NetworkError, lets the caller's own abort through untouched. */
  async #attempt(url: string, init: RequestInit, options: RequestOptions): Promise<{ response: Response; parsed: unknown }> {
    const fetchImpl = this.#options.fetch ?? globalThis.fetch;
    const timeoutMs = options.timeoutMs ?? this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const onAbort = () => controller.abort(options.signal?.reason);
    options.signal?.throwIfAborted();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      // The body is read inside the timeout too: a response can stall or reset half-way.
      const response = await fetchImpl(url, { ...init, signal: controller.signal });
      return { response, parsed: await readBody(response) };
    } catch (cause) {
      if (options.signal?.aborted) throw options.signal.reason;
      const timedOut = controller.signal.aborted;
      throw new NetworkError({
        code: timedOut ? 'timeout' : 'network_error',
        message: timedOut ? `No response within ${timeoutMs} ms` : `Could not reach ${new URL(url).origin}`,
        cause,
      });
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
    }
  }
}

function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** 0.5 s, 1 s, 2 s … with ±25 % jitter so many clients don't retry in lockstep. */
function backoff(attempt: number): number {
  const base = Math.min(500 * 2 ** attempt, 8_000);
  return base * (0.75 + Math.random() * 0.5);
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const delay = Math.min(ms, MAX_RETRY_DELAY_MS);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, delay);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
