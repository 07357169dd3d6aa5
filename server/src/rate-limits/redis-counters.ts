import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { createMemoryCounters, windowOf, type CounterStore } from './counters.js';

// One round trip, atomic on the server: the first hit of a window sets its expiry.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`;

type HitClient = Redis & { openslotHit(key: string, ttlMs: number): Promise<number> };

// A warning a minute at most while Redis stays away, not one per request.
const WARN_EVERY_MS = 60_000;

/**
 * Counters in Redis, shared by every process given the same `REDIS_URL` and key prefix.
 *
 * When Redis does not answer (down, restarting, unreachable), a hit is counted in this process's
 * memory instead and a warning is logged: limits keep holding per process, and bookings keep
 * working. Failing closed would turn a Redis outage into an outage of every public route; the
 * things a limit protects are still guarded without it (the database never double-books, and the
 * daily mail cap per recipient is counted in the database).
 */
export function createRedisCounters(options: { url: string; keyPrefix: string; logger: Logger; commandTimeoutMs?: number }): CounterStore {
  const { url, keyPrefix, logger } = options;
  const client = new Redis(url, {
    keyPrefix,
    lazyConnect: true,
    // No queue while disconnected: a hit fails at once and is counted locally.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    commandTimeout: options.commandTimeoutMs ?? 500,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  }) as HitClient;
  client.defineCommand('openslotHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
  const fallback = createMemoryCounters();
  let warnedAt = -Infinity;

  // The URL may carry a password: log only that Redis is away, never where it is.
  function warn(error: unknown): void {
    if (Date.now() - warnedAt < WARN_EVERY_MS) return;
    warnedAt = Date.now();
    logger.warn('rate limits: Redis unreachable, counting in this process until it answers', { error: (error as Error)?.message ?? String(error) });
  }
  client.on('error', warn);
  void client.connect().catch(warn);

  return {
    async hit(key, windowMs, now) {
      const { index, resetAt } = windowOf(windowMs, now);
      try {
        const count = await client.openslotHit(`${key}:${index}`, resetAt - now + 1_000);
        return { count, resetAt };
      } catch (error) {
        warn(error);
        return fallback.hit(key, windowMs, now);
      }
    },
    async close() {
      client.disconnect();
      await fallback.close();
    },
  };
}
