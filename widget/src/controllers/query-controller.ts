import { QueryObserver, type QueryClient, type QueryObserverOptions, type QueryObserverResult } from '@openslot/sdk';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Binds a query-core observer to a Lit host: the options are recomputed from the host before every
 * update (so changing `event`, `month` or `time-zone` switches queries), and each new result
 * requests an update. The same idea as TanStack's lit-query adapter, in a few lines.
 */
export class QueryController<TData> implements ReactiveController {
  result: QueryObserverResult<TData, Error> | undefined;
  readonly #host: ReactiveControllerHost;
  readonly #queryClient: () => QueryClient;
  readonly #options: () => QueryObserverOptions<TData, Error, TData, TData, readonly unknown[]>;
  #observer: QueryObserver<TData, Error, TData, TData, readonly unknown[]> | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(
    host: ReactiveControllerHost,
    queryClient: () => QueryClient,
    options: () => QueryObserverOptions<TData, Error, TData, TData, readonly unknown[]>,
  ) {
    this.#host = host;
    this.#queryClient = queryClient;
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
  }

  refetch(): void {
    void this.#observer?.refetch();
  }

  #sync(): void {
    const options = this.#options();
    if (this.#observer) this.#observer.setOptions(options);
    else this.#observer = new QueryObserver(this.#queryClient(), options);
    this.#unsubscribe ??= this.#observer.subscribe((result) => {
      this.result = result;
      this.#host.requestUpdate();
    });
    this.result = this.#observer.getCurrentResult();
  }
}
