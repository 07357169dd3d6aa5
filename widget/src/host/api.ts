import { createClient, type OpenSlotClient } from '@openslot/sdk';

/*
 * One SDK client per server and token: the host components send the token (a session token a
 * platform's backend minted, or an API key) as `Authorization: Bearer` on every call.
 */
const clients = new Map<string, OpenSlotClient>();

export function hostClient(api: string, token: string): OpenSlotClient {
  const key = `${api}\n${token}`;
  let client = clients.get(key);
  if (!client) {
    client = createClient({ baseUrl: api, ...(token && { apiKey: token }) });
    clients.set(key, client);
  }
  return client;
}

/** Every page of a list, for the short lists a host edits (schedules, calendars): pages of 100 until `nextCursor` is null. */
export async function allPages<T>(fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}
