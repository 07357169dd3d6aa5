import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { QueryCache, QueryOptions, QueryResult } from '../query/cache.js';

export type ControllerOptions<T> = QueryOptions<T> & { enabled?: boolean };

/**
 * Binds a cache entry to a Lit host: the options are recomputed from the host before every update
 * (so changing `event`, `month` or `time-zone` switches entries), and each change of the entry
 * requests an update. The same idea as TanStack's lit-query adapter, in a few lines.
 */
export class QueryController<TData> implements ReactiveController {
  result: QueryResult<TData> | undefined;
  readonly #host: ReactiveControllerHost;
  readonly #cache: () => QueryCache;
  readonly #options: () => ControllerOptions<TData>;
  #current: ControllerOptions<TData> | undefined;
  #key = '';
  #unsubscribe: (() => void) | undefined;

  constructor(host: ReactiveControllerHost, cache: () => QueryCache, options: () => ControllerOptions<TData>) {
    this.#host = host;
    this.#cache = cache;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    this.#sync();
  }

  hostUpdate(): void {
    this.#sync();
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#key = '';
  }

  refetch(): void {
    if (this.#current) void this.#cache().refetch(this.#current);
  }

  #sync(): void {
    const options = this.#options();
    const key = options.enabled === false ? '' : JSON.stringify(options.queryKey);
    if (key !== this.#key) {
      this.#unsubscribe?.();
      this.#unsubscribe = undefined;
      this.#key = key;
      this.#current = key ? options : undefined;
      if (key) {
        this.#unsubscribe = this.#cache().subscribe(options, () => {
          this.result = this.#cache().result(options); // before the update, so willUpdate sees it
          this.#host.requestUpdate();
        });
      }
    }
    this.result = this.#current ? this.#cache().result(this.#current) : undefined;
  }
}
