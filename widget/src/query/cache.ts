/*
 * The widget's query cache: what it needs of query-core (one entry per key shared by every widget
 * on the page, requests deduplicated, data fresh for 30 s, a failed refetch keeping the data it
 * had, refetch of what is on screen when the window regains focus or the network, invalidation by
 * key prefix) in a fraction of its bytes, so it can load before the first slot. It takes the SDK's
 * query helpers (`slotsQuery`, `eventTypeQuery`: `{queryKey, queryFn}`) as they are.
 */

export interface QueryOptions<T> {
  queryKey: readonly unknown[];
  queryFn: (context: { signal: AbortSignal }) => Promise<T>;
}

/** `isSuccess`: there is data (possibly being refreshed, or after a failed refresh); `isPending`: not yet (loading, or the first load failed). */
export type QueryResult<T> = { error: Error | undefined; isFetching: boolean } & (
  | { data: T; isSuccess: true; isPending: false }
  | { data: undefined; isSuccess: false; isPending: true }
);

interface Entry {
  key: readonly unknown[];
  data?: unknown;
  error?: Error;
  updatedAt: number;
  fetching?: Promise<void>;
  fn: QueryOptions<unknown>['queryFn'];
  listeners: Set<() => void>;
  /** Marked stale by `invalidate` (a booking, cancel or reschedule) and not refetched since. */
  invalidated?: boolean;
}

const STALE_MS = 30_000;
const hash = (key: readonly unknown[]) => JSON.stringify(key);

export class QueryCache {
  readonly #entries = new Map<string, Entry>();
  #mounted = false;

  #entry(options: QueryOptions<unknown>): Entry {
    const id = hash(options.queryKey);
    let entry = this.#entries.get(id);
    if (!entry) this.#entries.set(id, (entry = { key: options.queryKey, updatedAt: 0, fn: options.queryFn, listeners: new Set() }));
    else entry.fn = options.queryFn;
    return entry;
  }

  #fetch(entry: Entry): Promise<void> {
    entry.fetching ??= (async () => {
      try {
        // The SDK's slots helper asks past HTTP caches once its entry was invalidated (query-core's
        // `client.getQueryState(key).isInvalidated`): this cache answers the same question.
        const context = { signal: new AbortController().signal, queryKey: entry.key, client: { getQueryState: () => ({ isInvalidated: entry.invalidated === true }) } };
        entry.data = await (entry.fn as (context: object) => Promise<unknown>)(context);
        entry.error = undefined;
        entry.updatedAt = Date.now();
        entry.invalidated = false;
      } catch (caught) {
        entry.error = caught instanceof Error ? caught : new Error(String(caught));
      } finally {
        entry.fetching = undefined;
        for (const listener of entry.listeners) listener();
      }
    })();
    for (const listener of entry.listeners) listener();
    return entry.fetching;
  }

  #stale(entry: Entry): boolean {
    return entry.updatedAt === 0 || Date.now() - entry.updatedAt > STALE_MS;
  }

  result<T>(options: QueryOptions<T>): QueryResult<T> {
    const entry = this.#entries.get(hash(options.queryKey));
    const base = { error: entry?.error, isFetching: entry?.fetching !== undefined };
    return entry?.data === undefined
      ? { ...base, data: undefined, isSuccess: false, isPending: true }
      : { ...base, data: entry.data as T, isSuccess: true, isPending: false };
  }

  /** Watches a key, fetching it when it has no fresh data; returns the unsubscribe function. */
  subscribe<T>(options: QueryOptions<T>, listener: () => void): () => void {
    const entry = this.#entry(options as QueryOptions<unknown>);
    entry.listeners.add(listener);
    if (this.#stale(entry) && !entry.fetching) void this.#fetch(entry);
    return () => entry.listeners.delete(listener);
  }

  refetch<T>(options: QueryOptions<T>): Promise<void> {
    return this.#fetch(this.#entry(options as QueryOptions<unknown>));
  }

  /** Fetches a key nobody shows yet (the next month), unless it is fresh. */
  prefetch<T>(options: QueryOptions<T>): Promise<void> {
    const entry = this.#entry(options as QueryOptions<unknown>);
    return this.#stale(entry) ? this.#fetch(entry) : Promise.resolve();
  }

  /** Marks every entry under `prefix` stale and refetches the ones on screen. */
  invalidate(prefix: readonly unknown[]): Promise<void> {
    const head = hash(prefix).slice(0, -1);
    const work: Array<Promise<void>> = [];
    for (const [id, entry] of this.#entries) {
      if (!id.startsWith(head) || (id.length > head.length && id[head.length] !== ',' && id[head.length] !== ']')) continue;
      entry.updatedAt = 0;
      entry.invalidated = true;
      if (entry.listeners.size > 0) work.push(this.#fetch(entry));
    }
    return Promise.all(work).then(() => undefined);
  }

  clear(): void {
    this.#entries.clear();
  }

  /** Refetches stale entries on screen when the tab becomes visible again or the network returns. */
  mount(): void {
    if (this.#mounted) return;
    this.#mounted = true;
    const refresh = () => {
      if (document.visibilityState !== 'visible') return;
      for (const entry of this.#entries.values()) if (entry.listeners.size > 0 && this.#stale(entry)) void this.#fetch(entry);
    };
    document.addEventListener('visibilitychange', refresh);
    window.addEventListener('focus', refresh);
    window.addEventListener('online', refresh);
  }
}
