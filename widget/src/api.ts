import { createClient, type OpenSlotClient } from '@openslot/sdk';
import { QueryCache } from './query/cache.js';

/*
 * One query cache for the whole page, so several widgets showing the same event and month share
 * requests, and one SDK client per server.
 */

let queryCache: QueryCache | undefined;
const clients = new Map<string, OpenSlotClient>();

export function sharedQueryClient(): QueryCache {
  if (!queryCache) {
    queryCache = new QueryCache();
    queryCache.mount(); // refetch on window focus / reconnect
  }
  return queryCache;
}

export function clientFor(api: string): OpenSlotClient {
  let client = clients.get(api);
  if (!client) {
    client = createClient({ baseUrl: api });
    clients.set(api, client);
  }
  return client;
}

/** The server this script was loaded from: `<script src="https://book.example.com/widget.js">` → that origin. */
export function scriptOrigin(): string {
  return new URL(import.meta.url).origin;
}
