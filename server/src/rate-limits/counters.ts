/** How many hits a key has had in its current window, and when that window ends (epoch ms). */
export interface WindowCount {
  count: number;
  resetAt: number;
}

/**
 * Fixed-window counters: `hit` adds one to `key` in the window of `windowMs` that `now` falls in
 * and answers the new count. Windows are aligned to the epoch, so every process sharing a store
 * agrees on where a window starts.
 */
export interface CounterStore {
  hit(key: string, windowMs: number, now: number): Promise<WindowCount>;
  close(): Promise<void>;
}

export function windowOf(windowMs: number, now: number): { index: number; resetAt: number } {
  const index = Math.floor(now / windowMs);
  return { index, resetAt: (index + 1) * windowMs };
}

// Beyond this many live keys the oldest windows are swept; a flood of fresh addresses costs a
// bounded amount of memory rather than growing the process.
const MAX_KEYS = 100_000;

/** Counters in this process's memory: the default, and what a Redis store falls back to. */
export function createMemoryCounters(options: { maxKeys?: number } = {}): CounterStore {
  const maxKeys = options.maxKeys ?? MAX_KEYS;
  const windows = new Map<string, WindowCount>();

  function sweep(now: number): void {
    for (const [key, entry] of windows) if (entry.resetAt <= now) windows.delete(key);
    // Still full of live windows: forget the oldest half (Map keeps insertion order).
    if (windows.size >= maxKeys) for (const key of [...windows.keys()].slice(0, Math.ceil(maxKeys / 2))) windows.delete(key);
  }

  return {
    async hit(key, windowMs, now) {
      const { resetAt } = windowOf(windowMs, now);
      const entry = windows.get(key);
      if (entry && entry.resetAt === resetAt) {
        entry.count += 1;
        return { ...entry };
      }
      if (!entry && windows.size >= maxKeys) sweep(now);
      windows.delete(key);
      const fresh = { count: 1, resetAt };
      windows.set(key, fresh);
      return { ...fresh };
    },
    async close() {
      windows.clear();
    },
  };
}
