import { describeError, type Logger } from '../logger.js';
import { LAST_USED_RESOLUTION_MS, type ApiKeysRepo } from './api-keys.repo.js';

// Past this many remembered keys, the ones not used for a minute are forgotten.
const MAX_REMEMBERED = 10_000;

/**
 * `last_used_at`, cheaply: a request only notes its key's use in memory; at most once a minute per
 * key (per process, and the UPDATE's own condition makes it once a minute across processes) a
 * write goes out in the background. No request waits for it, and a failed write is only logged.
 */
export function createKeyUsage(deps: { repo: ApiKeysRepo; logger: Logger }) {
  const { repo, logger } = deps;
  const written = new Map<number, number>();
  const inFlight = new Set<Promise<void>>();

  return {
    record(keyId: number, now: number): void {
      const last = written.get(keyId);
      if (last !== undefined && now - last < LAST_USED_RESOLUTION_MS) return;
      if (written.size >= MAX_REMEMBERED) for (const [id, at] of written) if (now - at >= LAST_USED_RESOLUTION_MS) written.delete(id);
      written.set(keyId, now);
      const write = repo
        .touch(keyId, now)
        .catch((error: unknown) => logger.warn('api key last use not recorded', { keyId, error: describeError(error) }))
        .finally(() => inFlight.delete(write));
      inFlight.add(write);
    },

    /** Waits for the writes under way (tests, shutdown). */
    async settled(): Promise<void> {
      await Promise.all([...inFlight]);
    },
  };
}

export type KeyUsage = ReturnType<typeof createKeyUsage>;
