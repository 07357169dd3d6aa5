import type { ReactiveControllerHost } from 'lit';

/*
 * Code that the first slot does not need (the booking form, manage mode, the week and column
 * layouts, the full zone list, the other catalogs) lives in chunks beside widget.js, loaded on
 * first use and prefetched when the browser is idle or the booker points at what needs them.
 */
export class Lazy<T> {
  value: T | undefined;
  #promise: Promise<T> | undefined;
  readonly #load: () => Promise<T>;

  constructor(load: () => Promise<T>) {
    this.#load = load;
  }

  load(): Promise<T> {
    this.#promise ??= this.#load().then(
      (value) => (this.value = value),
      (error: unknown) => {
        this.#promise = undefined; // a failed chunk (offline) may be tried again
        throw error;
      },
    );
    return this.#promise;
  }

  /** The module if loaded; otherwise starts loading it and updates `host` when it arrives. */
  get(host: ReactiveControllerHost): T | undefined {
    if (!this.value) this.load().then(() => host.requestUpdate(), () => host.requestUpdate());
    return this.value;
  }

  /** Loads it when the main thread is idle. */
  prefetch(): void {
    if (this.value || this.#promise) return;
    const idle = (globalThis as { requestIdleCallback?: (fn: () => void, o?: { timeout: number }) => void }).requestIdleCallback;
    const start = () => void this.load().catch(() => undefined);
    if (idle) idle(start, { timeout: 2000 });
    else setTimeout(start, 200);
  }
}

/** Resolves in a new task (after the browser could paint or handle input), not a microtask. */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
