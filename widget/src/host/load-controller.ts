import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Loads data for a host component whenever its key changes (the server, the token, the user, a
 * tab or a cursor), like `@lit/task` in a few lines: `value` keeps the last answer while the next
 * one loads, and an answer that arrives after the key moved on is dropped.
 */
export class LoadController<T> implements ReactiveController {
  value: T | undefined;
  error: Error | undefined;
  loading = false;
  readonly #host: ReactiveControllerHost;
  readonly #key: () => readonly unknown[] | null;
  readonly #load: (signal: AbortSignal) => Promise<T>;
  readonly #onError: (error: Error) => void;
  #lastKey: string | undefined;
  #abort: AbortController | undefined;

  constructor(host: ReactiveControllerHost, options: { key: () => readonly unknown[] | null; load: (signal: AbortSignal) => Promise<T>; onError: (error: Error) => void }) {
    this.#host = host;
    this.#key = options.key;
    this.#load = options.load;
    this.#onError = options.onError;
    host.addController(this);
  }

  hostUpdate(): void {
    const key = this.#key();
    const serialised = key === null ? undefined : JSON.stringify(key);
    if (serialised !== undefined && serialised !== this.#lastKey) {
      this.#lastKey = serialised;
      void this.#run();
    }
  }

  hostDisconnected(): void {
    this.#abort?.abort();
    this.#lastKey = undefined;
  }

  /** Loads again with the same key (after a change elsewhere, or from a Retry button). */
  reload(): Promise<void> {
    return this.#run();
  }

  async #run(): Promise<void> {
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.loading = true;
    this.error = undefined;
    this.#host.requestUpdate();
    try {
      const value = await this.#load(abort.signal);
      if (abort.signal.aborted) return;
      this.value = value;
    } catch (error) {
      if (abort.signal.aborted) return;
      this.error = error instanceof Error ? error : new Error(String(error));
      this.#onError(this.error);
    }
    this.loading = false;
    this.#host.requestUpdate();
  }
}
